package io.respkit.internal;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.RedisCommands;
import io.respkit.connection.RedisConnection;

/**
 * The synchronous command API bound to one connection, for work that must stay on one connection (commands between
 * {@code WATCH} and {@code EXEC}, {@code RedisClient.withConnection}).
 *
 * <p>Not thread-safe: it shares the connection's single-owner rule.
 *
 * @param <V> the value type
 */
public final class ConnectionCommands<V> implements RedisCommands<V> {

    private final RedisConnection connection;
    private final RedisCodec<V> codec;

    /**
     * Binds the API to a connection.
     *
     * @param connection the connection
     * @param codec the value codec
     */
    public ConnectionCommands(RedisConnection connection, RedisCodec<V> codec) {
        this.connection = connection;
        this.codec = codec;
    }

    @Override
    public <T> T execute(Command<T> command) {
        return connection.execute(command);
    }

    @Override
    public RedisCodec<V> codec() {
        return codec;
    }

    /** @return the connection this API runs on */
    public RedisConnection connection() {
        return connection;
    }
}
