// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.replay4j.Layout;
import dev.replay4j.Mode;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyConfigTest {
    private static ProxyConfig.Builder some() {
        return ProxyConfig.builder().recordings(Path.of("recs")).layout(Layout.LLAMA_STACK).mode(Mode.RECORD)
                .upstream("http://localhost:1").redactField("user").port(8080).upstreamTimeout(Duration.ofSeconds(7))
                .fault("status=429").recordTiming(true).replaySpeed(2).streamProfile("ttft=100,rate=10")
                .clientTimeout(Duration.ofSeconds(11)).maxThreads(7).maxBodyBytes(1234).bodyMemory(5678)
                .usageReport(Path.of("usage.json")).bind("127.0.0.2");
    }

    @Test
    void equality_covers_every_component_in_order() throws Exception {
        ProxyConfig config = some().build();
        RecordComponent[] declared = ProxyConfig.class.getRecordComponents();
        List<Object> compared = config.components();
        assertThat(compared).as("distinct values, so that a component compared in another's place shows")
                .doesNotHaveDuplicates();
        assertThat(compared).as("a component added to the record must be added to components()").hasSize(declared.length);
        for (int i = 0; i < declared.length; i++) {
            assertThat(compared.get(i)).as(declared[i].getName()).isEqualTo(declared[i].getAccessor().invoke(config));
        }
    }

    @Test
    void configurations_alike_are_equal_and_one_difference_is_not() {
        assertThat(some().build()).isEqualTo(some().build()).hasSameHashCodeAs(some().build());
        assertThat(some().build()).isNotEqualTo(some().port(8081).build());
        assertThat(some().build()).isNotEqualTo(some().mode(Mode.REPLAY).build());
        assertThat(some().build()).isNotEqualTo(some().redactField("other").build());
    }
}
