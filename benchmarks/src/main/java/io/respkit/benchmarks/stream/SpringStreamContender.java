package io.respkit.benchmarks.stream;

import io.lettuce.core.api.StatefulConnection;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettucePoolingClientConfiguration;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.stream.StreamMessageListenerContainer;
import org.springframework.data.redis.stream.StreamMessageListenerContainer.StreamMessageListenerContainerOptions;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Spring Data Redis's {@link StreamMessageListenerContainer} as its reference documentation sets up a consumer
 * group: {@code receive(Consumer.from(group, name), StreamOffset.create(stream, ReadOffset.lastConsumed()), listener)}
 * with the listener acknowledging each record ({@code opsForStream().acknowledge}) after handling it, reads of
 * {@code batchSize} records and a short poll timeout, on the same pooled {@link LettuceConnectionFactory} as the
 * other Spring Data Redis contender. {@code receiveAutoAck} is not used: it reads with {@code NOACK}, so entries never
 * enter the pending list, which is at-most-once, not the same group semantics.
 *
 * <p>Not thread-safe: started and closed by one thread.
 */
public final class SpringStreamContender implements StreamContender {

    private final int batchSize;
    private final LettuceConnectionFactory factory;
    private final StringRedisTemplate template;
    /** Runs the container's polling task; awaited at close so that no read is cut off by the factory's end. */
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private StreamMessageListenerContainer<String, MapRecord<String, String, String>> container;

    /**
     * Creates and starts the connection factory and the template; the container is created at {@link #start}.
     *
     * @param host the server host
     * @param port the server port
     * @param batchSize records per read
     */
    public SpringStreamContender(String host, int port, int batchSize) {
        this.batchSize = batchSize;
        GenericObjectPoolConfig<StatefulConnection<?, ?>> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(8);
        pool.setMaxIdle(8);
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
    public void start(String stream, String group, Consumer<String> sink) {
        StreamMessageListenerContainerOptions<String, MapRecord<String, String, String>> options =
                StreamMessageListenerContainerOptions.builder().batchSize(batchSize)
                        .pollTimeout(Duration.ofMillis(100)).executor(executor).build();
        container = StreamMessageListenerContainer.create(factory, options);
        container.receive(org.springframework.data.redis.connection.stream.Consumer.from(group, "bench"),
                StreamOffset.create(stream, ReadOffset.lastConsumed()), record -> {
                    sink.accept(record.getValue().get(FIELD));
                    template.opsForStream().acknowledge(stream, group, record.getId());
                });
        container.start();
    }

    @Override
    public void close() {
        try {
            if (container != null) {
                container.stop();
            }
            // The polling task ends after its current read (at most the poll timeout).
            executor.shutdown();
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            factory.destroy();
        }
    }
}
