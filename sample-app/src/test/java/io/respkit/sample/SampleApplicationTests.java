package io.respkit.sample;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code main} tells cluster mode, in which it never starts a throwaway server. */
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
}
