package io.respkit.connection;

import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.exceptions.RedisAuthenticationException;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.exceptions.RedisProtocolException;
import io.respkit.exceptions.RedisServerException;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.internal.Errors;
import io.respkit.internal.commands.Decoders;
import io.respkit.internal.connection.RespChannel;
import io.respkit.internal.connection.SecretScrubber;
import io.respkit.protocol.ErrorReply;
import io.respkit.protocol.PushMessage;
import io.respkit.protocol.RespVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.util.List;
import java.util.function.Consumer;

/**
 * One blocking request/response connection to a Redis server: commands in, replies out, and the state commands leave
 * on it (database, {@code MULTI}, {@code WATCH}, ...) so that a pool hands only clean connections on. It runs on an
 * internal RESP channel that opens the socket and performs the connect handshake ({@code HELLO 3} with
 * {@code AUTH} and {@code SETNAME}, falling back to {@code AUTH} and RESP2 on servers without {@code HELLO}, then
 * {@code SELECT}), with buffered I/O and read timeouts that blocking commands extend by their block time.
 *
 * <p>Not thread-safe: a connection serves one caller at a time (the pool guarantees it). Any I/O error, timeout or
 * protocol error marks it broken and closes it, so a late reply can never reach another caller. An error reply
 * such as {@code WRONGTYPE} leaves it healthy. A caller interrupted while it waits for a reply gets a
 * {@link RedisInterruptedException} within about 100 ms (replies are read in 100 ms slices); the connection is then
 * closed to callers, its socket left open until {@link #close()} or until {@link #owedReplies()} has read what is
 * owed.
 */
