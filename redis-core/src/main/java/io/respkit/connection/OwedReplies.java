package io.respkit.connection;

import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.exceptions.RedisProtocolException;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.internal.commands.Decoders;
import io.respkit.protocol.ErrorReply;
import io.respkit.protocol.PushMessage;
import io.respkit.protocol.RespReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InterruptedIOException;

/**
 * The replies a caller gave up on when it was interrupted while waiting (see
 * {@link io.respkit.exceptions.RedisInterruptedException}): the reply to {@link #command()} and to whatever was sent after it
 * on the same connection. Not thread-safe: used by the one thread that took the connection over.
 *
 * <p>respkit's recovery of blocking commands reads the replies here, on its own thread, unblocking the command on the
 * server first when it can ({@link #clientId()} for {@code CLIENT UNBLOCK}), and then either lets the connection
 * serve callers again ({@link #resume()}) or closes it.
 */
public final class OwedReplies {

    private static final Logger log = LoggerFactory.getLogger(OwedReplies.class);

    /** The id is not known: not reported by {@code HELLO}, not asked for yet. */
    static final long ID_UNKNOWN = -1;
    /** A {@code CLIENT ID} was sent and its reply is not read yet. */
    static final long ID_ASKED = -2;
    /** The server did not tell the id ({@code CLIENT ID} refused); the connection cannot be unblocked. */
    static final long ID_NONE = 0;

    private final RedisConnection connection;
    private final Command<?> command;

    OwedReplies(RedisConnection connection, Command<?> command) {
        this.connection = connection;
        this.command = command;
    }

    /**
     * Returns the command whose reply the caller was waiting for when it was interrupted.
     *
     * @return the command
     */
    public Command<?> command() {
        return command;
    }

    /**
     * Returns the server's id for the connection, for {@code CLIENT UNBLOCK}. Reading a reply may make it known: over
     * RESP2 it arrives just ahead of the first blocking command's reply.
     *
     * @return the id, or a number below 1 when it is not known
     */
    public long clientId() {
        return connection.clientId;
    }

    /**
     * Reads the next owed reply, bulk strings as bytes; push frames go to the connection's push handler.
     *
     * @param waitMillis how long to wait for it, at least 1
     * @return the reply (an error reply as an {@link ErrorReply}), or {@link RespReader#INCOMPLETE} when none arrived
     *         in time (the part that did is kept)
     * @throws RedisConnectionException when the connection failed or was closed (it is broken)
     * @throws RedisProtocolException when the reply was malformed (the connection is broken)
     */
    public Object read(int waitMillis) {
        if (connection.owedReplies() != this) {
            throw new RedisConnectionException("Connection to " + connection.address() + " was closed");
        }
        if (connection.idAskedWith != null) {
            Object id = connection.channel.readOwed(waitMillis, command);
            if (id == RespReader.INCOMPLETE) {
                return id;
            }
            settleClientId(connection, id);
        }
        for (;;) {
            Object frame = connection.channel.readOwed(waitMillis, command);
            if (frame instanceof PushMessage push && !connection.state.subscribed()) {
                connection.pushHandler.accept(push);
                continue;
            }
            return frame;
        }
    }

    /**
     * Lets the connection serve callers again, once every owed reply was read and nothing else is buffered.
     *
     * @return {@code true} when it can be given back to its pool; {@code false} when it must be closed
     */
    public boolean resume() {
        RedisConnection c = connection;
        if (c.owed != this || c.isBroken() || c.idAskedWith != null || c.hasUnreadInput()) {
            return false;
        }
        c.owed = null;
        c.channel.resume();
        return true;
    }

    /**
     * Makes sure the server's id for a connection is known while {@code command}, a blocking command, runs, so that
     * it can be unblocked ({@code CLIENT UNBLOCK}) should its caller give up: over RESP2, where {@code HELLO} did not
     * report the id, a {@code CLIENT ID} is buffered just ahead of the command, once per connection, and its reply
     * is read with the command's. Does nothing when the id is known or was asked for, inside {@code MULTI} and in
     * subscriber mode.
     *
     * @param connection the connection the command is about to be sent on
     * @param command the blocking command
     * @throws RedisConnectionException when writing failed (the connection is broken)
     */
    public static void askClientIdAhead(RedisConnection connection, Command<?> command) {
        if (connection.clientId != ID_UNKNOWN || !connection.state.mayAskClientId()) {
            return;
        }
        connection.send(Command.create(StringCodec.UTF8, "CLIENT ID", Decoders.raw()));
        connection.clientId = ID_ASKED;
        connection.idAskedWith = command;
    }

    /**
     * Makes a connection owe the reply to {@code command}, whose caller was interrupted while it waited: the
     * connection is closed to callers, its socket left open for whoever reads what is owed.
     *
     * @param connection the connection
     * @param command the command whose reply was awaited
     * @param cause the interrupted read
     * @return the exception for the caller
     */
    static RedisInterruptedException interrupted(RedisConnection connection, Command<?> command,
                                                 InterruptedIOException cause) {
        connection.owed = new OwedReplies(connection, command);
        connection.channel.suspend();
        return new RedisInterruptedException("Interrupted while waiting for the reply to " + command.name()
                + " from " + connection.address() + "; the connection will not serve another caller", cause);
    }

    /** Records the reply to the {@code CLIENT ID} sent ahead of a blocking command. */
    static void settleClientId(RedisConnection connection, Object reply) {
        connection.idAskedWith = null;
        if (reply instanceof Long id) {
            connection.clientId = id;
        } else {
            connection.clientId = ID_NONE;
            log.debug("{} did not tell the client id ({}): blocking commands on this connection cannot be unblocked "
                    + "should their caller give up", connection.address(),
                    reply instanceof ErrorReply e ? e.code() : "unexpected reply");
        }
    }
}
