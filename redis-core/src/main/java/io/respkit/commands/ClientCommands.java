package io.respkit.commands;

import io.respkit.internal.commands.ClientDefs;

import java.time.Duration;
import java.util.List;

/**
 * Synchronous {@code CLIENT} commands: listing, killing, pausing and unblocking connections, and client-side caching
 * ({@code CLIENT TRACKING}). Each method is defined once in {@code io.respkit.internal.commands.ClientDefs} and runs
 * through {@link #execute(Command)}; the basic ones ({@code SETNAME}, {@code GETNAME}, {@code ID}, the raw
 * {@code LIST}) are in {@link ServerCommands}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * <p>Every {@code CLIENT} command runs on a dedicated connection. The tracking commands ({@code TRACKING},
 * {@code CACHING}) change the connection they run on: through the pooled {@link io.respkit.RedisClient} that
 * connection is closed afterwards rather than handed out again, so use them inside
 * {@link io.respkit.RedisClient#withConnection(java.util.function.Function)} or on a
 * {@link io.respkit.DedicatedConnection}.
 *
 * <p>Every method may throw {@link io.respkit.exceptions.RedisConnectionException} when the connection fails.
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "CLIENT commands",
        pipelineNote = "A queued {@code CLIENT TRACKING} or {@code CLIENT CACHING} changes the pipeline's connection;"
                + " the pool closes it afterwards.",
        asyncNote = "{@code CLIENT TRACKING} and {@code CLIENT CACHING} change only the pooled connection they run"
                + " on, which the pool then closes: use them on a dedicated connection instead.")
public interface ClientCommands<V> extends BaseCommands<V> {

    /**
     * Closes the connections that match every filter ({@code CLIENT KILL filter ...}), e.g.
     * {@code clientKill(ClientKillArgs.NONE.withType(ClientType.PUBSUB).withMaxAge(Duration.ofHours(1)))}.
     *
     * @param filters the filters; at least one of id, address, local address, user, type or maximum age
     * @return how many connections were closed
     * @throws IllegalArgumentException when no filter selects connections
     */
    default long clientKill(ClientKillArgs filters) {
        return execute(ClientDefs.clientKill(codec(), filters));
    }

    /**
     * Describes every client connection, parsed ({@code CLIENT LIST}).
     *
     * @return one entry per connection
     */
    default List<ClientInfo> clients() {
        return execute(ClientDefs.clientListParsed(codec()));
    }

    /**
     * Describes the client connections of one kind, parsed ({@code CLIENT LIST TYPE type}).
     *
     * @param type the kind
     * @return one entry per matching connection
     */
    default List<ClientInfo> clients(ClientType type) {
        return execute(ClientDefs.clientListByType(codec(), type));
    }

    /**
     * Describes the client connections with the given ids, parsed ({@code CLIENT LIST ID id ...}).
     *
     * @param ids the connection ids, at least one
     * @return one entry per existing connection
     * @throws IllegalArgumentException when no id is given
     */
    default List<ClientInfo> clientsById(long... ids) {
        return execute(ClientDefs.clientListById(codec(), ids));
    }

    /**
     * Describes the connection the call runs on ({@code CLIENT INFO}, Redis 6.2+).
     *
     * @return the connection
     */
    default ClientInfo clientInfo() {
        return execute(ClientDefs.clientInfo(codec()));
    }

    /**
     * Holds back every command of ordinary and pub/sub clients for a while ({@code CLIENT PAUSE ms ALL}).
     *
     * @param timeout how long, millisecond precision
     * @return {@code true}
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    default boolean clientPause(Duration timeout) {
        return execute(ClientDefs.clientPause(codec(), timeout, ClientPauseMode.ALL));
    }

    /**
     * Holds back commands of ordinary and pub/sub clients for a while ({@code CLIENT PAUSE ms WRITE|ALL}).
     *
     * @param timeout how long, millisecond precision
     * @param mode {@link ClientPauseMode#WRITE} to hold back only writes
     * @return {@code true}
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    default boolean clientPause(Duration timeout, ClientPauseMode mode) {
        return execute(ClientDefs.clientPause(codec(), timeout, mode));
    }

    /**
     * Ends a {@code CLIENT PAUSE} early ({@code CLIENT UNPAUSE}).
     *
     * @return {@code true}
     */
    default boolean clientUnpause() {
        return execute(ClientDefs.clientUnpause(codec()));
    }

    /**
     * Turns client-side caching on for the connection the call runs on ({@code CLIENT TRACKING ON ...}), e.g.
     * {@code clientTrackingOn(ClientTrackingArgs.NONE.redirectTo(subscriberId).withBroadcast("user:"))}.
     *
     * @param args where invalidations go and what is tracked
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when the redirect connection does not exist, or over RESP2
     *         without a redirect
     */
    default boolean clientTrackingOn(ClientTrackingArgs args) {
        return execute(ClientDefs.clientTrackingOn(codec(), args));
    }

    /**
     * Turns client-side caching off for the connection the call runs on ({@code CLIENT TRACKING OFF}).
     *
     * @return {@code true}
     */
    default boolean clientTrackingOff() {
        return execute(ClientDefs.clientTrackingOff(codec()));
    }

    /**
     * Describes the client-side caching state of the connection the call runs on ({@code CLIENT TRACKINGINFO}).
     *
     * @return the state
     */
    default TrackingInfo clientTrackingInfo() {
        return execute(ClientDefs.clientTrackingInfo(codec()));
    }

    /**
     * Returns where the invalidations of the connection the call runs on go ({@code CLIENT GETREDIR}).
     *
     * @return the redirect connection's id, 0 when they come on this connection, -1 when tracking is off
     */
    default long clientGetRedir() {
        return execute(ClientDefs.clientGetRedir(codec()));
    }

    /**
     * Tracks, or not, the next read of the connection the call runs on ({@code CLIENT CACHING YES|NO}), in
     * {@code OPTIN} or {@code OPTOUT} tracking mode.
     *
     * @param cache {@code true} for {@code YES} (with {@code OPTIN}), {@code false} for {@code NO} (with
     *        {@code OPTOUT})
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when tracking is off or in the other mode
     */
    default boolean clientCaching(boolean cache) {
        return execute(ClientDefs.clientCaching(codec(), cache));
    }

    /**
     * Exempts, or not, the connection the call runs on from client eviction ({@code CLIENT NO-EVICT ON|OFF}).
     *
     * @param on {@code true} to exempt it
     * @return {@code true}
     */
    default boolean clientNoEvict(boolean on) {
        return execute(ClientDefs.clientNoEvict(codec(), on));
    }

    /**
     * Ends another connection's blocking call as if it timed out ({@code CLIENT UNBLOCK id TIMEOUT}).
     *
     * @param clientId the blocked connection's id
     * @return {@code true} when it was blocked and is now released
     */
    default boolean clientUnblock(long clientId) {
        return execute(ClientDefs.clientUnblock(codec(), clientId, false));
    }

    /**
     * Ends another connection's blocking call with an {@code UNBLOCKED} error ({@code CLIENT UNBLOCK id ERROR}).
     *
     * @param clientId the blocked connection's id
     * @return {@code true} when it was blocked and is now released
     */
    default boolean clientUnblockWithError(long clientId) {
        return execute(ClientDefs.clientUnblock(codec(), clientId, true));
    }

    /**
     * Resets the connection the call runs on to its state just after connecting ({@code RESET}): database 0, no
     * transaction, watch, subscription, tracking, name or authenticated user (back to {@code default}), RESP2.
     * Through the pooled {@link io.respkit.RedisClient} that connection is then closed rather than reused, since it
     * lost its configured handshake.
     *
     * @return {@code "RESET"}
     */
    default String resetConnection() {
        return execute(ClientDefs.reset(codec()));
    }
}
