package io.respkit.cluster;

import io.respkit.RedisClusterClient;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisNoPermissionException;
import io.respkit.exceptions.RedisWrongPasswordException;
import io.respkit.test.ClusterNode;
import io.respkit.test.ClusterTest;
import io.respkit.test.RedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ACL users on every node: the right credentials work on each, wrong ones fail typed and never show the secret. */
@ClusterTest
class ClusterAuthIntegrationTests {

    private static final String SECRET = "s3cret-Pw-42";
    private static RedisCluster cluster;

    @BeforeAll
    static void start() {
        cluster = RedisCluster.start(3, 0);
        for (ClusterNode node : cluster.nodes()) {
            node.call("ACL", "SETUSER", "app", "on", ">" + SECRET, "~*", "&*", "+@all");
            node.call("ACL", "SETUSER", "reader", "on", ">" + SECRET, "~*", "+get", "+set", "+ping");
        }
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static ClusterConfig config(String user, String password) {
        return ClusterConfig.builder().seeds(cluster.seeds())
                .nodeConfig(RedisConfig.builder().username(user).password(password).build()).build();
    }

    @Test
    void anAclUserWorksOnEveryNode() {
        try (RedisClusterClient<String> redis = RedisClusterClient.create(config("app", SECRET))) {
            for (int i = 0; i < 100; i++) {
                redis.set("acl:" + i, "v" + i);
            }
            assertThat(redis.dbsize()).isEqualTo(100);
            assertThat(redis.toString()).doesNotContain(SECRET);
        }
    }

    @Test
    void aWrongPasswordFailsTypedAtCreationWithoutTheSecret() {
        assertThatThrownBy(() -> RedisClusterClient.create(config("app", "not-" + SECRET)))
                .isInstanceOf(RedisWrongPasswordException.class)
                .satisfies(e -> assertThat(stackText(e)).doesNotContain(SECRET));
    }

    @Test
    void aUserThatMayNotReadTheTopologyIsToldSo() {
        assertThatThrownBy(() -> RedisClusterClient.create(config("reader", SECRET)))
                .isInstanceOf(RedisNoPermissionException.class)
                .hasMessageContaining("CLUSTER")
                .satisfies(e -> assertThat(stackText(e)).doesNotContain(SECRET));
    }

    private static String stackText(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            out.append(t).append('\n');
        }
        return out.toString();
    }
}
