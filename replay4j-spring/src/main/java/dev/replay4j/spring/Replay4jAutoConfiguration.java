// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.spring;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;

/**
 * The customizers that send the model clients' calls to replay4j, one per HTTP client and Boot line; each is guarded
 * by the class it implements, so that one jar serves Boot 3.5 (Spring AI 1.1) and Boot 4.0 (Spring AI 2.0). Active
 * only in the contexts of {@code @Replay4jTest} classes.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration",
        "org.springframework.boot.autoconfigure.web.reactive.function.client.WebClientAutoConfiguration",
        "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
        "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration"})
@ConditionalOnProperty(name = Replay4jSpring.ACTIVE_PROPERTY, havingValue = "true")
public class Replay4jAutoConfiguration {
    /**
     * A reactive application gets no {@code RestClient.Builder} from Boot, and Spring AI and LangChain4j then build a
     * plain one of their own, which no customizer reaches: this one takes its place.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.web.client.RestClient")
    @ConditionalOnMissingBean(type = "org.springframework.web.client.RestClient$Builder")
    static class PlainRestClient {
        @Bean
        @Scope("prototype")
        org.springframework.web.client.RestClient.Builder replay4jRestClientBuilder() {
            return org.springframework.web.client.RestClient.builder().requestInterceptor(new RestClientRouting());
        }
    }

    /** Boot 3: Spring AI 1.1's OpenAI, Anthropic and Ollama calls, LangChain4j's Spring RestClient. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.web.client.RestClientCustomizer")
    static class Boot3RestClient {
        @Bean
        org.springframework.boot.web.client.RestClientCustomizer replay4jRestClientCustomizer() {
            return builder -> builder.requestInterceptor(new RestClientRouting());
        }
    }

    /** Boot 3: Spring AI 1.1's streams. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.web.reactive.function.client.WebClientCustomizer",
            "org.springframework.web.reactive.function.client.WebClient"})
    static class Boot3WebClient {
        @Bean
        org.springframework.boot.web.reactive.function.client.WebClientCustomizer replay4jWebClientCustomizer() {
            return builder -> builder.filter(new WebClientRouting());
        }
    }

    /** Boot 4: Spring AI 2.0's Ollama calls. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.restclient.RestClientCustomizer")
    static class Boot4RestClient {
        @Bean
        org.springframework.boot.restclient.RestClientCustomizer replay4jRestClientCustomizer() {
            return builder -> builder.requestInterceptor(new RestClientRouting());
        }
    }

    /** Boot 4: Spring AI 2.0's Ollama streams. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.webclient.WebClientCustomizer",
            "org.springframework.web.reactive.function.client.WebClient"})
    static class Boot4WebClient {
        @Bean
        org.springframework.boot.webclient.WebClientCustomizer replay4jWebClientCustomizer() {
            return builder -> builder.filter(new WebClientRouting());
        }
    }

    /** Spring AI 2.0's OpenAI models: the openai-java SDK over OkHttp, which no RestClient customizer reaches. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.ai.openai.http.okhttp.OpenAiHttpClientBuilderCustomizer")
    static class SpringAi2OpenAi {
        @Bean
        org.springframework.ai.openai.http.okhttp.OpenAiHttpClientBuilderCustomizer replay4jOpenAiHttpClientCustomizer() {
            return builder -> builder.interceptor(new OkHttpRouting());
        }
    }

    /** Spring AI 2.0's Anthropic models: the anthropic-java SDK over OkHttp. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.ai.anthropic.http.okhttp.AnthropicHttpClientBuilderCustomizer")
    static class SpringAi2Anthropic {
        @Bean
        org.springframework.ai.anthropic.http.okhttp.AnthropicHttpClientBuilderCustomizer replay4jAnthropicHttpClientCustomizer() {
            return builder -> builder.interceptor(new OkHttpRouting());
        }
    }
}
