package io.respkit.sentinel;

import java.time.Duration;
import java.util.Objects;

/**
 * The opt-in durable-write mode of a Sentinel client: after each command that is not read-only (writes, and scripts
 * and functions, which may write), the client sends {@code WAIT} on the same connection and raises
 * {@link io.respkit.exceptions.RedisDurabilityException} unless {@code replicas} replicas confirm the write within
 * {@code timeout}. A write confirmed by every replica attached at the time survives a failover that promotes one of
 * them; it is lost only if a replica detached then (and so without it) is promoted instead. With fewer replicas, a
 * failover that promotes one without it loses it (the sentinels prefer the replica that has copied the most, which
 * narrows but does not close that window).
 *
 * <p>{@link #allReplicas(Duration)} asks for every replica the sentinels report attached to the primary at the time
 * (at least one): the guarantee of every replica without failing every write while one is gone. Right after a
 * failover no replica is attached to the new primary for a moment (the sentinels reconfigure the others to follow
 * it), and writes fail with the exception until one is.
 *
 * <p>It covers single commands of the typed API and {@code execute}; pipelines and transactions are not waited for.
 * Each write then costs a second round trip and the replication delay, and writes go to pooled connections, never to
 * the shared multiplexed one, which a {@code WAIT} would block.
 *
 * <p>Immutable and thread-safe.
 *
 * @param replicas how many replicas must confirm each write, at least 1; or {@link #ALL_REPLICAS}
 * @param timeout how long to wait for them, at least 1 ms
 */
public record DurableWrites(int replicas, Duration timeout) {

    /** The {@link #replicas()} value of {@link #allReplicas(Duration)}. */
    public static final int ALL_REPLICAS = 0;

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException when {@code replicas} is negative or {@code timeout} is under 1 ms
     * @throws NullPointerException when {@code timeout} is null
     */
    public DurableWrites {
        Objects.requireNonNull(timeout, "timeout");
        if (replicas < 0) {
            throw new IllegalArgumentException("replicas must be at least 1 (or ALL_REPLICAS), was " + replicas);
        }
        if (timeout.toMillis() < 1) {
            throw new IllegalArgumentException("timeout must be at least 1 ms, was " + timeout);
        }
    }

    /**
     * Every replica the sentinels report attached to the primary when the write is made, at least one.
     *
     * @param timeout how long to wait for them, at least 1 ms
     * @return the mode
     * @throws IllegalArgumentException when {@code timeout} is under 1 ms
     */
    public static DurableWrites allReplicas(Duration timeout) {
        return new DurableWrites(ALL_REPLICAS, timeout);
    }

    @Override
    public String toString() {
        return "DurableWrites[replicas=" + (replicas == ALL_REPLICAS ? "all" : Integer.toString(replicas))
                + ", timeout=" + timeout.toMillis() + "ms]";
    }
}
