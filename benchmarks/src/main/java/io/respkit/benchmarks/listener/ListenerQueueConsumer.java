package io.respkit.benchmarks.listener;

import io.respkit.benchmarks.QueueConsumer;
import io.respkit.spring.boot.autoconfigure.RedisAutoConfiguration;
import io.respkit.spring.boot.autoconfigure.RedisListenerAutoConfiguration;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import java.util.function.Consumer;

/**
 * respkit's {@code @RedisListener} queue container in a real (minimal) Spring Boot application, set up through the
 * starter's auto-configuration and {@code redis.*} properties exactly as a user's application would be.
 *
 * <p>Not thread-safe: started and closed by one thread.
 */
public final class ListenerQueueConsumer implements QueueConsumer {

    private final String name;
    private final String url;
    private final int batchSize;
    private ConfigurableApplicationContext context;

    /**
     * Creates the consumer.
     *
     * @param name the contender's name in the report
     * @param url the {@code redis.url}
     * @param batchSize items per round trip, 1 for the plain {@code BRPOP} loop
     */
    public ListenerQueueConsumer(String name, String url, int batchSize) {
        this.name = name;
        this.url = url;
        this.batchSize = batchSize;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(String queue, Consumer<String> sink) {
        QueueSink holder = new QueueSink(sink);
        context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .initializers(ctx -> ctx.getBeanFactory().registerSingleton("benchQueueSink", holder))
                .properties("redis.url=" + url, "bench.queue=" + queue, "bench.batch-size=" + batchSize,
                        "redis.listener.poll-timeout=1s", "redis.listener.shutdown-timeout=5s")
                .run();
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
        }
    }

    /** The application: the starter's auto-configuration and one listener bean. */
    @SpringBootConfiguration
    @ImportAutoConfiguration({RedisAutoConfiguration.class, RedisListenerAutoConfiguration.class})
    @Import(QueueListenerBean.class)
    static class App {
    }
}
