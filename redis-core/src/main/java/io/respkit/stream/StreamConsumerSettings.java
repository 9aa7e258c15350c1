package io.respkit.stream;

import io.respkit.commands.StreamOffset;
import io.respkit.connection.Backoff;
import io.respkit.internal.stream.StreamConnectionSource;

import java.time.Duration;
import java.util.List;

/**
 * A {@link StreamConsumer}'s checked settings, as its builder leaves them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param source where the workers get their connections
 * @param codec the codec of the entries' values, for dead letters
 * @param stream the stream's key
 * @param group the consumer group
 * @param consumerNames one consumer name per worker
 * @param listenerId who consumes, for dead letters, or {@code null}
 * @param startId where a new group starts
 * @param batchSize {@code COUNT} of each read
 * @param block {@code BLOCK} of each read
 * @param maxAttempts deliveries before an entry is dead-lettered
 * @param retryBackoff the delay before each retry, by attempt
 * @param deadLetterStream the dead-letter stream's key
 * @param claimIdle how long another consumer's entry must be idle before it is claimed
 * @param claimInterval how often idle entries are claimed
 * @param reconnectBackoff the delay between reconnection attempts
 * @param closeGrace how long {@link StreamConsumer#close()} lets handlers finish
 * @param handler the handler, or {@code null} in batch mode
 * @param batchHandler the batch handler, or {@code null}
 * @param errorListener told about failures
 * @param listener told about metrics events
 * @param <V> the value type
 */
record StreamConsumerSettings<V>(StreamConnectionSource<V> source, io.respkit.codec.RedisCodec<V> codec,
        String stream, String group, List<String> consumerNames, String listenerId, StreamOffset startId, int batchSize,
        Duration block, int maxAttempts, Backoff retryBackoff, String deadLetterStream, Duration claimIdle,
        Duration claimInterval, Backoff reconnectBackoff, Duration closeGrace, StreamHandler<V> handler,
        StreamBatchHandler<V> batchHandler, StreamErrorListener errorListener, StreamConsumerListener listener) {

    boolean batchMode() {
        return batchHandler != null;
    }
}
