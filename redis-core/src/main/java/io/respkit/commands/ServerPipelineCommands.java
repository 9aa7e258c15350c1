package io.respkit.commands;

import io.respkit.Response;
import io.respkit.internal.commands.ServerDefs;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Server, connection and publish commands queued in a {@link io.respkit.Pipeline} or
 * {@link io.respkit.Transaction}; each returns a {@link Response} handle. Definitions are shared with
 * {@link ServerCommands}, whose Javadoc describes each command. A queued {@code SELECT} switches the database of
 * the commands queued after it; the pool destroys the connection afterwards rather than reuse it on another database.
 *
 * <p>Not thread-safe: a pipeline or transaction belongs to one thread.
 *
 * @param <V> the value type
 */
public interface ServerPipelineCommands<V> extends BasePipelineCommands<V> {

    /**
     * Queues {@code PING}; see {@link ServerCommands#ping()}.
     *
     * @return the handle, {@code "PONG"}
     */
    default Response<String> ping() {
        return enqueue(ServerDefs.ping(codec()));
    }

    /**
     * Queues {@code PING message}; see {@link ServerCommands#ping(Object)}.
     *
     * @param message the message
     * @return the handle
     */
    default Response<V> ping(V message) {
        return enqueue(ServerDefs.ping(codec(), message));
    }

    /**
     * Queues {@code ECHO}; see {@link ServerCommands#echo}.
     *
     * @param message the message
     * @return the handle
     */
    default Response<V> echo(V message) {
        return enqueue(ServerDefs.echo(codec(), message));
    }

    /**
     * Queues {@code SELECT}; see {@link ServerCommands#select}.
     *
     * @param index the database number
     * @return the handle
     */
    default Response<Boolean> select(int index) {
        return enqueue(ServerDefs.select(codec(), index));
    }

    /**
     * Queues {@code INFO}; see {@link ServerCommands#info()}.
     *
     * @return the handle
     */
    default Response<ServerInfo> info() {
        return enqueue(ServerDefs.info(codec(), Collections.emptyList()));
    }

    /**
     * Queues {@code INFO section ...}; see {@link ServerCommands#info(String...)}.
     *
     * @param sections the sections
     * @return the handle
     */
    default Response<ServerInfo> info(String... sections) {
        return enqueue(ServerDefs.info(codec(), Arrays.asList(sections)));
    }

    /**
     * Queues {@code TIME}; see {@link ServerCommands#time}.
     *
     * @return the handle
     */
    default Response<Instant> time() {
        return enqueue(ServerDefs.time(codec()));
    }

    /**
     * Queues {@code CLIENT SETNAME}; see {@link ServerCommands#clientSetName}.
     *
     * @param name the name
     * @return the handle
     */
    default Response<Boolean> clientSetName(String name) {
        return enqueue(ServerDefs.clientSetName(codec(), name));
    }

    /**
     * Queues {@code CLIENT GETNAME}; see {@link ServerCommands#clientGetName}.
     *
     * @return the handle, holding null when unnamed
     */
    default Response<String> clientGetName() {
        return enqueue(ServerDefs.clientGetName(codec()));
    }

    /**
     * Queues {@code CLIENT ID}; see {@link ServerCommands#clientId}.
     *
     * @return the handle
     */
    default Response<Long> clientId() {
        return enqueue(ServerDefs.clientId(codec()));
    }

    /**
     * Queues {@code CLIENT LIST}; see {@link ServerCommands#clientList}.
     *
     * @return the handle
     */
    default Response<String> clientList() {
        return enqueue(ServerDefs.clientList(codec()));
    }

    /**
     * Queues {@code CONFIG GET}; see {@link ServerCommands#configGet}.
     *
     * @param pattern the parameter or glob
     * @return the handle
     */
    default Response<Map<String, String>> configGet(String pattern) {
        return enqueue(ServerDefs.configGet(codec(), pattern));
    }

    /**
     * Queues {@code CONFIG SET}; see {@link ServerCommands#configSet(String, String)}.
     *
     * @param parameter the parameter
     * @param value the value
     * @return the handle
     */
    default Response<Boolean> configSet(String parameter, String value) {
        return enqueue(ServerDefs.configSet(codec(), Map.of(parameter, value)));
    }

    /**
     * Queues {@code CONFIG SET} of several parameters; see {@link ServerCommands#configSet(Map)}.
     *
     * @param parameters names to values
     * @return the handle
     */
    default Response<Boolean> configSet(Map<String, String> parameters) {
        return enqueue(ServerDefs.configSet(codec(), parameters));
    }

    /**
     * Queues {@code PUBLISH}; see {@link ServerCommands#publish}.
     *
     * @param channel the channel
     * @param message the message
     * @return the handle
     */
    default Response<Long> publish(String channel, V message) {
        return enqueue(ServerDefs.publish(codec(), channel, message));
    }

    /**
     * Queues {@code PUBSUB CHANNELS}; see {@link ServerCommands#pubsubChannels()}.
     *
     * @return the handle
     */
    default Response<List<String>> pubsubChannels() {
        return enqueue(ServerDefs.pubsubChannels(codec(), null));
    }

    /**
     * Queues {@code PUBSUB CHANNELS pattern}; see {@link ServerCommands#pubsubChannels(String)}.
     *
     * @param pattern the glob pattern
     * @return the handle
     */
    default Response<List<String>> pubsubChannels(String pattern) {
        return enqueue(ServerDefs.pubsubChannels(codec(), pattern));
    }

    /**
     * Queues {@code PUBSUB NUMSUB}; see {@link ServerCommands#pubsubNumsub(String...)}.
     *
     * @param channels the channels
     * @return the handle
     */
    default Response<Map<String, Long>> pubsubNumsub(String... channels) {
        return enqueue(ServerDefs.pubsubNumsub(codec(), Arrays.asList(channels)));
    }

    /**
     * Queues {@code PUBSUB NUMSUB}; see {@link ServerCommands#pubsubNumsub(Collection)}.
     *
     * @param channels the channels
     * @return the handle
     */
    default Response<Map<String, Long>> pubsubNumsub(Collection<String> channels) {
        return enqueue(ServerDefs.pubsubNumsub(codec(), channels));
    }
}
