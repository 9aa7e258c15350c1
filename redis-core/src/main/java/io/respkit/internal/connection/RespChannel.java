package io.respkit.internal.connection;

import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.connection.RedisConfig;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisProtocolException;
import io.respkit.internal.commands.Decoders;
import io.respkit.protocol.ErrorReply;
import io.respkit.protocol.PushMessage;
import io.respkit.protocol.RespReader;
import io.respkit.protocol.RespVersion;
import io.respkit.protocol.RespWriter;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * One socket to a Redis server speaking RESP, after the handshake ({@link Handshake}): buffered writes through a
 * {@link RespWriter}, frame reads through the incremental {@link RespReader} ({@link FrameReads}, with read timeouts
 * that blocking commands extend), the idle probe, and broken/closed tracking. It knows frames, not requests: the
 * request/response {@link io.respkit.connection.RedisConnection} runs on one, and so do the pub/sub
 * {@code Subscriber} and the multiplexed connection, which read frames as they come.
 *
 * <p>Not thread-safe: one caller (or one reader thread plus writers that synchronise among themselves) at a time.
 * Any I/O error, timeout or malformed frame marks it broken and closes the socket, so a late reply can never reach
 * another caller. Error replies are values ({@link ErrorReply}); {@link #scrub} masks secrets in them.
 */
public final class RespChannel implements AutoCloseable {

    /** Buffered bytes beyond which a write goes to the socket at once (the server reads 16 KiB at a time). */
    private static final int EARLY_FLUSH_BYTES = Integer.getInteger("respkit.earlyFlushBytes", 16 * 1024);

    private final RedisConfig config;
    private final String address;
    private final Socket socket;
    private final RespWriter writer;
    private final RespReader reader;
    private final FrameReads frames;
    private final int readTimeoutMillis;
    private final SecretScrubber scrubber;

    private RespVersion protocol = RespVersion.RESP2;
    private String serverVersion;
    private long clientId = Handshake.ID_UNKNOWN;
    private volatile boolean broken;
    /** Closed to callers; the socket may still be open (see {@link #suspend()}). */
    private volatile boolean closed;
    private volatile boolean socketClosed;

    private RespChannel(RedisConfig config, Socket socket, Socket tcp) throws IOException {
        this.config = config;
        this.address = config.address();
        this.socket = socket;
        this.writer = new RespWriter(socket.getOutputStream());
        this.reader = new RespReader(config.limits());
        this.readTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis());
        this.frames = new FrameReads(socket, tcp, reader, readTimeoutMillis);
        this.scrubber = new SecretScrubber(config.password());
    }

    /**
     * Opens a socket and performs the handshake. With a client name configured that cannot be set, because the user
     * may not ({@code NOPERM}) or the server does not know {@code CLIENT}, the channel is opened without the name and
     * a warning is logged once.
     *
     * @param config the configuration
     * @return an open, authenticated channel on the configured database
     * @throws io.respkit.exceptions.RedisTimeoutException when connecting, the TLS handshake or the connection
     *         handshake timed out
     * @throws RedisConnectionException when the server cannot be reached, or TLS failed; the message says why
     * @throws io.respkit.exceptions.RedisAuthenticationException when the server refused the credentials
     * @throws io.respkit.exceptions.RedisServerException when the server refused another handshake step
     * @throws RedisProtocolException when a handshake reply was malformed, or the server sent more replies than asked
     */
    public static RespChannel open(RedisConfig config) {
        Sockets.Opened opened = Sockets.connect(config);
        Socket socket = opened.socket();
        RespChannel channel;
        try {
            channel = new RespChannel(config, socket, opened.tcp());
        } catch (IOException e) {
            Sockets.closeQuietly(socket);
            throw new RedisConnectionException("Unable to open streams to " + config.address(), e);
        }
        try {
            Handshake.Outcome outcome = Handshake.run(channel, channel.scrubber);
            channel.protocol = outcome.protocol();
            channel.serverVersion = outcome.serverVersion();
            channel.clientId = outcome.clientId();
            return channel;
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    // ------------------------------------------------------------------------------------------ writes

    /**
     * Buffers a command; the buffer goes to the socket when it fills or on {@link #flush}.
     *
     * @param command the command
     * @throws RedisConnectionException when the channel is closed or broken, or writing failed (it is then broken)
     */
    public void write(Command<?> command) {
        ensureUsable(command);
        try {
            command.writeTo(writer);
            if (writer.buffered() >= EARLY_FLUSH_BYTES) {
                // A pipeline being queued: what is encoded goes out now, so the server works on it while the
                // rest is encoded, rather than waiting for the whole batch.
                writer.flush();
            }
        } catch (IOException e) {
            throw ioFailure(e, command);
        }
    }

    /**
     * Writes everything buffered to the socket.
     *
     * @param command the command being flushed, for messages; may be {@code null}
     * @throws RedisConnectionException when the channel is closed or broken, or writing failed (it is then broken)
     */
    public void flush(Command<?> command) {
        ensureUsable(command);
        try {
            writer.flush();
        } catch (IOException e) {
            throw ioFailure(e, command);
        }
    }

    // ------------------------------------------------------------------------------------------ reads

    /**
     * Reads the next frame of the reply to {@code command}, waiting the read timeout plus the command's block time.
     * Push frames are returned like any other frame; an error reply is returned unscrubbed.
     *
     * @param command the command whose reply is read
     * @param bulkText the charset a top-level bulk reply is decoded with, or {@code null} for bytes
     * @return the frame
     * @throws InterruptedIOException when the calling thread was interrupted while it waited (it stays
     *         interrupted); the channel stays as it was, the reply owed
     * @throws io.respkit.exceptions.RedisTimeoutException when no reply came in time (the channel is broken)
     * @throws RedisConnectionException when the channel failed or is unusable (a failure breaks it)
     * @throws RedisProtocolException when the frame was malformed (the channel is broken)
     */
    public Object readReply(Command<?> command, Charset bulkText) throws InterruptedIOException {
        ensureUsable(command);
        try {
            return frames.reply(command, bulkText);
        } catch (FrameReads.InterruptedRead e) {
            throw e;
        } catch (IOException e) {
            throw ioFailure(e, command);
        } catch (RedisProtocolException e) {
            throw malformed(e, "command " + ConnectionFailures.name(command) + " on " + address);
        }
    }

    /**
     * Reads the next frame of any kind, push frames included, waiting at most {@code timeoutMillis}; error frames
     * come with the configured password masked. For subscribers: a timeout leaves the channel usable, because the
     * reader keeps whatever part of a frame had arrived.
     *
     * @param timeoutMillis how long to wait, 0 for forever
     * @return the next frame, or {@link RespReader#INCOMPLETE} when no complete frame arrived in time
     * @throws RedisConnectionException when the channel failed (it is broken) or is unusable
     * @throws RedisProtocolException when the frame was malformed (the channel is broken)
     */
    public Object readFrame(int timeoutMillis) {
        ensureUsable(null);
        Object frame = frames.forSubscriber(this, timeoutMillis);
        return frame instanceof ErrorReply error ? scrubber.scrub(error) : frame;
    }

    /**
     * Reads the next frame waiting at most {@code waitMillis}, on a channel closed to callers whose reply to
     * {@code command} is owed ({@link #suspend()}).
     *
     * @param waitMillis how long to wait, at least 1
     * @param command the command whose reply was awaited, for messages
     * @return the frame (errors unscrubbed), or {@link RespReader#INCOMPLETE} when none arrived in time
     * @throws RedisConnectionException when the channel failed (it is broken)
     * @throws RedisProtocolException when the frame was malformed (the channel is broken)
     */
    public Object readOwed(int waitMillis, Command<?> command) {
        try {
            return frames.within(waitMillis);
        } catch (IOException e) {
            throw ioFailure(e, command);
        } catch (RedisProtocolException e) {
            throw malformed(e, "owed reply on " + address);
        }
    }

    /**
     * Switches to multiplexed use: from now on reads wait for as long as it takes (callers enforce their own
     * deadlines), and {@link #readNextFrame()} serves one dedicated reader thread while other threads write.
     *
     * @throws RedisConnectionException when the socket option cannot be set (the channel is broken)
     */
    public void enterMultiplexedMode() {
        frames.multiplexed(this);
    }

    /**
     * Reads the next frame, push frames included, with the socket timeout as it stands; for the reader thread of a
     * multiplexed connection.
     *
     * @return the next frame
     * @throws RedisConnectionException when the channel failed or was closed (it is broken)
     * @throws RedisProtocolException when the frame was malformed (the channel is broken)
     */
    public Object readNextFrame() {
        ensureUsable(null);
        return frames.next(this);
    }

    /**
     * Returns the next frame if one is already buffered, without any I/O; for the reader thread of a multiplexed
     * connection, which finishes a batch of replies (and sends the commands queued meanwhile) before it blocks.
     *
     * @return the next frame, push frames included, or {@link RespReader#INCOMPLETE} when none is buffered whole
     * @throws RedisConnectionException when the channel is broken or closed
     * @throws RedisProtocolException when the frame was malformed (the channel is broken)
     */
    public Object pollBufferedFrame() {
        ensureUsable(null);
        try {
            return reader.read();
        } catch (RedisProtocolException e) {
            throw malformed(e, "multiplexed connection to " + address);
        }
    }

    /**
     * Sends {@code PING} and reads the answer, on a channel no reply is owed on (not a subscribed one).
     *
     * @return {@code true} when the server answered {@code PONG}; {@code false} on any failure
     */
    public boolean ping() {
        Command<String> ping = Command.create(StringCodec.UTF8, "PING", Decoders.string());
        try {
            write(ping);
            flush(ping);
            Object reply;
            do {
                reply = readReply(ping, StandardCharsets.UTF_8);
            } while (reply instanceof PushMessage);
            return !(reply instanceof ErrorReply) && "PONG".equals(ping.decode(reply));
        } catch (RedisException | InterruptedIOException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------------------------------ idle checks

    /** @return whether bytes arrived that no command read (a reply too many) */
    public boolean hasUnreadInput() {
        return reader.hasBufferedBytes();
    }

    /**
     * Checks an idle channel without sending anything: with {@code probe} a 1 ms read of the plain socket
     * ({@link IdleProbe}), else one {@code available()} call.
     *
     * @param probe whether to probe for a closed connection too
     * @return {@code true} when it is open with nothing unread; {@code false} when the server closed it (it is then
     *         marked broken) or unasked-for bytes arrived (it is then closed)
     */
    public boolean checkIdle(boolean probe) {
        return !broken && !closed && (probe ? frames.probeIdle(this) : frames.checkIdleInput(this));
    }

    // ------------------------------------------------------------------------------------------ secrets

    /**
     * Masks secrets in an error reply to {@code command}: the configured password and, for a credential-carrying
     * command, its secret arguments and what the server quoted back.
     *
     * @param command the command the error answers, or {@code null}
     * @param error the error
     * @return the error, or a copy without secrets
     */
    public ErrorReply scrub(Command<?> command, ErrorReply error) {
        return scrubber.scrub(command, error);
    }

    /** @return the scrubber for this channel's configured password */
    public SecretScrubber scrubber() {
        return scrubber;
    }

    // ------------------------------------------------------------------------------------------ state

    /** @return the protocol negotiated in the handshake */
    public RespVersion protocol() {
        return protocol;
    }

    /** @return the server version reported by {@code HELLO}, or {@code null} when connected over RESP2 */
    public String serverVersion() {
        return serverVersion;
    }

    /** @return the server's id for the connection as {@code HELLO} reported it, or -1 when it did not */
    public long helloClientId() {
        return clientId;
    }

    /** @return the configuration this channel was opened with */
    public RedisConfig config() {
        return config;
    }

    /** @return {@code host:port} of the server */
    public String address() {
        return address;
    }

    /** @return {@code true} after an I/O error, timeout or protocol error */
    public boolean isBroken() {
        return broken;
    }

    /** @return {@code true} when it is open to callers and not broken */
    public boolean isUsable() {
        return !broken && !closed;
    }

    /** Marks the channel broken and closes its socket. */
    public void markBroken() {
        broken = true;
        close();
    }

    /**
     * Closes the channel to callers but leaves its socket open, for whoever reads a reply a caller gave up on;
     * {@link #resume()} opens it to callers again, {@link #close()} closes the socket.
     */
    public void suspend() {
        closed = true;
    }

    /** Opens a {@link #suspend() suspended} channel to callers again; does nothing once the socket is closed. */
    public void resume() {
        if (!socketClosed) {
            closed = false;
        }
    }

    /** Closes the socket. Idempotent. */
    @Override
    public void close() {
        closed = true;
        if (!socketClosed) {
            socketClosed = true;
            Sockets.closeQuietly(socket);
        }
    }

    private void ensureUsable(Command<?> command) {
        if (broken || closed) {
            throw ConnectionFailures.unusable(address, broken, command);
        }
    }

    /** Breaks the channel after a failed read or write; see {@link ConnectionFailures#io}. */
    RedisConnectionException ioFailure(IOException e, Command<?> command) {
        markBroken();
        return ConnectionFailures.io(e, command, config, readTimeoutMillis);
    }

    /** Breaks the channel after a malformed frame, and says where it was read. */
    RedisProtocolException malformed(RedisProtocolException e, String where) {
        markBroken();
        return new RedisProtocolException(e.getMessage() + " (" + where + ")");
    }

    @Override
    public String toString() {
        return "RespChannel[" + address + ", " + protocol + (broken ? ", broken" : "") + "]";
    }
}
