package io.respkit.spring.boot.autoconfigure;

import io.respkit.RedisClient;
import io.respkit.codec.ByteArrayCodec;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisUrlSyntaxException;
import io.respkit.connection.SslOptions;
import io.respkit.pool.ConnectionPool;
import io.respkit.pool.PoolConfig;
import io.respkit.protocol.RespVersion;
import io.respkit.spring.core.RedisTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core auto-configuration: how properties become a {@link RedisConfig}, which beans exist, and back-off. No
 * server is needed: the pool opens no connection until it is used.
 */
class RedisAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class));

    @Test
    void defaultsGiveLocalhostRedisWithSixteenConnectionsOverResp3() {
        runner.run(context -> {
            RedisConfig config = context.getBean(RedisConfig.class);
            assertThat(config.host()).isEqualTo("localhost");
            assertThat(config.port()).isEqualTo(6379);
            assertThat(config.username()).isNull();
            assertThat(config.password()).isNull();
            assertThat(config.database()).isZero();
            assertThat(config.protocol()).isEqualTo(RespVersion.RESP3);
            assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(config.ssl()).isNull();
            assertThat(config.pool().maxTotal()).isEqualTo(16);
            assertThat(config.pool().maxIdle()).isEqualTo(16);
            assertThat(config.pool().minIdle()).isZero();
            assertThat(config.pool().maxWait()).isEqualTo(Duration.ofSeconds(2));
            assertThat(config.pool().testWhileIdle()).isTrue();
            assertThat(config.pool().timeBetweenEvictionRuns()).isEqualTo(Duration.ofSeconds(30));

            ConnectionPool pool = context.getBean(ConnectionPool.class);
            assertThat(pool.config()).isSameAs(config);
            RedisClient<?> client = context.getBean(RedisClient.class);
            assertThat(client.pool()).isSameAs(pool);
            RedisTemplate<?> template = context.getBean(RedisTemplate.class);
            assertThat(template.client()).isSameAs(client);
            assertThat(template.codec().decode("é".getBytes(StandardCharsets.UTF_8))).isEqualTo("é");
        });
    }

    @Test
    void propertiesSetEveryPart() {
        runner.withPropertyValues("redis.host=cache.internal", "redis.port=6380", "redis.username=app",
                        "redis.password=s3cret", "redis.database=2", "redis.client-name=orders", "redis.protocol=resp2",
                        "redis.timeout=750ms", "redis.connect-timeout=3s", "redis.pool.max-total=4",
                        "redis.pool.min-idle=1", "redis.pool.max-wait=250ms", "redis.pool.test-while-idle=false",
                        "redis.pool.time-between-eviction-runs=0s", "redis.pool.validate-after-idle=5s",
                        "redis.pool.probe-after-idle=0")
                .run(context -> {
                    RedisConfig config = context.getBean(RedisConfig.class);
                    assertThat(config.host()).isEqualTo("cache.internal");
                    assertThat(config.port()).isEqualTo(6380);
                    assertThat(config.username()).isEqualTo("app");
                    assertThat(config.password()).isEqualTo("s3cret");
                    assertThat(config.database()).isEqualTo(2);
                    assertThat(config.clientName()).isEqualTo("orders");
                    assertThat(config.protocol()).isEqualTo(RespVersion.RESP2);
                    assertThat(config.timeout()).isEqualTo(Duration.ofMillis(750));
                    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
                    // max-idle follows max-total when not set, so a smaller pool needs one property only.
                    assertThat(config.pool()).isEqualTo(new PoolConfig(4, 4, 1, Duration.ofMillis(250), false,
                            false, Duration.ZERO, PoolConfig.DEFAULT.minEvictableIdleTime(), Duration.ofSeconds(5),
                            Duration.ZERO));
                });
    }

    @Test
    void urlWinsOverPartsWhileTimeoutsAndPoolStillApply() {
        runner.withPropertyValues("redis.url=redis://alice:fromurl@redis.example:7000/3",
                        "redis.host=ignored.example", "redis.port=1234", "redis.username=bob",
                        "redis.password=fromparts", "redis.database=9", "redis.ssl.enabled=true",
                        "redis.timeout=5s", "redis.connect-timeout=4s", "redis.client-name=svc",
                        "redis.protocol=resp2", "redis.pool.max-total=8", "redis.pool.max-wait=100ms")
                .run(context -> {
                    RedisConfig config = context.getBean(RedisConfig.class);
                    assertThat(config.host()).isEqualTo("redis.example");
                    assertThat(config.port()).isEqualTo(7000);
                    assertThat(config.username()).isEqualTo("alice");
                    assertThat(config.password()).isEqualTo("fromurl");
                    assertThat(config.database()).isEqualTo(3);
                    assertThat(config.ssl()).as("redis:// means plain TCP whatever ssl.enabled says").isNull();
                    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(4));
                    assertThat(config.clientName()).isEqualTo("svc");
                    assertThat(config.protocol()).isEqualTo(RespVersion.RESP2);
                    assertThat(config.pool().maxTotal()).isEqualTo(8);
                    assertThat(config.pool().maxWait()).isEqualTo(Duration.ofMillis(100));
                });
    }

    @Test
    void optionsInTheUrlWinOverTheMatchingProperties() {
        runner.withPropertyValues("redis.url=redis://h:6379?timeout=1s&maxTotal=3", "redis.timeout=5s",
                        "redis.pool.max-total=8")
                .run(context -> {
                    RedisConfig config = context.getBean(RedisConfig.class);
                    assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(1));
                    assertThat(config.pool().maxTotal()).isEqualTo(3);
                });
    }

    @Test
    void redissUrlTurnsTlsOnWithHostnameVerification() {
        runner.withPropertyValues("redis.url=rediss://secure.example:6380").run(context -> {
            SslOptions ssl = context.getBean(RedisConfig.class).ssl();
            assertThat(ssl).isNotNull();
            assertThat(ssl.verifyHostname()).isTrue();
            assertThat(ssl.sslContext()).isNull();
        });
        runner.withPropertyValues("redis.url=rediss://secure.example:6380", "redis.ssl.verify-hostname=false")
                .run(context -> assertThat(context.getBean(RedisConfig.class).ssl().verifyHostname()).isFalse());
    }

    @Test
    void sslEnabledWithoutUrlUsesTheJvmDefaults() {
        runner.withPropertyValues("redis.ssl.enabled=true").run(context ->
                assertThat(context.getBean(RedisConfig.class).ssl()).isEqualTo(new SslOptions(null, true)));
    }

    @Test
    void sslBundleBecomesTheSslContext(@TempDir Path dir) throws Exception {
        Path truststore = TestCertificates.truststore(dir);
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, RedisAutoConfiguration.class))
                .withPropertyValues("redis.ssl.bundle=mybundle", "redis.ssl.verify-hostname=false",
                        "spring.ssl.bundle.jks.mybundle.truststore.location=file:" + truststore,
                        "spring.ssl.bundle.jks.mybundle.truststore.password=" + TestCertificates.PASSWORD,
                        "spring.ssl.bundle.jks.mybundle.truststore.type=PKCS12")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    SslOptions ssl = context.getBean(RedisConfig.class).ssl();
                    assertThat(ssl).isNotNull();
                    assertThat(ssl.sslContext()).isNotNull();
                    assertThat(ssl.sslContext().getProtocol()).isEqualTo("TLS");
                    assertThat(ssl.verifyHostname()).isFalse();
                });
    }

    @Test
    void unknownSslBundleFailsStartupNamingTheBundle() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, RedisAutoConfiguration.class))
                .withPropertyValues("redis.ssl.bundle=missing")
                .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("missing"));
    }

    @Test
    void malformedUrlFailsStartupWithoutShowingThePassword() {
        runner.withPropertyValues("redis.url=redis://:hunter2@localhost:notaport").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(RedisUrlSyntaxException.class)
                    .message().doesNotContain("hunter2");
        });
    }

    @Test
    void userBeansWin() {
        runner.withUserConfiguration(UserBeans.class).run(context -> {
            assertThat(context).hasSingleBean(RedisConfig.class).hasSingleBean(ConnectionPool.class)
                    .hasSingleBean(RedisClient.class).hasSingleBean(RedisTemplate.class);
            assertThat(context.getBean(RedisConfig.class).host()).isEqualTo("user-config");
            assertThat(context.getBean(ConnectionPool.class).config().host()).isEqualTo("user-pool");
            assertThat(context.getBean(RedisClient.class)).isSameAs(context.getBean("userClient"));
            assertThat(context.getBean(RedisTemplate.class)).isSameAs(context.getBean("userTemplate"));
        });
    }

    @Test
    void clientsAndTemplatesOfOtherValueTypesDoNotReplaceTheStringOnes() {
        runner.withUserConfiguration(BinaryBeans.class).run(context -> {
            assertThat(context.getBeansOfType(RedisClient.class)).containsOnlyKeys("binaryClient", "redisClient");
            assertThat(context.getBeansOfType(RedisTemplate.class)).containsOnlyKeys("binaryTemplate",
                    "redisTemplate");
            assertThat(context.getBean("redisTemplate", RedisTemplate.class).client())
                    .isSameAs(context.getBean("redisClient"));
        });
    }

    @Test
    void userConfigIsWhatThePoolUses() {
        runner.withBean(RedisConfig.class, () -> RedisConfig.builder().host("mine").build()).run(context -> {
            assertThat(context).hasSingleBean(RedisConfig.class);
            assertThat(context.getBean(ConnectionPool.class).config().host()).isEqualTo("mine");
        });
    }

    @Test
    void customizersRunInOrderAfterProperties() {
        runner.withPropertyValues("redis.client-name=from-properties", "redis.database=1")
                .withUserConfiguration(Customizers.class)
                .run(context -> {
                    RedisConfig config = context.getBean(RedisConfig.class);
                    assertThat(config.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
                    assertThat(config.clientName()).isEqualTo("second");
                    assertThat(config.database()).isEqualTo(1);
                    assertThat(context.getBean(Customizers.class).calls).containsExactly("first", "second");
                });
    }

    @Test
    void closingTheContextClosesThePoolAfterItsUsers() {
        List<ConnectionPool> pools = new ArrayList<>();
        runner.run(context -> {
            pools.add(context.getBean(ConnectionPool.class));
            // Spring destroys dependents first: template, then client, then the pool.
            assertThat(context.getBeanFactory().getDependentBeans("redisConnectionPool")).contains("redisClient");
            assertThat(context.getBeanFactory().getDependentBeans("redisClient")).contains("redisTemplate");
        });
        assertThat(pools).singleElement().satisfies(pool -> assertThat(pool.isClosed()).isTrue());
    }

    @Test
    void passwordsNeverAppearInToString() {
        runner.withPropertyValues("redis.password=topsecret", "redis.username=app").run(context -> {
            assertThat(context.getBean(RedisProperties.class).toString()).doesNotContain("topsecret");
            assertThat(context.getBean(RedisConfig.class).toString()).doesNotContain("topsecret").contains("****");
            assertThat(context.getBean(ConnectionPool.class).toString()).doesNotContain("topsecret");
            assertThat(context.getBean(RedisTemplate.class).toString()).doesNotContain("topsecret");
        });
        runner.withPropertyValues("redis.url=redis://app:topsecret@h:6379").run(context -> {
            assertThat(context.getBean(RedisProperties.class).toString()).doesNotContain("topsecret");
            assertThat(context.getBean(RedisConfig.class).toString()).doesNotContain("topsecret");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {

        @Bean
        RedisConfig userConfig() {
            return RedisConfig.builder().host("user-config").build();
        }

        @Bean(destroyMethod = "close")
        ConnectionPool userPool() {
            return ConnectionPool.create(RedisConfig.builder().host("user-pool").build());
        }

        @Bean
        RedisClient<String> userClient(ConnectionPool pool) {
            return RedisClient.create(pool);
        }

        @Bean
        RedisTemplate<String> userTemplate(RedisClient<String> client) {
            return new RedisTemplate<>(client);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BinaryBeans {

        @Bean
        RedisClient<byte[]> binaryClient(ConnectionPool pool) {
            return RedisClient.create(pool, ByteArrayCodec.INSTANCE);
        }

        @Bean
        RedisTemplate<byte[]> binaryTemplate(RedisClient<byte[]> client) {
            return new RedisTemplate<>(client);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {

        final List<String> calls = new ArrayList<>();

        // Declared in reverse order on purpose: @Order, not declaration order, decides.
        @Bean
        @Order(2)
        RedisConfigBuilderCustomizer second() {
            return builder -> {
                calls.add("second");
                builder.clientName("second");
            };
        }

        @Bean
        @Order(1)
        RedisConfigBuilderCustomizer first() {
            return builder -> {
                calls.add("first");
                builder.clientName("first").charset(StandardCharsets.ISO_8859_1);
            };
        }
    }

    /** Generates key material with the JDK's keytool, so no binary fixture is checked in. */
    static final class TestCertificates {

        static final String PASSWORD = "changeit";

        private TestCertificates() {
        }

        static Path truststore(Path dir) throws Exception {
            Path keystore = dir.resolve("server.p12");
            Path cert = dir.resolve("server.crt");
            Path truststore = dir.resolve("trust.p12");
            keytool("-genkeypair", "-alias", "redis", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12",
                    "-keystore", keystore.toString(), "-storepass", PASSWORD);
            keytool("-exportcert", "-rfc", "-alias", "redis", "-keystore", keystore.toString(),
                    "-storepass", PASSWORD, "-file", cert.toString());
            keytool("-importcert", "-noprompt", "-alias", "redis", "-file", cert.toString(), "-storetype", "PKCS12",
                    "-keystore", truststore.toString(), "-storepass", PASSWORD);
            return truststore;
        }

        private static void keytool(String... args) throws Exception {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        }
    }

    @Test
    void everyBuilderOptionIsReachableAsAProperty() {
        runner.withPropertyValues("redis.retry-reads=true", "redis.multiplexed=true", "redis.charset=ISO-8859-1",
                "redis.pool.test-on-borrow=true").run(context -> {
                    RedisConfig config = context.getBean(RedisConfig.class);
                    assertThat(config.retryReads()).isTrue();
                    assertThat(config.multiplexed()).isTrue();
                    assertThat(config.charset()).isEqualTo(java.nio.charset.StandardCharsets.ISO_8859_1);
                    assertThat(config.pool().testOnBorrow()).isTrue();
                });
    }

    @Test
    void connectionModeIsAdaptiveByDefaultAndSetByItsPropertyOrTheDeprecatedOne() {
        runner.run(context -> assertThat(context.getBean(RedisConfig.class).connectionMode())
                .isEqualTo(io.respkit.connection.ConnectionMode.ADAPTIVE));
        runner.withPropertyValues("redis.connection-mode=pooled").run(context -> assertThat(context
                .getBean(RedisConfig.class).connectionMode()).isEqualTo(io.respkit.connection.ConnectionMode.POOLED));
        runner.withPropertyValues("redis.multiplexed=false").run(context -> assertThat(context
                .getBean(RedisConfig.class).connectionMode()).isEqualTo(io.respkit.connection.ConnectionMode.POOLED));
        runner.withPropertyValues("redis.multiplexed=true", "redis.connection-mode=adaptive").run(context ->
                assertThat(context.getBean(RedisConfig.class).connectionMode())
                        .as("the new property wins").isEqualTo(io.respkit.connection.ConnectionMode.ADAPTIVE));
        runner.withPropertyValues("redis.url=redis://127.0.0.1:1?connectionMode=multiplexed").run(context ->
                assertThat(context.getBean(RedisConfig.class).connectionMode())
                        .isEqualTo(io.respkit.connection.ConnectionMode.MULTIPLEXED));
    }
}
