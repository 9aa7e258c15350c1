package io.respkit.sentinel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The event texts are those Redis Sentinel 7.0 publishes, copied from a live failover. */
class SentinelEventTests {

    @Test
    void readsTheEventsAFailoverPublishes() {
        assertThat(io.respkit.internal.sentinel.SentinelEventProbe.parse("+switch-master",
                "mymaster 127.0.0.1 6379 127.0.0.1 6380", "mymaster")).isEqualTo("SWITCHED 127.0.0.1:6380");
        assertThat(io.respkit.internal.sentinel.SentinelEventProbe.parse("+selected-slave",
                "slave 127.0.0.1:6380 127.0.0.1 6380 @ mymaster 127.0.0.1 6379", "mymaster"))
                .isEqualTo("PROMOTING 127.0.0.1:6380");
        assertThat(io.respkit.internal.sentinel.SentinelEventProbe.parse("+promoted-slave",
                "slave 127.0.0.1:6380 127.0.0.1 6380 @ mymaster 127.0.0.1 6379", "mymaster"))
                .isEqualTo("PROMOTING 127.0.0.1:6380");
        assertThat(io.respkit.internal.sentinel.SentinelEventProbe.parse("-failover-abort-no-good-slave",
                "master mymaster 127.0.0.1 6379", "mymaster")).isEqualTo("ABORTED null");
        assertThat(io.respkit.internal.sentinel.SentinelEventProbe.parse("+odown",
                "master mymaster 127.0.0.1 6379 #quorum 2/2", "mymaster")).isEqualTo("CHECK null");
    }

    @Test
    void ignoresOtherMastersAndMalformedText() {
        assertThat(io.respkit.internal.sentinel.SentinelEventProbe.parse("+switch-master",
                "other 127.0.0.1 6379 127.0.0.1 6380", "mymaster")).isNull();
        assertThat(io.respkit.internal.sentinel.SentinelEventProbe.parse("+selected-slave",
                "slave 127.0.0.1:6380 127.0.0.1 6380 @ other 127.0.0.1 6379", "mymaster")).isNull();
        assertThat(io.respkit.internal.sentinel.SentinelEventProbe.parse("+switch-master", "mymaster", "mymaster"))
                .isNull();
        assertThat(io.respkit.internal.sentinel.SentinelEventProbe.parse("+switch-master",
                "mymaster 127.0.0.1 6379 127.0.0.1 notaport", "mymaster")).isEqualTo("SWITCHED null");
        assertThat(io.respkit.internal.sentinel.SentinelEventProbe.parse("+sentinel",
                "sentinel abc 127.0.0.1 26379 @ mymaster 127.0.0.1 6379", "mymaster")).isNull();
        assertThat(io.respkit.internal.sentinel.SentinelEventProbe.parse(null, null, "mymaster")).isNull();
    }
}
