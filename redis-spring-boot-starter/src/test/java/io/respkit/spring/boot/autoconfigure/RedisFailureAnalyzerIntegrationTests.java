package io.respkit.spring.boot.autoconfigure;

import io.respkit.exceptions.RedisAuthenticationException;
import io.respkit.RedisClient;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoders;
import io.respkit.connection.RedisConfig;
import io.respkit.connection.RedisConnection;
import io.respkit.test.RedisProcess;
import io.respkit.protocol.RespVersion;
import io.respkit.spring.listener.annotation.RedisListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The failure analyzer on exceptions from real connection attempts. */
@ExtendWith(OutputCaptureExtension.class)
class RedisFailureAnalyzerIntegrationTests {

    /** Talks to Redis while the context starts, as an application's start-up code would. */
    static final class Warmup {
        Warmup(RedisClient<String> redis) {
            redis.get("warmup");
        }
    }

    @ParameterizedTest
    @EnumSource(RespVersion.class)
    void databaseIndexOutOfRangeInTheUrl(RespVersion protocol) {
        try (RedisProcess server = RedisProcess.start()) {
            String url = "redis://" + server.host() + ":" + server.port() + "/16";
            FailureAnalysis analysis = StartupFailures.analyze(new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class))
                    .withBean(Warmup.class), "redis.url=" + url, "redis.protocol=" + protocol.name());
            assertThat(analysis.getCause()).isInstanceOf(RedisServerException.class);
            assertThat(analysis.getDescription()).contains("database 16").contains("redis.url")
                    .contains(server.host() + ":" + server.port()).contains("DB index is out of range");
            assertThat(analysis.getAction()).contains("0 to 15").contains("databases").contains("redis.url");
        }
    }

    @Test
    void databaseIndexOutOfRangeInTheProperty() {
        try (RedisProcess server = RedisProcess.start()) {
            FailureAnalysis analysis = StartupFailures.analyze(new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class))
                    .withBean(Warmup.class), "redis.host=" + server.host(), "redis.port=" + server.port(),
                    "redis.database=99", "redis.password=hunter2");
            assertThat(analysis.getDescription()).contains("database 99").contains("redis.database")
                    .doesNotContain("hunter2");
            assertThat(analysis.getAction()).contains("redis.database").doesNotContain("hunter2");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({RedisAutoConfiguration.class, RedisListenerAutoConfiguration.class})
    static class App {
        @Bean
        ApplicationRunner firstCall(RedisClient<String> redis) {
            return args -> redis.get("first-call");
        }
    }

    @Test
    void aRealApplicationPrintsTheAnalysisNotAStackTrace(CapturedOutput output) {
        try (RedisProcess server = RedisProcess.start()) {
            SpringApplication app = new SpringApplication(App.class);
            app.setWebApplicationType(WebApplicationType.NONE);
            assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> app.run(
                    "--redis.url=redis://" + server.host() + ":" + server.port() + "/16",
                    "--spring.main.banner-mode=off"));
            assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                    .contains("database 16").contains("Action:");
        }
    }

    static class InstantListener {
        @RedisListener(channels = "events")
        void on(String payload, Instant when) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({RedisAutoConfiguration.class, RedisListenerAutoConfiguration.class})
    static class ListenerApp {
        @Bean
        InstantListener instantListener() {
            return new InstantListener();
        }
    }

    @Test
    void aRealApplicationWithAnUnsupportedListenerParameterPrintsTheAnalysis(CapturedOutput output) {
        SpringApplication app = new SpringApplication(ListenerApp.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> app.run(
                "--redis.url=redis://127.0.0.1:1", "--redis.listener.auto-startup=false",
                "--spring.main.banner-mode=off"));
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .contains("java.time.Instant").contains("'when'").contains("@Channel String");
    }

    @Test
    void badUrl() {
        Throwable[] failure = new Throwable[1];
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class))
                .withPropertyValues("redis.url=redis://:hunter2@localhost:notaport")
                .run(context -> failure[0] = context.getStartupFailure());
        FailureAnalysis analysis = new RedisFailureAnalyzer(new MockEnvironment()
                .withProperty("redis.url", "redis://:hunter2@localhost:notaport")).analyze(failure[0]);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).startsWith("The redis.url property is invalid: ")
                .contains("port").doesNotContain("hunter2");
        assertThat(analysis.getAction()).contains("redis.url").doesNotContain("hunter2");
    }

    @Test
    void unreachableServer() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RedisConfig config = RedisConfig.builder().host("127.0.0.1").port(port).password("hunter2").build();
        RedisConnectionException e = assertThatExceptionOfType(RedisConnectionException.class)
                .isThrownBy(() -> RedisConnection.open(config)).actual();
        FailureAnalysis analysis = new RedisFailureAnalyzer(new MockEnvironment()
                .withProperty("redis.host", "127.0.0.1").withProperty("redis.port", String.valueOf(port))
                .withProperty("redis.password", "hunter2"))
                .analyze(new IllegalStateException("Failed to start bean", e));
        assertThat(analysis.getDescription()).contains("127.0.0.1:" + port).contains("could not be reached")
                .doesNotContain("hunter2");
        assertThat(analysis.getAction()).contains("Is redis-server running").contains("127.0.0.1:" + port);
        assertThat(analysis.getCause()).isSameAs(e);
    }

    @Test
    void wrongPassword() {
        // Started without --requirepass and locked afterwards: RedisProcess's readiness probe sends PING without
        // AUTH, so a server started with --requirepass never looks ready to it.
        try (RedisProcess server = RedisProcess.start()) {
            try (RedisConnection admin = RedisConnection.open(server.config())) {
                admin.execute(Command.create(StringCodec.UTF8, "CONFIG SET", ReplyDecoders.raw())
                        .arg("requirepass").arg("pw"));
            }
            RedisConfig config = server.configBuilder().password("hunter2").build();
            RedisAuthenticationException e = assertThatExceptionOfType(RedisAuthenticationException.class)
                    .isThrownBy(() -> RedisConnection.open(config)).actual();
            FailureAnalysis analysis = new RedisFailureAnalyzer(new MockEnvironment()
                    .withProperty("redis.url", "redis://:hunter2@" + server.host() + ":" + server.port()))
                    .analyze(e);
            assertThat(analysis.getDescription()).contains("refused the credentials")
                    .contains(server.host() + ":" + server.port()).doesNotContain("hunter2");
            assertThat(analysis.getAction()).contains("redis.username").contains("redis.password")
                    .doesNotContain("hunter2");
        }
    }

    @Test
    void otherFailuresAreNotOurs() {
        assertThat(new RedisFailureAnalyzer(null).analyze(new IllegalStateException("unrelated"))).isNull();
    }

    @Test
    void registeredInSpringFactoriesWithTheEnvironment() {
        MockEnvironment environment = new MockEnvironment();
        List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver
                        .of(Environment.class, environment)
                        .and(BeanFactory.class, new DefaultListableBeanFactory()),
                        // Other analyzers of the test classpath may need classes it lacks (e.g. spring-web).
                        SpringFactoriesLoader.FailureHandler.handleMessage((message, failure) -> { }));
        assertThat(analyzers).hasAtLeastOneElementOfType(RedisFailureAnalyzer.class);
    }
}
