package io.respkit.spring.boot.autoconfigure;

import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/configprops} and {@code /actuator/env} never show respkit's secrets, even with
 * {@code management.endpoint.*.show-values=always} (Boot then shows every value that no {@link SanitizingFunction}
 * sanitizes): passwords and passphrases are sanitized, and the user info of a URL, in {@code redis.url} or in a node
 * list, is masked, the rest of it kept readable.
 */
@ExtendWith(RedisServerExtension.class)
class ActuatorSanitizingIntegrationTests {

    private static final String[] SECRETS = {"LEAKpw1", "LEAKpw2", "LEAKpw3", "LEAKpw4", "LEAKpw5"};

    private static ApplicationContextRunner runner(RedisServer server) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class))
                .withPropertyValues("redis.url=redis://app:" + SECRETS[0] + "@" + server.host() + ":" + server.port(),
                        "redis.password=" + SECRETS[1], "redis.sentinel.password=" + SECRETS[2],
                        "redis.sentinel.sentinel-password=" + SECRETS[3],
                        "REDIS_SSL_KEY_PASSWORD=" + SECRETS[4]);
    }

    private static String json(Object descriptor) {
        return JsonMapper.builder().build().writeValueAsString(descriptor);
    }

    @Test
    void configpropsAndEnvShowNoSecretWithShowValuesAlways(RedisServer server) {
        runner(server).run(context -> {
            assertThat(context).hasNotFailed();
            Iterable<SanitizingFunction> functions = context.getBeanProvider(SanitizingFunction.class).orderedStream()
                    .toList();
            ConfigurationPropertiesReportEndpoint configprops = new ConfigurationPropertiesReportEndpoint(functions,
                    Show.ALWAYS);
            configprops.setApplicationContext(context);
            String props = json(configprops.configurationPropertiesWithPrefix("redis"));
            String env = json(new EnvironmentEndpoint(context.getEnvironment(), functions, Show.ALWAYS)
                    .environment("redis.*|REDIS_.*"));
            for (String secret : SECRETS) {
                assertThat(props).as("configprops").doesNotContain(secret);
                assertThat(env).as("env").doesNotContain(secret);
            }
            // what is not secret stays readable
            assertThat(props).contains("app:****@" + server.host());
            assertThat(env).contains("app:****@" + server.host());
        });
    }

    @Test
    void withoutActuatorThereIsNoSanitizingFunction(RedisServer server) {
        runner(server).withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
                .run(context -> assertThat(context).hasNotFailed());
    }
}
