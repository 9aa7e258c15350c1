package io.respkit.sample;

import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the demo did, for its log and for the test that runs it: each step's result by name, the queue items
 * consumed, the stream entries consumed and the radio messages each listener heard.
 *
 * <p>Thread-safe: listeners record from their own threads.
 */
@Component
public class DemoReport {

    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final List<String> consumed = new CopyOnWriteArrayList<>();
    private final List<String> shipped = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> heard = new ConcurrentHashMap<>();
    private volatile boolean completed;

    void result(String step, Object value) {
        results.put(step, value == null ? "null" : value);
    }

    void consumed(String item) {
        consumed.add(item);
    }

    void shipped(String shipment) {
        shipped.add(shipment);
    }

    void heard(String user, String message) {
        heard.computeIfAbsent(user, u -> new CopyOnWriteArrayList<>()).add(message);
    }

    void complete() {
        completed = true;
    }

    /** @return each step's result by step name */
    public Map<String, Object> results() {
        return results;
    }

    /** @return the queue items the listener consumed, in order */
    public List<String> consumed() {
        return consumed;
    }

    /** @return the shipments the stream listener consumed, as "order via carrier", in stream order */
    public List<String> shipped() {
        return shipped;
    }

    /** @return the messages each radio user heard, as "channel: message" */
    public Map<String, List<String>> heard() {
        return heard;
    }

    /** @return {@code true} once every step of the demo ran */
    public boolean completed() {
        return completed;
    }
}
