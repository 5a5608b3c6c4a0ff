// SPDX-License-Identifier: Apache-2.0
package dev.replay4j.internal.view;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Host a page answers to: the bound address and port, localhost on loopback, never another name. */
class HostCheckTest {
    @Test
    void host_check_takes_the_bound_address_and_refuses_names() throws Exception {
        HostCheck loopback = new HostCheck(java.net.InetAddress.getByName("127.0.0.1"), 8080);
        assertThat(loopback.allows("127.0.0.1:8080")).isTrue();
        assertThat(loopback.allows("localhost:8080")).isTrue();
        assertThat(loopback.allows("127.0.0.1:8081")).isFalse();
        assertThat(loopback.allows("attacker.example:8080")).isFalse();
        assertThat(loopback.allows("10.0.0.1:8080")).isFalse();
        assertThat(loopback.allows(null)).isFalse();
        HostCheck everywhere = new HostCheck(java.net.InetAddress.getByName("0.0.0.0"), 8080);
        assertThat(everywhere.allows("10.0.0.1:8080")).isTrue();
        assertThat(everywhere.allows("[::1]:8080")).isTrue();
        assertThat(everywhere.allows("replay4j.internal:8080")).isFalse();
    }
}
