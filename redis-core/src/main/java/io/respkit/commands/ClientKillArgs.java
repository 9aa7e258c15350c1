package io.respkit.commands;

import java.time.Duration;
import java.util.Objects;

/**
 * The filters of {@code CLIENT KILL}: a connection is closed when it matches all the filters given. At least one
 * filter other than {@code SKIPME} is required, so that a call never closes every connection by accident. Start from
 * {@link #NONE} (no filter, rejected when sent) and chain. Immutable and thread-safe.
 *
 * @param id {@code ID}: the connection id, or 0 for any
 * @param address {@code ADDR}: the client's {@code ip:port}, or null for any
 * @param localAddress {@code LADDR}: the server-side {@code ip:port} it connected to, or null for any
 * @param user {@code USER}: the authenticated user, or null for any
 * @param type {@code TYPE}: the connection kind, or null for any
 * @param skipMe {@code SKIPME}: null for the server's default (yes: the connection sending the command survives),
 *        or whether it does
 * @param maxAge {@code MAXAGE} (Redis 7.4+): only connections older than this, or null for any age
 */
public record ClientKillArgs(long id, String address, String localAddress, String user, ClientType type,
                             Boolean skipMe, Duration maxAge) {

    /** No filter: rejected as it is by {@code clientKill}; a starting point for the chained filters. */
    public static final ClientKillArgs NONE = new ClientKillArgs(0, null, null, null, null, null, null);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException when {@code id} is negative or {@code maxAge} is not positive
     */
    public ClientKillArgs {
        if (id < 0) {
            throw new IllegalArgumentException("CLIENT KILL ID must be positive: " + id);
        }
        if (maxAge != null && (maxAge.isNegative() || maxAge.toSeconds() < 1)) {
            throw new IllegalArgumentException("CLIENT KILL MAXAGE must be at least one second: " + maxAge);
        }
    }

    /**
     * Filters by connection id.
     *
     * @param id the id, positive
     * @return the filters with this one
     * @throws IllegalArgumentException when {@code id} is not positive
     */
    public ClientKillArgs withId(long id) {
        if (id <= 0) {
            throw new IllegalArgumentException("CLIENT KILL ID must be positive: " + id);
        }
        return new ClientKillArgs(id, address, localAddress, user, type, skipMe, maxAge);
    }

    /**
     * Filters by client address.
     *
     * @param address the client's {@code ip:port}
     * @return the filters with this one
     */
    public ClientKillArgs withAddress(String address) {
        return new ClientKillArgs(id, Objects.requireNonNull(address, "address"), localAddress, user, type, skipMe,
                maxAge);
    }

    /**
     * Filters by the server-side address the client connected to.
     *
     * @param localAddress the server's {@code ip:port}
     * @return the filters with this one
     */
    public ClientKillArgs withLocalAddress(String localAddress) {
        return new ClientKillArgs(id, address, Objects.requireNonNull(localAddress, "localAddress"), user, type,
                skipMe, maxAge);
    }

    /**
     * Filters by authenticated user.
     *
     * @param user the user name
     * @return the filters with this one
     */
    public ClientKillArgs withUser(String user) {
        return new ClientKillArgs(id, address, localAddress, Objects.requireNonNull(user, "user"), type, skipMe,
                maxAge);
    }

    /**
     * Filters by connection kind.
     *
     * @param type the kind
     * @return the filters with this one
     */
    public ClientKillArgs withType(ClientType type) {
        return new ClientKillArgs(id, address, localAddress, user, Objects.requireNonNull(type, "type"), skipMe,
                maxAge);
    }

    /**
     * Sets whether the connection sending the command is spared ({@code SKIPME yes|no}).
     *
     * @param skip {@code false} to let it be closed too when it matches
     * @return the filters with this one
     */
    public ClientKillArgs skipMe(boolean skip) {
        return new ClientKillArgs(id, address, localAddress, user, type, skip, maxAge);
    }

    /**
     * Filters to connections older than {@code age} ({@code MAXAGE}, whole seconds; Redis 7.4+, older servers
     * answer with a syntax error).
     *
     * @param age the minimum age, at least a second
     * @return the filters with this one
     * @throws IllegalArgumentException when {@code age} is under a second
     */
    public ClientKillArgs withMaxAge(Duration age) {
        return new ClientKillArgs(id, address, localAddress, user, type, skipMe, Objects.requireNonNull(age, "age"));
    }

    /**
     * Returns whether a filter that selects connections is set ({@code SKIPME} alone selects nothing).
     *
     * @return {@code true} when the filters may be sent
     */
    public boolean selectsSomething() {
        return id > 0 || address != null || localAddress != null || user != null || type != null || maxAge != null;
    }
}
