package io.respkit.commands;

import java.util.List;

/**
 * The options of {@code CLIENT TRACKING ON}: where invalidation messages go and what is tracked. Start from
 * {@link #NONE} (track the keys this connection reads, invalidations on this connection, RESP3 only) and chain.
 * Immutable and thread-safe.
 *
 * @param redirect {@code REDIRECT}: the id of the connection that receives the invalidations (a RESP2 subscriber
 *        to {@code __redis__:invalidate}), or 0 for this connection
 * @param broadcast {@code BCAST}: track every key of the {@link #prefixes()} instead of the keys read
 * @param prefixes {@code PREFIX}: the key prefixes of broadcast mode; empty for every key
 * @param optIn {@code OPTIN}: track only reads preceded by {@code CLIENT CACHING yes}
 * @param optOut {@code OPTOUT}: track every read but those preceded by {@code CLIENT CACHING no}
 * @param noLoop {@code NOLOOP}: no invalidations for keys this connection itself changed
 */
public record ClientTrackingArgs(long redirect, boolean broadcast, List<String> prefixes, boolean optIn,
                                 boolean optOut, boolean noLoop) {

    /** The server's defaults. */
    public static final ClientTrackingArgs NONE = new ClientTrackingArgs(0, false, List.of(), false, false, false);

    /**
     * Checks the combination, as the server would.
     *
     * @throws IllegalArgumentException for {@code OPTIN} with {@code OPTOUT}, either with {@code BCAST}, a prefix
     *         without {@code BCAST}, or a negative redirect
     */
    public ClientTrackingArgs {
        prefixes = List.copyOf(prefixes);
        if (optIn && optOut) {
            throw new IllegalArgumentException("CLIENT TRACKING: OPTIN and OPTOUT exclude each other");
        }
        if (broadcast && (optIn || optOut)) {
            throw new IllegalArgumentException("CLIENT TRACKING: OPTIN/OPTOUT do not apply to BCAST");
        }
        if (!prefixes.isEmpty() && !broadcast) {
            throw new IllegalArgumentException("CLIENT TRACKING: PREFIX needs BCAST");
        }
        if (redirect < 0) {
            throw new IllegalArgumentException("CLIENT TRACKING: REDIRECT id must be positive: " + redirect);
        }
    }

    /**
     * Sends invalidations to another connection.
     *
     * @param clientId its id ({@code CLIENT ID} on it)
     * @return the options with this one
     */
    public ClientTrackingArgs redirectTo(long clientId) {
        return new ClientTrackingArgs(clientId, broadcast, prefixes, optIn, optOut, noLoop);
    }

    /**
     * Tracks every key with one of the prefixes (every key when none), read or not ({@code BCAST PREFIX ...}).
     *
     * @param keyPrefixes the prefixes
     * @return the options with this one
     */
    public ClientTrackingArgs withBroadcast(String... keyPrefixes) {
        return new ClientTrackingArgs(redirect, true, List.of(keyPrefixes), optIn, optOut, noLoop);
    }

    /**
     * Tracks only reads preceded by {@code CLIENT CACHING yes} ({@code OPTIN}).
     *
     * @return the options with this one
     */
    public ClientTrackingArgs withOptIn() {
        return new ClientTrackingArgs(redirect, broadcast, prefixes, true, optOut, noLoop);
    }

    /**
     * Tracks every read but those preceded by {@code CLIENT CACHING no} ({@code OPTOUT}).
     *
     * @return the options with this one
     */
    public ClientTrackingArgs withOptOut() {
        return new ClientTrackingArgs(redirect, broadcast, prefixes, optIn, true, noLoop);
    }

    /**
     * Skips invalidations of keys this connection changed itself ({@code NOLOOP}).
     *
     * @return the options with this one
     */
    public ClientTrackingArgs withNoLoop() {
        return new ClientTrackingArgs(redirect, broadcast, prefixes, optIn, optOut, true);
    }
}
