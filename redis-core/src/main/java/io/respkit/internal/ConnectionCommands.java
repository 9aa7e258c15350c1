package io.respkit.internal;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.RedisCommands;
import io.respkit.connection.CommandObserver;
import io.respkit.connection.RedisConnection;

/**
 * The synchronous command API bound to one connection, for work that must stay on one connection (commands between
 * {@code WATCH} and {@code EXEC}, {@code RedisClient.withConnection}); each command is one observed call when the
 * client it came from has an observer.
 *
 * <p>Not thread-safe: it shares the connection's single-owner rule.
 *
 * @param <V> the value type
 */
public final class ConnectionCommands<V> implements RedisCommands<V> {

    private final RedisConnection connection;
    private final RedisCodec<V> codec;
    private final CommandObserver observer;

    /**
     * Binds the API to a connection.
     *
     * @param connection the connection
     * @param codec the value codec
     * @param observer what observes each command, or {@code null}
     */
    public ConnectionCommands(RedisConnection connection, RedisCodec<V> codec, CommandObserver observer) {
        this.connection = connection;
        this.codec = codec;
        this.observer = observer;
    }

    @Override
    public <T> T execute(Command<T> command) {
        CommandObserver o = observer;
        if (o == null) {
            return connection.execute(command);
        }
        return Observations.observe(o, Observations.nameOf(command), 1, i -> command, connection.config(),
                () -> connection.execute(command));
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
