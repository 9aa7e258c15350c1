package io.respkit.sample;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code main} tells cluster and Sentinel mode, in which it never starts a throwaway server. */
class SampleApplicationTests {

    @Test
    void clusterNodesAsAnArgumentMeanClusterMode() {
        assertThat(SampleApplication.clusterNodesGiven(new String[] {"--redis.cluster.nodes=127.0.0.1:7000"}))
                .isTrue();
    }

    @Test
    void otherArgumentsOrAnEmptyNodeListDoNot() {
        assertThat(SampleApplication.clusterNodesGiven(new String[] {"--redis.host=localhost"})).isFalse();
        assertThat(SampleApplication.clusterNodesGiven(new String[] {"--redis.cluster.nodes="})).isFalse();
    }

    @Test
    void aSentinelMasterAsAnArgumentMeansSentinelMode() {
        assertThat(SampleApplication.sentinelMasterGiven(new String[] {"--redis.sentinel.master=mymaster",
                "--redis.sentinel.nodes=127.0.0.1:26379"})).isTrue();
        assertThat(SampleApplication.sentinelMasterGiven(new String[] {"--redis.sentinel.master= "})).isFalse();
        assertThat(SampleApplication.sentinelMasterGiven(new String[] {"--redis.host=localhost"})).isFalse();
    }
}
