package io.respkit.connection;

import java.util.Locale;
import java.util.Objects;

/**
 * Which node of a replicated set (a Redis Cluster slot's primary and its replicas; later a Sentinel-monitored
 * primary and its replicas) serves a read-only command ({@link io.respkit.commands.Command#isReadOnly()}). Writes,
 * and every command that is not read-only, always go to the primary, whatever this says.
 *
 * <p>A node is <em>available</em> when the current topology lists it for the slot and does not flag it as failing.
 * Replication is asynchronous: a read from a replica may not see a write the primary has just acknowledged.
 *
 * <p>Immutable and thread-safe.
 */
public enum ReadFrom {

    /**
     * Reads go to the slot's primary, like writes (the default): every read sees the latest acknowledged write.
     * No fallback: when the primary is unavailable, the command fails.
     */
    PRIMARY,

    /**
     * Reads go to the slot's primary; when the primary is unavailable, to one of its available replicas. Fails only
     * when neither the primary nor any replica is available.
     */
    PRIMARY_PREFERRED,

    /**
     * Reads go to one of the slot's available replicas, spread among them; when the slot has none available, to the
     * primary. Fails only when neither a replica nor the primary is available.
     */
    REPLICA_PREFERRED,

    /**
     * Reads go to one of the slot's available replicas, spread among them, and never to the primary: when the slot
     * has no available replica, the command fails.
     */
    REPLICA,

    /**
     * Reads go to any available node of the slot, the primary and its replicas alike, spread among them. Fails only
     * when none of them is available.
     */
    ANY;

    /**
     * Parses a name in any of the usual spellings, ignoring case: {@code replica-preferred}, {@code REPLICA_PREFERRED},
     * {@code replicaPreferred}, {@code replica_preferred}.
     *
     * @param text the name
     * @return the value
     * @throws NullPointerException when {@code text} is null
     * @throws IllegalArgumentException when {@code text} names no value; the message lists the valid ones
     */
    public static ReadFrom parse(String text) {
        Objects.requireNonNull(text, "readFrom");
        String t = text;
        for (ReadFrom r : values()) {
            if (t.replace('-', '_').equalsIgnoreCase(r.name()) || t.equalsIgnoreCase(r.name().replace("_", ""))) {
                return r;
            }
        }
        StringBuilder valid = new StringBuilder();
        for (ReadFrom r : values()) {
            valid.append(valid.length() == 0 ? "" : ", ").append(r.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        throw new IllegalArgumentException("readFrom must be one of " + valid + " (in any case, with '-' or '_' or in "
                + "camelCase), was '" + text + "'");
    }
}
