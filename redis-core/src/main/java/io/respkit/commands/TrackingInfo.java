package io.respkit.commands;

import java.util.List;

/**
 * A connection's client-side caching state ({@code CLIENT TRACKINGINFO}). Immutable and thread-safe.
 *
 * @param flags e.g. {@code off}, {@code on}, {@code bcast}, {@code optin}, {@code optout}, {@code caching-yes},
 *        {@code noloop}, {@code broken_redirect}
 * @param redirect the id of the connection invalidations go to: -1 when tracking is off, 0 when they come on this
 *        connection
 * @param prefixes the key prefixes tracked in broadcast mode
 */
public record TrackingInfo(List<String> flags, long redirect, List<String> prefixes) {

    /**
     * Copies the lists.
     *
     * @throws NullPointerException when a list is null
     */
    public TrackingInfo {
        flags = List.copyOf(flags);
        prefixes = List.copyOf(prefixes);
    }
}
