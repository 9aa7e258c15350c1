package io.respkit.commands;

import io.respkit.internal.commands.PubSubDefs;
import io.respkit.internal.commands.ServerDefs;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Synchronous server and connection commands ({@code PING}, {@code INFO}, {@code TIME}, {@code CONFIG},
 * {@code CLIENT}, {@code SELECT}) and publishing ({@code PUBLISH}, {@code SPUBLISH}, {@code PUBSUB}). Each method is defined once in
 * {@code io.respkit.internal.commands.ServerDefs} and runs through {@link #execute(Command)}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * <p>Connection-state commands ({@link #select(int)}, {@link #clientSetName(String)}) act on the one connection
 * they run on. Through the pooled {@link io.respkit.RedisClient} each call may run on a different connection, so use
 * them inside {@link io.respkit.RedisClient#withConnection(java.util.function.Function)}.
 *
 * <p>Every method may throw {@link io.respkit.exceptions.RedisConnectionException} when the connection fails.
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "Server, connection and publish commands",
        pipelineNote = "A queued {@code SELECT} switches the database of the commands queued after it; the pool"
                + " destroys the connection afterwards rather than reuse it on another database.",
        asyncNote = "Connection-state commands ({@code SELECT}, {@code CLIENT SETNAME}) act only on the pooled"
                + " connection they happen to run on: use them inside"
                + " {@link io.respkit.RedisClient#withConnection(java.util.function.Function)} instead.")
public interface ServerCommands<V> extends BaseCommands<V> {

    /**
     * Checks that the server answers ({@code PING}).
     *
     * @return {@code "PONG"}
     */
    default String ping() {
        return execute(ServerDefs.ping(codec()));
    }

    /**
     * Sends {@code PING message}; the server answers with the message.
     *
     * @param message the message
     * @return the same message
     */
    default V ping(V message) {
        return execute(ServerDefs.ping(codec(), message));
    }

    /**
     * Sends a message the server returns unchanged ({@code ECHO}).
     *
     * @param message the message
     * @return the same message
     */
    default V echo(V message) {
        return execute(ServerDefs.echo(codec(), message));
    }

    /**
     * Selects the logical database for the rest of this connection's life ({@code SELECT}).
     *
     * <p>This only makes sense inside {@link io.respkit.RedisClient#withConnection(java.util.function.Function)}:
     * through the pooled client the call runs on some pooled connection, which is then no longer on its configured
     * database; the pool sees that and destroys it instead of reusing it, so later calls are unaffected but the
     * {@code SELECT} has no lasting effect. To use another database for every call, configure it
     * ({@code redis://host:6379/2}).
     *
     * @param index the database number, 0 to 15 by default
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException {@code ERR DB index is out of range} for an unknown database
     */
    default boolean select(int index) {
        return execute(ServerDefs.select(codec(), index));
    }

    /**
     * Returns the server's default {@code INFO} sections, parsed ({@code INFO}).
     *
     * @return the sections, e.g. {@code info().get("server", "redis_version")}
     */
    default ServerInfo info() {
        return execute(ServerDefs.info(codec(), Collections.emptyList()));
    }

    /**
     * Returns the named {@code INFO} sections, parsed ({@code INFO section ...}); several sections need Redis 7.0+.
     *
     * @param sections e.g. {@code "server"}, {@code "memory"}, {@code "keyspace"}, or {@code "all"}/{@code "everything"}
     * @return the sections; an unknown section name simply yields no section
     */
    default ServerInfo info(String... sections) {
        return execute(ServerDefs.info(codec(), Arrays.asList(sections)));
    }

    /**
     * Returns the server's clock ({@code TIME}).
     *
     * @return the server time, with microsecond precision
     */
    default Instant time() {
        return execute(ServerDefs.time(codec()));
    }

    /**
     * Names the current connection ({@code CLIENT SETNAME}), as shown by {@code CLIENT LIST}.
     *
     * <p>The name stays on the connection it ran on; use it inside
     * {@link io.respkit.RedisClient#withConnection(java.util.function.Function)}, or configure a client name for
     * every pooled connection instead.
     *
     * @param name the name, without spaces; empty to remove the name
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when the name contains spaces or other invalid characters
     */
    default boolean clientSetName(String name) {
        return execute(ServerDefs.clientSetName(codec(), name));
    }

    /**
     * Returns the name of the current connection ({@code CLIENT GETNAME}).
     *
     * @return the name, or {@code null} when the connection has none
     */
    default String clientGetName() {
        return execute(ServerDefs.clientGetName(codec()));
    }

    /**
     * Returns the server-side id of the current connection ({@code CLIENT ID}).
     *
     * @return the id, unique for the server's lifetime
     */
    default long clientId() {
        return execute(ServerDefs.clientId(codec()));
    }

    /**
     * Describes every client connection ({@code CLIENT LIST}), one line per connection as the server formats it
     * ({@code id=7 addr=127.0.0.1:52555 ... name=worker-1 ...}).
     *
     * @return the server's text
     */
    default String clientList() {
        return execute(ServerDefs.clientList(codec()));
    }

    /**
     * Returns the configuration parameters matching a glob pattern ({@code CONFIG GET}).
     *
     * @param pattern a parameter name such as {@code "maxclients"}, or a glob such as {@code "max*"}
     * @return parameter name to value, as text; empty when nothing matches
     */
    default Map<String, String> configGet(String pattern) {
        return execute(ServerDefs.configGet(codec(), pattern));
    }

    /**
     * Changes one configuration parameter at runtime ({@code CONFIG SET}).
     *
     * @param parameter the parameter name, e.g. {@code "maxmemory-policy"}
     * @param value the new value as text
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when the parameter is unknown, immutable or the value invalid
     */
    default boolean configSet(String parameter, String value) {
        return execute(ServerDefs.configSet(codec(), Map.of(parameter, value)));
    }

    /**
     * Changes several configuration parameters atomically ({@code CONFIG SET p1 v1 p2 v2 ...}, Redis 7.0+).
     *
     * @param parameters parameter names to new values, at least one
     * @return {@code true}
     * @throws IllegalArgumentException when {@code parameters} is empty
     * @throws io.respkit.exceptions.RedisServerException when a parameter is unknown, immutable or a value invalid (then none
     *         is changed)
     */
    default boolean configSet(Map<String, String> parameters) {
        return execute(ServerDefs.configSet(codec(), parameters));
    }

    /**
     * Publishes a message on a channel ({@code PUBLISH}).
     *
     * @param channel the channel
     * @param message the message
     * @return how many subscribers received it (on a cluster, of the node it was sent to); 0 when nobody listens
     */
    default long publish(String channel, V message) {
        return execute(ServerDefs.publish(codec(), channel, message));
    }

    /**
     * Lists the channels that have at least one subscriber ({@code PUBSUB CHANNELS}); pattern subscriptions do not
     * count.
     *
     * @return the active channels, in no particular order
     */
    default List<String> pubsubChannels() {
        return execute(ServerDefs.pubsubChannels(codec(), null));
    }

    /**
     * Lists the active channels matching a glob pattern ({@code PUBSUB CHANNELS pattern}).
     *
     * @param pattern the glob pattern, e.g. {@code "news.*"}
     * @return the matching active channels, in no particular order
     */
    default List<String> pubsubChannels(String pattern) {
        return execute(ServerDefs.pubsubChannels(codec(), pattern));
    }

    /**
     * Counts the subscribers of channels ({@code PUBSUB NUMSUB}); pattern subscriptions do not count.
     *
     * @param channels the channels
     * @return each channel, in the order given, to its subscriber count (0 when none)
     */
    default Map<String, Long> pubsubNumsub(String... channels) {
        return pubsubNumsub(Arrays.asList(channels));
    }

    /**
     * Counts the subscribers of channels ({@code PUBSUB NUMSUB}); pattern subscriptions do not count.
     *
     * @param channels the channels
     * @return each channel, in the order given, to its subscriber count (0 when none)
     */
    default Map<String, Long> pubsubNumsub(Collection<String> channels) {
        return execute(ServerDefs.pubsubNumsub(codec(), channels));
    }

    /**
     * Counts the pattern subscriptions of all clients ({@code PUBSUB NUMPAT}).
     *
     * @return the number of patterns subscribed to, counted once per subscribing client
     */
    default long pubsubNumpat() {
        return execute(PubSubDefs.pubsubNumpat(codec()));
    }

    /**
     * Lists the shard channels that have at least one subscriber ({@code PUBSUB SHARDCHANNELS}, Redis 7.0+); on a
     * cluster, of the node the call runs on.
     *
     * @return the active shard channels, in no particular order
     */
    default List<String> pubsubShardChannels() {
        return execute(PubSubDefs.pubsubShardChannels(codec(), null));
    }

    /**
     * Lists the active shard channels matching a glob pattern ({@code PUBSUB SHARDCHANNELS pattern}).
     *
     * @param pattern the glob pattern
     * @return the matching active shard channels, in no particular order
     */
    default List<String> pubsubShardChannels(String pattern) {
        return execute(PubSubDefs.pubsubShardChannels(codec(), pattern));
    }

    /**
     * Counts the subscribers of shard channels ({@code PUBSUB SHARDNUMSUB}, Redis 7.0+).
     *
     * @param channels the shard channels
     * @return each channel, in the order given, to its subscriber count (0 when none)
     */
    default Map<String, Long> pubsubShardNumsub(String... channels) {
        return execute(PubSubDefs.pubsubShardNumsub(codec(), Arrays.asList(channels)));
    }

    /**
     * Publishes a message on a shard channel ({@code SPUBLISH}, Redis 7.0+): on a cluster it reaches the
     * subscribers ({@code SSUBSCRIBE}) of the shard owning the channel's slot only, instead of every node.
     *
     * @param channel the shard channel
     * @param message the message
     * @return how many subscribers received it
     */
    default long spublish(String channel, V message) {
        return execute(PubSubDefs.spublish(codec(), channel, message));
    }
}