public final class RedisConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisConnection.class);

    private final RedisConfig config;
    private final String address;
    final RespChannel channel;
    private final SecretScrubber scrubber;

    /** Replies its caller gave up on, or null; while set the connection is closed to callers, its socket open. */
    volatile OwedReplies owed;
    /** The server's id for the connection: from HELLO, else asked with the first blocking command. */
    long clientId;
    /** The blocking command that a {@code CLIENT ID} was sent ahead of; its reply comes first. */
    Command<?> idAskedWith;
    final ConnectionState state = new ConnectionState();
    /** What the scrubber needs to know of {@link #state} to mask the errors in an {@code EXEC} result. */
    private final SecretScrubber.Queued queued = new SecretScrubber.Queued() {
        @Override
        public boolean credentialsQueued() {
            return state.credentialsQueued();
        }

        @Override
        public Command<?> credentialsQueuedAt(int index) {
            return state.credentialsQueuedAt(index);
        }
    };
    Consumer<PushMessage> pushHandler = push -> log.debug("Ignoring push frame '{}'", push.kind());

    private RedisConnection(RespChannel channel) {
        this.channel = channel;
        this.config = channel.config();
        this.address = channel.address();
        this.scrubber = channel.scrubber();
        long id = channel.helloClientId();
        this.clientId = id > 0 ? id : OwedReplies.ID_UNKNOWN;
        if (config.database() != 0) {
            state.selected(config.database()); // the handshake selected it
        }
    }

    /**
     * Opens a connection and performs the handshake. With a client name configured that cannot be set, because
     * the user may not ({@code NOPERM}) or the server does not know {@code CLIENT} (renamed away or disabled), the
     * connection is opened without the name and a warning is logged once, over RESP3 and RESP2 alike.
     *
     * @param config the configuration
     * @return an open, authenticated connection on the configured database
     * @throws RedisTimeoutException when connecting, the TLS handshake or the connection handshake timed out
     * @throws RedisConnectionException when the server cannot be reached, or TLS failed; the message says why
     *         (certificate not trusted, host name mismatch, client certificate refused, plain port or TLS port)
     * @throws RedisAuthenticationException when the server refused the credentials: a
     *         {@link io.respkit.exceptions.RedisWrongPasswordException}, {@link io.respkit.exceptions.RedisNoAuthException} or
     *         {@link io.respkit.exceptions.RedisNoPermissionException}; retrying cannot help
     * @throws RedisServerException when the server refused another handshake step
     * @throws RedisProtocolException when a handshake reply was malformed, or the server sent more replies than asked
     */
    public static RedisConnection open(RedisConfig config) {
        return new RedisConnection(RespChannel.open(config));
    }

    // ------------------------------------------------------------------------------------------ commands

    /**
     * Sends a command and returns its decoded reply.
     *
     * @param command the command
     * @param <T> the reply type
     * @return the decoded reply
     * @throws RedisServerException when the server answered with an error (the connection stays usable)
     * @throws RedisAuthenticationException when the server answered NOAUTH, WRONGPASS or NOPERM (as
     *         {@link io.respkit.exceptions.RedisNoAuthException}, {@link io.respkit.exceptions.RedisWrongPasswordException},
     *         {@link io.respkit.exceptions.RedisNoPermissionException}; the connection stays usable)
     * @throws RedisTimeoutException when no reply came in time (the connection is broken)
     * @throws RedisConnectionException when the connection failed (the connection is broken)
     * @throws RedisProtocolException when the reply was malformed (the connection is broken)
     * @throws RedisInterruptedException when the calling thread was interrupted before the command was sent
     *         (nothing was sent; the connection stays usable) or while it waited for the reply (see
     *         {@link #readReply})
     */
    public <T> T execute(Command<T> command) {
        if (Thread.currentThread().isInterrupted()) {
            throw new RedisInterruptedException("Interrupted before " + command.name() + " was sent to " + address
                    + "; nothing was sent");
        }
        if (clientId == OwedReplies.ID_UNKNOWN && command.blockMillis() >= 0) {
            OwedReplies.askClientIdAhead(this, command);
        }
        send(command);
        flush(command);
        return decodeReply(command, readReply(command));
    }

    /**
     * Turns a raw reply read with {@link #readReply} into {@code command}'s result as {@link #execute} does: an error
     * reply becomes its typed exception, a success is recorded ({@link #trackSuccess}) and decoded.
     *
     * @param command the command the reply answers
     * @param reply its raw reply
     * @param <T> the reply type
     * @return the decoded reply
     * @throws RedisServerException or {@link RedisAuthenticationException} for an error reply (the connection stays
     *         usable)
     */
    public <T> T decodeReply(Command<T> command, Object reply) {
        if (reply instanceof ErrorReply error) {
            throw Errors.fromReply(error, command.name(), address);
        }
        trackSuccess(command);
        return command.decode(reply);
    }

    /**
     * Buffers a command for sending without flushing, for pipelines. The buffer is written to the socket when it
     * fills or on {@link #flush}.
     *
     * @param command the command
     * @throws RedisConnectionException when writing failed (the connection is broken)
     * @throws io.respkit.exceptions.RedisUnsupportedCommandException when no caller could read the command's replies
     *         ({@code SUBSCRIBE} and its relatives on a connection that is no subscriber's, {@code CLIENT REPLY OFF});
     *         nothing was buffered and the connection stays usable
     */
    public void send(Command<?> command) {
        if (channel.isUsable() && !state.subscribed()) {
            ConnectionState.checkSendable(command);
        }
        channel.write(command);
    }

    /**
     * Writes everything buffered to the socket.
     *
     * @param command the command being flushed, for messages; may be {@code null}
     * @throws RedisConnectionException when writing failed (the connection is broken)
     */
    public void flush(Command<?> command) {
        channel.flush(command);
    }

    /**
     * Reads the raw reply to {@code command}; an error reply is returned as an {@link ErrorReply} value. Push frames
     * that arrive first go to the push handler, never to the caller. The read waits the configured timeout plus the
     * command's block time.
     *
     * @param command the command whose reply is expected
     * @return the raw reply
     * @throws RedisTimeoutException when no reply came in time (the connection is broken)
     * @throws RedisConnectionException when the connection failed (the connection is broken)
     * @throws RedisProtocolException when the reply was malformed (the connection is broken)
     * @throws RedisInterruptedException when the calling thread was interrupted while it waited (it stays
     *         interrupted): the connection is closed to callers and {@link #owedReplies()} tells what is owed
     */
    public Object readReply(Command<?> command) {
        try {
            if (idAskedWith == command) {
                OwedReplies.settleClientId(this, channel.readReply(command, null)); // a malformed reply breaks it too
            }
            // Text commands (GET with the UTF-8 string codec, say) get their bulk reply as a String made straight
            // from the read buffer, one array and one copy less per reply.
            Charset bulkText = Decoders.bulkTextCharset(command.decoder(), command.codec());
            for (;;) {
                Object reply = channel.readReply(command, bulkText);
                if (reply instanceof PushMessage push && !state.subscribed()) {
                    pushHandler.accept(push);
                    continue;
                }
                // Only error replies (and EXEC results) are inspected: the success path costs nothing.
                return reply instanceof ErrorReply || reply instanceof List<?>
                        ? scrubber.scrub(command, reply, queued) : reply;
            }
        } catch (InterruptedIOException e) {
            throw OwedReplies.interrupted(this, command, e);
        }
    }

    /**
     * Returns the replies a caller gave up on, after a {@link RedisInterruptedException}, for respkit's recovery of
     * blocking commands.
     *
     * @return what is owed, or {@code null} when nothing is
     */
    public OwedReplies owedReplies() {
        return owed;
    }

    /**
     * Records state a command leaves on the connection (database, MULTI, WATCH, subscriptions, and changes the pool
     * cannot undo such as {@code HELLO}, {@code AUTH}, {@code RESET} or {@code CLIENT SETNAME}) so that the pool can
     * refuse to hand a dirty connection to the next borrower. Command names match case-insensitively. After
     * {@code QUIT} the connection is closed.
     *
     * @param command a command that succeeded
     */
    public void trackSuccess(Command<?> command) {
        if (state.track(command)) {
            close(); // QUIT: the server hangs up; closed, not broken, since nothing failed
        }
    }

    /**
     * Refuses a command that cannot be queued in a transaction: what {@link #send} refuses, and the commands the server
     * runs at once instead of queueing them ({@code RESET}, {@code DISCARD}, {@code EXEC}, {@code MULTI},
     * {@code WATCH}); for transactions, which check each command as it is queued rather than after {@code MULTI} was
     * buffered.
     *
     * @param command the command
     * @throws io.respkit.exceptions.RedisUnsupportedCommandException for {@code SUBSCRIBE} and its relatives,
     *         {@code CLIENT REPLY OFF|SKIP}, and {@code RESET}, {@code DISCARD}, {@code EXEC}, {@code MULTI},
     *         {@code WATCH}
     */
    public static void checkSendable(Command<?> command) {
        ConnectionState.checkQueueable(command);
    }

    /**
     * Returns whether the connection carries no state a new borrower would not expect: no open MULTI, no WATCH, no
     * subscription, the configured database selected, and no {@code HELLO}, {@code AUTH}, {@code RESET},
     * {@code MONITOR}, {@code QUIT}, {@code CLIENT SETNAME}, {@code CLIENT TRACKING} or {@code CLIENT REPLY} run
     * since the handshake, and no byte received that no command has read (a reply too many, which would otherwise
     * reach the next borrower as the reply to its command).
     *
     * @return {@code true} when it can be handed to another borrower as is
     */
    public boolean isClean() {
        return state.isClean(config.database()) && !channel.hasUnreadInput();
    }

    /** @return whether bytes arrived that no command read (a reply too many); such a connection is never reused */
    public boolean hasUnreadInput() {
        return channel.hasUnreadInput();
    }

    /**
     * Checks an idle connection without sending anything, for the pool. With {@code probe}, reads the (plain) socket
     * with a 1 ms timeout, which ends at once when the server closed or restarted (its FIN or RST is already there)
     * and waits out the millisecond on a healthy connection ({@link IdleProbe}); without, one {@code available()}
     * call, which finds bytes no command asked for (a reply too many) but not a closed connection.
     *
     * @param probe whether to probe for a closed connection too
     * @return {@code true} when it is open with nothing unread; {@code false} when the server closed it (it is then
     *         marked broken) or unasked-for bytes arrived (it is then closed)
     */
    public boolean checkIdle(boolean probe) {
        return channel.checkIdle(probe);
    }

    /**
     * Sends {@code PING} and checks the answer.
     *
     * @return {@code true} when the server answered
     */
    public boolean ping() {
        try {
            return "PONG".equals(execute(Command.create(StringCodec.UTF8, "PING", Decoders.string())));
        } catch (RedisException e) {
            return false;
        }
    }

    /**
     * Sets what happens to push frames (such as client-tracking invalidations) that arrive while waiting for
     * replies.
     *
     * @param handler the handler; it runs on the thread that reads the reply
     */
    public void onPush(Consumer<PushMessage> handler) {
        this.pushHandler = handler == null ? push -> { } : handler;
    }

    /** @return the protocol negotiated in the handshake */
    public RespVersion protocol() {
        return channel.protocol();
    }

    /** @return the server version reported by {@code HELLO}, or {@code null} when connected over RESP2 */
    public String serverVersion() {
        return channel.serverVersion();
    }

    /** @return the configuration this connection was opened with */
    public RedisConfig config() {
        return config;
    }

    /** @return {@code host:port} of the server */
    public String address() {
        return address;
    }

    /** @return {@code true} after an I/O error, timeout or protocol error; a broken connection is never reused */
    public boolean isBroken() {
        return channel.isBroken();
    }

    /** @return {@code true} when the socket is open and the connection not broken */
    public boolean isUsable() {
        return channel.isUsable();
    }

    /** Marks the connection broken and closes its socket. */
    public void markBroken() {
        owed = null;
        channel.markBroken();
    }

    /** Closes the socket. Idempotent. */
    @Override
    public void close() {
        owed = null;
        channel.close();
    }

    @Override
    public String toString() {
        return "RedisConnection[" + address + ", " + channel.protocol() + (channel.isBroken() ? ", broken" : "")
                + "]";
    }
}
