package io.respkit.internal.server;

import io.respkit.commands.Command;

/**
 * Runs one command on a connection to a particular server and returns its reply, for {@link ServerCommandTable} to
 * ask that server about its commands without depending on how connections work. {@code RedisClient::execute} is
 * one.
 *
 * <p>Implementations must be safe to call from any thread that asks the table.
 */
@FunctionalInterface
public interface CommandRunner {

    /**
     * Runs the command and returns its decoded reply.
     *
     * @param command the command, with a raw decoder
     * @return the reply
     * @throws io.respkit.exceptions.RedisException when the command fails: any server error reply, connection
     *         failure or timeout
     */
    Object run(Command<Object> command);
}
