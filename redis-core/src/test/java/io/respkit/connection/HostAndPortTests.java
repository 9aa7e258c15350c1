package io.respkit.connection;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostAndPortTests {

    @Test
    void parsesNamesIpv4AndIpv6InBothSpellings() {
        assertThat(HostAndPort.parse("redis.local:7000")).isEqualTo(new HostAndPort("redis.local", 7000));
        assertThat(HostAndPort.parse("127.0.0.1:6379")).isEqualTo(new HostAndPort("127.0.0.1", 6379));
        assertThat(HostAndPort.parse("[::1]:7001")).isEqualTo(new HostAndPort("::1", 7001));
        assertThat(HostAndPort.parse("::1:7001")).isEqualTo(new HostAndPort("::1", 7001));
        assertThat(new HostAndPort("::1", 7001)).hasToString("[::1]:7001");
        assertThat(new HostAndPort("h", 1)).hasToString("h:1");
    }

    @Test
    void refusesWhatNoServerListensOn() {
        assertThatThrownBy(() -> HostAndPort.parse("host")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostAndPort.parse("host:")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostAndPort.parse(":7000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HostAndPort.parse("h:x")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> HostAndPort.parse("h:0")).hasMessageContaining("1 to 65535");
        assertThatThrownBy(() -> HostAndPort.parse("h:65536")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostAndPort("[::1]", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostAndPort(" ", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
