package io.respkit.stream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.respkit.RedisClient;
import io.respkit.commands.StreamEntryId;
import io.respkit.connection.Backoff;
import io.respkit.test.RedisProcess;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@link StreamConsumer} across a server restart that loses the stream and the group (the test server keeps no
 * data): the workers reconnect, recreate the group after the last id they read, log the gap once at WARN, and
 * handle every entry added after the restart.
 */
@ExtendWith(RedisServerExtension.class)
class StreamConsumerServerRestartIntegrationTests {

    private static final String STREAM = "sc:restart";

    @Test
    void aServerRestartThatLostTheGroupIsSurvived(RedisProcess server) {
        Logger logger = (Logger) LoggerFactory.getLogger(StreamConsumer.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        StreamRecorder recorder = new StreamRecorder();
        try (RedisClient<String> redis = RedisClient.create(server.configBuilder().timeout(Duration.ofSeconds(2))
                .build());
             StreamConsumer<String> consumer = StreamConsumer.builder(redis).stream(STREAM).group("g")
                     .startId(StreamEntryId.MIN).concurrency(2).block(Duration.ofMillis(200))
                     .reconnectBackoff(Backoff.fixed(Duration.ofMillis(50)))
                     .listener(recorder).errorListener(recorder).handler(m -> { }).build()) {
            consumer.start();
            for (int i = 0; i < 50; i++) {
                redis.xadd(STREAM, Map.of("n", "before" + i));
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> recorder.processed.size() == 50);

            server.kill();
            server.restart();
            assertThat(server.awaitReady(Duration.ofSeconds(10))).isTrue();
            List<StreamEntryId> after = new ArrayList<>();
            // The client's pool finds its dead connections on first use; retry until the new server takes writes.
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> after.add(redis.xadd(STREAM, Map.of("n", "after0"))));
            for (int i = 1; i < 50; i++) {
                after.add(redis.xadd(STREAM, Map.of("n", "after" + i)));
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> recorder.processed.containsAll(after)
                    && redis.xpending(STREAM, "g").count() == 0);
            assertThat(recorder.processed).hasSize(100).doesNotHaveDuplicates();
            assertThat(recorder.consumerErrors).isNotEmpty();
            assertThat(consumer.isRunning()).isTrue();
        } finally {
            logger.detachAppender(logs);
        }
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.WARN
                && e.getFormattedMessage().contains("was missing")).hasSize(1);
    }
}
