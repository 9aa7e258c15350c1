package io.respkit.spring.cache;

import io.respkit.RedisClient;
import io.respkit.spring.boot.autoconfigure.RedisAutoConfiguration;
import io.respkit.spring.boot.autoconfigure.RedisCacheAutoConfiguration;
import io.respkit.spring.boot.autoconfigure.RespkitCacheManagerBuilderCustomizer;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.transaction.TransactionAwareCacheDecorator;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transaction-aware cache manager ({@code redis.cache.transaction-aware=true}, or
 * {@link RespkitCacheManager.Builder#transactionAware(boolean)}), as Spring Data Redis's: inside a Spring transaction,
 * puts and evictions reach Redis only once it commits, and never when it rolls back; outside one they are immediate.
 */
@ExtendWith(RedisServerExtension.class)
class RedisCacheTransactionIntegrationTests {

    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class CachingConfig {
    }

    /** A transaction manager with no resource: enough for Spring's transaction synchronization. */
    static final class SynchronizationOnly extends AbstractPlatformTransactionManager {
        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }

    private static ApplicationContextRunner runner(RedisServer server) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class,
                        RedisCacheAutoConfiguration.class))
                .withUserConfiguration(CachingConfig.class)
                .withPropertyValues("redis.url=" + server.url());
    }

    @Test
    void putsAndEvictionsWaitForTheCommitAndAreDroppedOnRollback(RedisServer server) {
        runner(server).withPropertyValues("redis.cache.transaction-aware=true").run(context -> {
            assertThat(context).hasNotFailed();
            RespkitCacheManager manager = context.getBean(RespkitCacheManager.class);
            assertThat(manager.isTransactionAware()).isTrue();
            Cache cache = manager.getCache("tx");
            assertThat(cache).isInstanceOf(TransactionAwareCacheDecorator.class);
            @SuppressWarnings("unchecked")
            RedisClient<String> redis = context.getBean(RedisClient.class);
            TransactionTemplate tx = new TransactionTemplate(new SynchronizationOnly());

            tx.executeWithoutResult(status -> {
                cache.put("k", "v");
                assertThat(redis.exists("tx::k")).as("before the commit").isZero();
            });
            assertThat(redis.exists("tx::k")).as("after the commit").isOne();
            assertThat(cache.get("k", String.class)).isEqualTo("v");

            tx.executeWithoutResult(status -> {
                cache.evict("k");
                cache.put("other", "x");
                status.setRollbackOnly();
            });
            assertThat(redis.exists("tx::k")).as("eviction rolled back").isOne();
            assertThat(redis.exists("tx::other")).as("put rolled back").isZero();

            cache.put("now", "y"); // no transaction: at once
            assertThat(redis.exists("tx::now")).isOne();
            redis.del("tx::k", "tx::now");
        });
    }

    @Test
    void byDefaultAndThroughTheBuilderCustomizer(RedisServer server) {
        runner(server).run(context -> {
            RespkitCacheManager manager = context.getBean(RespkitCacheManager.class);
            assertThat(manager.isTransactionAware()).isFalse();
            assertThat(manager.getCache("plain")).isInstanceOf(RespkitCache.class);
        });
        runner(server).withBean(RespkitCacheManagerBuilderCustomizer.class,
                () -> builder -> builder.transactionAware(true)).run(context ->
                assertThat(context.getBean(RespkitCacheManager.class).getCache("custom"))
                        .isInstanceOf(TransactionAwareCacheDecorator.class));
    }

    @Test
    void withoutSpringTxOrContextSupportATransactionAwareManagerIsRefusedAtStartUp(RedisServer server) {
        for (String missing : new String[] {"org.springframework.transaction", "org.springframework.cache.transaction"}) {
            runner(server).withClassLoader(new FilteredClassLoader(missing))
                    .withPropertyValues("redis.cache.transaction-aware=true")
                    .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                            .hasMessageContaining("spring-tx").hasMessageContaining("spring-context-support"));
            runner(server).withClassLoader(new FilteredClassLoader(missing)) // not transaction-aware: fine
                    .run(context -> assertThat(context).hasNotFailed());
        }
    }
}
