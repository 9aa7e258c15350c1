package io.respkit.spring.boot.autoconfigure;

import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.respkit.spring.core.RedisTemplate;
import io.respkit.test.RedisProcess;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets in misplaced {@code redis.*} properties (credentials in a URL given as a cluster or sentinel node, user info
 * that lost its {@code '@'} in {@code redis.url}) and in command lines run through {@link RedisTemplate}: the startup
 * failure, its analysis, the properties' {@code toString()} and the command timers' tags must show none of them.
 */
class StarterSecretsNeverLeakTests {

    private static final String PW = "Pw-St6r";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class));

    /** The failure's messages and stack trace, and the analysis's description and action. */
    private static String everythingShown(ApplicationContextRunner runner, String... properties) {
        Throwable[] failure = new Throwable[1];
        runner.withPropertyValues(properties).run(context -> failure[0] = context.getStartupFailure());
        assertThat(failure[0]).as("startup failure").isNotNull();
        StringWriter trace = new StringWriter();
        failure[0].printStackTrace(new PrintWriter(trace));
        FailureAnalysis analysis = StartupFailures.analyze(failure[0], environment(properties));
        assertThat(analysis).as("analysis of %s", failure[0]).isNotNull();
        return trace + "\n" + analysis.getDescription() + "\n" + analysis.getAction();
    }

    private static org.springframework.mock.env.MockEnvironment environment(String... properties) {
        org.springframework.mock.env.MockEnvironment environment = new org.springframework.mock.env.MockEnvironment();
        for (String p : properties) {
            int eq = p.indexOf('=');
            environment.setProperty(p.substring(0, eq), p.substring(eq + 1));
        }
        return environment;
    }

    @Test
    void clusterNodesGivenAsUrlsWithCredentials() {
        for (String nodes : List.of("redis://app:" + PW + "@127.0.0.1:7000", "app:" + PW + "@127.0.0.1:7000",
                "127.0.0.1:7000,redis://:" + PW + "@127.0.0.1:7001")) {
            String shown = everythingShown(runner, "redis.cluster.nodes=" + nodes);
            assertThat(shown).contains("redis.cluster.nodes").doesNotContain(PW);
        }
    }

    @Test
    void clusterNodesGivenAsUrlsInAnIndexedList() {
        String shown = everythingShown(runner, "redis.cluster.nodes[0]=127.0.0.1:7000",
                "redis.cluster.nodes[1]=redis://app:" + PW + "@127.0.0.1:7001");
        assertThat(shown).contains("redis.cluster.nodes").doesNotContain(PW);
    }

    @Test
    void sentinelNodesGivenAsUrlsWithCredentials() {
        for (String nodes : List.of("redis://app:" + PW + "@127.0.0.1:26379", "app:" + PW + "@127.0.0.1:26379")) {
            String shown = everythingShown(runner, "redis.sentinel.master=mymaster", "redis.sentinel.nodes=" + nodes);
            assertThat(shown).contains("redis.sentinel.nodes").doesNotContain(PW);
        }
    }

    @Test
    void sentinelNodesWithClusterNodesNamesTheSentinelNodesWithoutTheirCredentials() {
        String shown = everythingShown(runner, "redis.cluster.nodes=127.0.0.1:7000",
                "redis.sentinel.nodes=redis://app:" + PW + "@127.0.0.1:26379");
        assertThat(shown).contains("redis.sentinel.nodes").doesNotContain(PW);
    }

    @Test
    void aUrlWhoseUserInfoLostItsAtSign() {
        for (String url : List.of("redis://app:" + PW, "redis://:" + PW, "redis://:" + PW + "/0")) {
            String shown = everythingShown(runner, "redis.url=" + url);
            assertThat(shown).contains("redis.url").doesNotContain(PW);
        }
    }

    @Test
    void aUrlGivenAsTheHost() {
        for (String host : List.of("redis://app:" + PW + "@127.0.0.1", "redis://:" + PW + "@127.0.0.1:6379/0")) {
            String shown = everythingShown(runner.withBean(RedisFailureAnalyzerIntegrationTests.Warmup.class),
                    "redis.host=" + host);
            assertThat(shown).contains("redis.host").doesNotContain(PW);
        }
    }

    @Test
    void propertiesAndDetailsToStringMaskNodesGivenAsUrls() {
        RedisProperties cluster = new RedisProperties();
        cluster.getCluster().setNodes(List.of("redis://app:" + PW + "@127.0.0.1:7000"));
        RedisProperties sentinel = new RedisProperties();
        sentinel.getSentinel().setMaster("mymaster");
        sentinel.getSentinel().setNodes(List.of("redis://app:" + PW + "@127.0.0.1:26379"));
        for (RedisProperties p : List.of(cluster, sentinel)) {
            assertThat(p.toString()).doesNotContain(PW);
            assertThat(p.getCluster().toString()).doesNotContain(PW);
            assertThat(p.getSentinel().toString()).doesNotContain(PW);
            assertThat(new PropertiesRedisConnectionDetails(p).toString()).doesNotContain(PW);
        }
        RedisProperties host = new RedisProperties();
        host.setHost("redis://app:" + PW + "@127.0.0.1");
        assertThat(host.toString()).doesNotContain(PW);
        assertThat(new PropertiesRedisConnectionDetails(host).toString()).doesNotContain(PW);
        RedisProperties ipv6 = new RedisProperties();
        ipv6.setHost("::1");
        ipv6.getCluster().setNodes(List.of("::1:7000", "[::1]:7001"));
        assertThat(ipv6.toString()).contains("host=::1,").contains("[::1:7000, [::1]:7001]");
    }

    @Test
    void commandLinesRunThroughTheTemplateAreTimedWithoutTheirArguments() {
        try (RedisProcess server = RedisProcess.start()) {
            MeterRegistry registry = new SimpleMeterRegistry();
            runner.withConfiguration(AutoConfigurations.of(RedisMetricsAutoConfiguration.class))
                    .withBean(MeterRegistry.class, () -> registry)
                    .withPropertyValues("redis.url=redis://" + server.host() + ":" + server.port())
                    .run(context -> {
                        @SuppressWarnings("unchecked")
                        RedisTemplate<String> template = context.getBean(RedisTemplate.class);
                        template.execute("ACL SETUSER probe on >" + PW + " +@all ~*");
                        template.execute("CONFIG SET masterauth " + PW);
                        try {
                            template.execute("AUTH probe " + PW + "x");
                        } catch (RuntimeException expected) {
                            // WRONGPASS: timed all the same
                        }
                        // a command built from a whole line, run as a Command, directly and on one connection
                        template.execute(Command.create(template.codec(), "SET probe:k " + PW, ReplyDecoders.raw()));
                        template.withConnection(c -> c.execute(Command.create(c.codec(), "ECHO " + PW + "2",
                                ReplyDecoders.raw())));
                        for (Meter meter : registry.getMeters()) {
                            for (Tag tag : meter.getId().getTags()) {
                                assertThat(tag.getValue()).as(meter.getId().toString())
                                        .doesNotContainIgnoringCase(PW);
                            }
                        }
                        assertThat(registry.find("respkit.commands").tag("command", "ACL SETUSER").timer())
                                .isNotNull();
                    });
        }
    }
}
