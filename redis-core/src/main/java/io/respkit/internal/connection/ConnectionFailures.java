package io.respkit.internal.connection;

import io.respkit.connection.RedisConfig;

import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisProtocolException;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.commands.Command;

import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * The exceptions a {@link RespChannel}'s callers get when it cannot serve them: it is closed or broken, a read
 * or write failed (a timeout, TLS, anything else), or a frame was malformed. Stateless and thread-safe.
 *
 * <p>None of them breaks the channel: the channel does, before it asks for the exception (its {@code ioFailure}
 * and {@code malformed}). Each message names the server and the command, never an argument: arguments
 * may be secrets. All of this runs on failure paths only.
 */
final class ConnectionFailures {

    private ConnectionFailures() {
    }

    /**
     * Describes a connection that cannot take a command.
     *
     * @param address the server's host:port
     * @param broken whether it is broken (else closed)
     * @param command the command it was asked to run, or {@code null} for a read
     * @return the exception
     */
    static RedisConnectionException unusable(String address, boolean broken, Command<?> command) {
        return new RedisConnectionException("Connection to " + address + " is " + (broken ? "broken" : "closed")
                + (command != null ? "; cannot run " + command.name() : ""));
    }

    /**
     * Describes a failed read or write.
     *
     * @param e the failure
     * @param command the command being written or read, or {@code null} for a read no command is known for
     * @param config the configuration, for the address and for describing TLS failures
     * @param readTimeoutMillis the configured read timeout, which a blocking command's block time extends
     * @return a {@link RedisTimeoutException} for a timeout, else a {@link RedisConnectionException}
     */
    static RedisConnectionException io(IOException e, Command<?> command, RedisConfig config, int readTimeoutMillis) {
        String address = config.address();
        if (e instanceof SocketTimeoutException) {
            long block = command == null ? -1 : command.blockMillis();
            long waited = readTimeoutMillis + Math.max(0, block);
            return new RedisTimeoutException("Command " + name(command) + " timed out after " + waited + " ms on "
                    + address, e);
        }
        if (config.ssl() != null && TlsFailures.isTls(e)) {
            return new RedisConnectionException("TLS failure on the connection to " + address + " during "
                    + name(command) + ": " + TlsFailures.describe(e, config), e);
        }
        return new RedisConnectionException("Connection to " + address + " failed during " + name(command) + ": "
                + e.getMessage(), e);
    }

    /** @return the command's name for a message, {@code read} for none */
    static String name(Command<?> command) {
        return command == null ? "read" : command.name();
    }
}
