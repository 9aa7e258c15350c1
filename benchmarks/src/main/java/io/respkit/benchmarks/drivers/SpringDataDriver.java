package io.respkit.benchmarks.drivers;

import io.respkit.benchmarks.Driver;
import io.lettuce.core.api.StatefulConnection;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ValueOperations;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

/**
 * Spring Data Redis as Spring Boot sets it up with {@code spring.data.redis.lettuce.pool.*}: a
 * {@link LettuceConnectionFactory} with a commons-pool2 pool (and Lettuce's shared native connection for ordinary
 * commands), a {@link StringRedisTemplate}, {@code executePipelined} for batches and a
 * {@link RedisMessageListenerContainer} for pub/sub.
 *
 * <p>Thread-safe, as the template is.
 */
public final class SpringDataDriver implements Driver {

    private final LettuceConnectionFactory factory;
    private final StringRedisTemplate template;

    /**
     * Creates and starts the connection factory and the template.
     *
     * @param host the server host
     * @param port the server port
     * @param poolSize the pool's maximum size
     */
    public SpringDataDriver(String host, int port, int poolSize) {
        GenericObjectPoolConfig<StatefulConnection<?, ?>> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        LettucePoolingClientConfiguration client = LettucePoolingClientConfiguration.builder()
                .poolConfig(pool).commandTimeout(Duration.ofSeconds(60)).build();
        this.factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port), client);
        factory.afterPropertiesSet();
        factory.start();
        this.template = new StringRedisTemplate(factory);
    }

    @Override
    public String name() {
        return "spring-data-redis";
    }

    @Override
    public boolean threadSafe() {
        return true;
    }

    @Override
    public boolean set(String key, String value) {
        template.opsForValue().set(key, value);
        return true; // the template returns nothing; an error reply would have thrown
    }

    @Override
    public String get(String key) {
        return template.opsForValue().get(key);
    }

    @Override
    public int pipelineSet(String[] keys, String[] values, int from, int to) {
        return Replies.count(pipelined(from, to, (ops, i) -> ops.set(keys[i], values[i])), Boolean.TRUE);
    }

    @Override
    public void pipelineGet(String[] keys, int from, int to, String[] out) {
        List<Object> results = pipelined(from, to, (ops, i) -> ops.get(keys[i]));
        for (int i = from; i < to; i++) {
            out[i] = (String) results.get(i - from);
        }
    }

    /** {@code executePipelined} with a {@code SessionCallback}, as Spring Data Redis documents pipelining. */
    private List<Object> pipelined(int from, int to, ObjIntConsumer<ValueOperations<String, String>> command) {
        return template.executePipelined(new SessionCallback<Object>() {
            @Override
            @SuppressWarnings("unchecked")
            public <K, V> Object execute(RedisOperations<K, V> operations) {
                ValueOperations<String, String> ops = (ValueOperations<String, String>) operations.opsForValue();
                for (int i = from; i < to; i++) {
                    command.accept(ops, i);
                }
                return null;
            }
        });
    }

    @Override
    public long hset(String key, Map<String, String> fields) {
        template.opsForHash().putAll(key, fields);
        return fields.size(); // HSET's count is not returned by putAll
    }

    @Override
    public Map<String, String> hgetall(String key) {
        return template.<String, String>opsForHash().entries(key);
    }

    @Override
    public long hincrby(String key, String field, long by) {
        return template.opsForHash().increment(key, field, by);
    }

    @Override
    public String brpop(String key, int timeoutSeconds) {
        return template.opsForList().rightPop(key, Duration.ofSeconds(timeoutSeconds));
    }

    @Override
    public AutoCloseable subscribe(String channel, Consumer<String> sink) {
        RedisMessageListenerContainer container = new RedisMessageListenerContainer();
        container.setConnectionFactory(factory);
        // The default executor hands each message to a new task, which reorders them; delivering on the
        // subscription thread keeps publish order, as a user who needs ordering would configure it.
        container.setTaskExecutor(new SyncTaskExecutor());
        container.addMessageListener((message, pattern) ->
                sink.accept(new String(message.getBody(), StandardCharsets.UTF_8)), new ChannelTopic(channel));
        container.afterPropertiesSet();
        container.start();
        return () -> {
            container.stop();
            container.destroy();
        };
    }

    @Override
    public void close() {
        factory.destroy();
    }
}
