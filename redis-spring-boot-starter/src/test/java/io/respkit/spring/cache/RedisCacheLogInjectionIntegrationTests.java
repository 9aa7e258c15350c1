package io.respkit.spring.cache;

import io.respkit.spring.boot.autoconfigure.RedisAutoConfiguration;
import io.respkit.spring.boot.autoconfigure.RedisCacheAutoConfiguration;
import io.respkit.spring.core.RedisTemplate;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cache keys often come from requests ({@code @Cacheable(key = "#username")}): one holding line breaks must not forge
 * log lines when a warning names it, and must reach the log only escaped, and cut when very long.
 */
@ExtendWith({RedisServerExtension.class, OutputCaptureExtension.class})
class RedisCacheLogInjectionIntegrationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class CachingConfig {
    }

    @Test
    void aKeyWithLineBreaksIsLoggedEscaped(RedisServer server, CapturedOutput output) {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class,
                        RedisCacheAutoConfiguration.class))
                .withUserConfiguration(CachingConfig.class)
                .withPropertyValues("redis.url=" + server.url())
                .run(context -> {
                    @SuppressWarnings("unchecked")
                    RedisTemplate<String> redis = context.getBean(RedisTemplate.class);
                    Cache cache = context.getBean(CacheManager.class).getCache("users");
                    String forged = "bob\r\n2026-12-07 ERROR FORGED admin logged in\u2028" + "x".repeat(500);
                    redis.rpush("users::" + forged, "not a string"); // another Redis type: a logged miss
                    assertThat(cache.get(forged)).isNull();
                    redis.del("users::" + forged);
                });
        assertThat(output.getOut()).contains("holds another Redis type")
                .doesNotContain("\nxyz") // sanity of the check below
                .doesNotContainPattern("(?m)^2026-12-07 ERROR FORGED")
                .contains("bob\\r\\n2026-12-07 ERROR FORGED admin logged in\\u2028")
                .doesNotContain("x".repeat(300));
    }
}
