package io.respkit.sample;

import io.respkit.spring.core.RedisTemplate;
import io.respkit.spring.listener.annotation.RedisListener;
import io.respkit.stream.StreamMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Redis Streams with a consumer group: the demo adds shipments to the stream {@code shipments} with {@code XADD},
 * and a {@code @RedisListener(stream = "shipments", group = "sample")} reads them at least once, the JSON of each
 * entry's {@code payload} field converted to a {@link Shipment}; an entry is acknowledged only after the method
 * returned, retried when it throws and dead-lettered to {@code shipments:dead} ({@code {shipments}:dead} on a cluster) after its last attempt.
 *
 * <p>On a Redis Cluster too: the listener reads from the primary serving the stream's hash slot, and dead letters go
 * to {@code {shipments}:dead}, in that slot.
 *
 * <p>Thread-safe: the listener runs on a listener thread and only records into the thread-safe report.
 */
@Component
public class StreamDemo {

    static final List<String> ORDERS = List.of("o-1", "o-2", "o-3");

    private static final Logger log = LoggerFactory.getLogger(StreamDemo.class);

    /**
     * A shipment, the JSON of an entry's {@code payload} field.
     *
     * @param order the order's id
     * @param carrier who carries it
     */
    public record Shipment(String order, String carrier) {
    }

    private final RedisTemplate<String> redis;
    private final DemoReport report;

    StreamDemo(RedisTemplate<String> redis, DemoReport report) {
        this.redis = redis;
        this.report = report;
    }

    /**
     * The consumer. {@code startId = "0"}: the group, created at start-up, reads the stream from its first entry,
     * so that nothing is missed when the demo's {@code FLUSHALL} drops the group (it is then recreated from there).
     */
    @RedisListener(id = "shipments", stream = "shipments", group = "sample", startId = "0")
    void ship(Shipment shipment, StreamMessage<String> entry) {
        log.info("stream consumer took entry {} (delivery {}): {} via {}", entry.id(), entry.deliveryCount(),
                shipment.order(), shipment.carrier());
        report.shipped(shipment.order() + " via " + shipment.carrier());
    }

    void run() {
        for (String order : ORDERS) {
            var id = redis.xadd("shipments", Map.of("payload",
                    "{\"order\":\"" + order + "\",\"carrier\":\"ups\"}"));
            log.info("producer added {} as entry {}", order, id);
        }
        QueueAndRadioDemo.await("the stream consumer to take every shipment",
                () -> report.shipped().size() >= ORDERS.size());
    }
}
