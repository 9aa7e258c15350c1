package io.respkit.benchmarks.stream;

import io.respkit.RedisClient;
import io.respkit.commands.StreamEntryId;
import io.respkit.connection.RedisConfig;
import io.respkit.stream.StreamConsumer;
import io.respkit.stream.StreamConsumerBuilder;
import io.respkit.stream.StreamMessage;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * respkit's stream engine, {@link StreamConsumer} from redis-core, as a plain Java user sets it up: one worker, reads
 * of {@code batchSize} entries ({@code XREADGROUP ... COUNT}), and either a per-entry handler (one {@code XACK} per
 * entry, after the handler returned) or a batch handler (one {@code XACK} of the whole batch after it returned).
 *
 * <p>Not thread-safe: started and closed by one thread.
 */
public final class RespkitStreamContender implements StreamContender {

    private final String name;
    private final int batchSize;
    private final boolean batchHandler;
    private final RedisClient<String> client;
    private StreamConsumer<String> consumer;

    /**
     * Creates the client; the consumer is built at {@link #start}.
     *
     * @param name the contender's name in the report
     * @param host the server host
     * @param port the server port
     * @param batchSize entries per read
     * @param batchHandler whether a batch handler (one acknowledgement per batch) takes the entries
     */
    public RespkitStreamContender(String name, String host, int port, int batchSize, boolean batchHandler) {
        this.name = name;
        this.batchSize = batchSize;
        this.batchHandler = batchHandler;
        this.client = RedisClient.create(RedisConfig.builder().host(host).port(port).build());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(String stream, String group, Consumer<String> sink) {
        StreamConsumerBuilder<String> b = StreamConsumer.builder(client).stream(stream).group(group)
                .consumer("bench").startId(StreamEntryId.MIN).batchSize(batchSize).block(Duration.ofMillis(100));
        if (batchHandler) {
            b.batchHandler(messages -> {
                for (StreamMessage<String> m : messages) {
                    sink.accept(m.field(FIELD));
                }
            });
        } else {
            b.handler(m -> sink.accept(m.field(FIELD)));
        }
        consumer = b.build();
        consumer.start();
    }

    @Override
    public void close() {
        try {
            if (consumer != null) {
                consumer.close();
            }
        } finally {
            client.close();
        }
    }
}
