package io.respkit.internal.connection;


import io.respkit.exceptions.RedisConnectionException;

import io.respkit.exceptions.RedisProtocolException;
import io.respkit.commands.Command;
import io.respkit.protocol.RespReader;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.Charset;
import java.util.concurrent.TimeUnit;

/**
 * The read side of a {@link RespChannel}: frames from its socket through the incremental {@link RespReader}, for
 * replies, for subscribers and for a multiplexed connection's reader thread, and the idle probe. Not thread-safe:
 * owned by one connection, which serves one caller (or one reader thread) at a time.
 *
 * <p>{@link #reply} and {@link #within} throw {@link IOException}s, which their callers turn into typed exceptions
 * that name the command; the reads outside a request and its reply ({@link #forSubscriber}, {@link #next}), and
 * {@link #multiplexed} and {@link #probeIdle}, take the connection as {@code owner}, break (or close) it on failure
 * themselves and throw typed exceptions ({@link ConnectionFailures}).
 *
 * <p>A caller waiting for a reply waits in slices of at most {@link #SLICE_MILLIS}, because a classic socket read
 * ignores {@link Thread#interrupt()} (JDK 17): each slice that passes without a byte checks the caller's interrupt
 * flag and the reply's deadline, then reads on. That is safe because the reader keeps the part of a frame already
 * read and the socket stays usable after a read timeout. The socket's timeout stays at the slice from one command
 * to the next, so a reply that arrives within a slice, the common case, costs nothing extra; only a wait that
 * outlasts a slice pays for a {@link SocketTimeoutException}. Before its first wait, a caller alone in the JVM polls
 * for the reply for a round trip at most ({@link ReplySpin}) rather than park at once.
 */
final class FrameReads {

    /** How long a read waits before it checks for an interrupt and the deadline. */
    static final int SLICE_MILLIS = 100;

    private final Socket socket;
    /** The plain TCP socket: {@link #socket} itself, or the one a TLS socket is layered on. */
    private final Socket tcp;
    private final InputStream in;
    private final RespReader reader;
    private final int readTimeoutMillis;
    private final int slice;
    /** The socket's read timeout as last set, so that it is set only when it changes. */
    private int soTimeout;
    /** Waits for a reply's first bytes without parking, when that pays; {@link ReplySpin#NEVER} under TLS. */
    private final ReplySpin spinner;

    FrameReads(Socket socket, Socket tcp, RespReader reader, int readTimeoutMillis) throws IOException {
        this.socket = socket;
        this.tcp = tcp;
        this.in = socket.getInputStream();
        this.reader = reader;
        this.readTimeoutMillis = readTimeoutMillis;
        this.slice = Math.max(1, Math.min(SLICE_MILLIS, readTimeoutMillis));
        this.soTimeout = socket.getSoTimeout();
        this.spinner = socket == tcp ? new ReplySpin() : ReplySpin.NEVER;
    }

    /**
     * Reads the next frame of the reply to {@code command}, waiting until no byte came for the read timeout plus
     * the command's block time (forever for a block time of zero).
     *
     * @param command the command whose reply is read
     * @param bulkText the charset a top-level bulk reply is decoded with, or {@code null} for bytes
     * @return the frame
     * @throws InterruptedRead when the calling thread was interrupted while it waited; it stays interrupted
     * @throws SocketTimeoutException when no byte came in time
     * @throws IOException when the socket failed or the server closed it
     */
    Object reply(Command<?> command, Charset bulkText) throws IOException {
        boolean blocking = command != null && command.blockMillis() >= 0;
        long deadline = blocking ? 0 : CallDeadline.get();
        timeout(deadline == 0 ? slice : sliceBefore(deadline));
        boolean idle = false;
        long idleSince = 0;
        boolean spun = false;
        try {
            for (;;) {
                Object frame = reader.read(bulkText);
                if (frame != RespReader.INCOMPLETE) {
                    return frame;
                }
                if (!spun) {
                    spun = true;
                    spinner.await(in, blocking);
                }
                try {
                    if (reader.readFrom(in) < 0) {
                        throw new EOFException("server closed the connection");
                    }
                    idle = false;
                } catch (SocketTimeoutException e) {
                    long now = System.nanoTime();
                    if (!idle) {
                        idle = true;
                        idleSince = now - TimeUnit.MILLISECONDS.toNanos(soTimeout); // the wait that just timed out
                    }
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedRead();
                    }
                    long limit = limitMillis(command);
                    if (limit > 0 && now - idleSince >= TimeUnit.MILLISECONDS.toNanos(limit)) {
                        throw e;
                    }
                    if (deadline != 0) {
                        if (now - deadline >= 0) {
                            throw e; // the caller's whole call is over, whatever this read's own timeout says
                        }
                        timeout(sliceBefore(deadline));
                    }
                }
            }
        } finally {
            if (spun) {
                spinner.done();
            }
        }
    }

    /** A wait of at most one slice that ends by {@code deadline}; at least 1 ms (0 would mean forever). */
    private int sliceBefore(long deadline) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        return (int) Math.max(1, Math.min(slice, left));
    }

    /** The read timeout, plus the block time of a blocking command; 0 (forever) for one that blocks forever. */
    private long limitMillis(Command<?> command) {
        long block = command == null ? -1 : command.blockMillis();
        return block < 0 ? readTimeoutMillis : block == 0 ? 0 : readTimeoutMillis + block;
    }

    /**
     * Reads the next frame, waiting at most {@code timeoutMillis} for it.
     *
     * @param timeoutMillis how long to wait, 0 for forever
     * @return the frame, or {@link RespReader#INCOMPLETE} when no complete frame arrived in time (the part that did
     *         arrive is kept)
     * @throws IOException when the socket failed or the server closed it
     */
    Object within(int timeoutMillis) throws IOException {
        timeout(timeoutMillis);
        try {
            Object frame = reader.read(null);
            if (frame != RespReader.INCOMPLETE) {
                return frame;
            }
            spinner.awaitPush(in); // a subscriber catching up with a busy channel reads on without parking
            return frame(null);
        } catch (SocketTimeoutException e) {
            return RespReader.INCOMPLETE;
        }
    }

    /**
     * Reads the next frame, waiting as the socket's timeout says.
     *
     * @param bulkText the charset a top-level bulk reply is decoded with, or {@code null} for bytes
     * @return the frame
     * @throws SocketTimeoutException when the socket's timeout passed without a byte
     * @throws IOException when the socket failed or the server closed it
     */
    Object frame(Charset bulkText) throws IOException {
        for (;;) {
            Object frame = reader.read(bulkText);
            if (frame != RespReader.INCOMPLETE) {
                return frame;
            }
            if (reader.readFrom(in) < 0) {
                throw new EOFException("server closed the connection");
            }
        }
    }

    /**
     * Reads the next frame for a subscriber, waiting at most {@code timeoutMillis}: the body of
     * {@link RespChannel#readFrame(int)}.
     *
     * @param owner the connection, which a failure breaks
     * @param timeoutMillis how long to wait, 0 for forever
     * @return the frame, or {@link RespReader#INCOMPLETE} when no complete frame arrived in time
     * @throws io.respkit.exceptions.RedisConnectionException when the connection failed
     * @throws RedisProtocolException when the frame was malformed
     */
    Object forSubscriber(RespChannel owner, int timeoutMillis) {
        try {
            return within(timeoutMillis);
        } catch (IOException e) {
            throw owner.ioFailure(e, null);
        } catch (RedisProtocolException e) {
            throw owner.malformed(e, "subscriber on " + owner.address());
        }
    }

    /**
     * Makes reads wait for as long as it takes: the body of {@link RespChannel#enterMultiplexedMode()}.
     *
     * @param owner the connection, which a failure breaks
     * @throws io.respkit.exceptions.RedisConnectionException when the socket option cannot be set
     */
    void multiplexed(RespChannel owner) {
        try {
            timeout(0);
        } catch (IOException e) {
            throw owner.ioFailure(e, null);
        }
    }

    /**
     * Reads the next frame with the socket's timeout as it stands: the body of
     * {@link RespChannel#readNextFrame()}.
     *
     * @param owner the connection, which a failure breaks
     * @return the frame
     * @throws io.respkit.exceptions.RedisConnectionException when the connection failed
     * @throws RedisProtocolException when the frame was malformed
     */
    Object next(RespChannel owner) {
        try {
            return frame(null);
        } catch (IOException e) {
            throw owner.ioFailure(e, null);
        } catch (RedisProtocolException e) {
            throw owner.malformed(e, "multiplexed connection to " + owner.address());
        }
    }

    /**
     * Checks, without waiting, whether bytes nobody asked for arrived on an idle connection (a reply too many from a
     * faulty server or proxy), and closes {@code owner} when they did: {@code available()} on the socket (under TLS,
     * its decrypted bytes), one system call of about a microsecond, for the pool to run on a connection idle for a
     * moment. It cannot see a closed connection: that takes {@link #probeIdle}.
     *
     * @param owner the connection
     * @return {@code true} when nothing unread arrived
     */
    boolean checkIdleInput(RespChannel owner) {
        boolean unread;
        try {
            unread = reader.hasBufferedBytes() || in.available() > 0;
        } catch (IOException e) {
            unread = true; // the socket failed: not for another caller either
        }
        if (unread) {
            owner.close();
        }
        return !unread;
    }

    /**
     * Probes an idle connection's plain socket ({@link IdleProbe}; under TLS the TLS socket's decrypted bytes count
     * as unread), then closes {@code owner} when unasked-for bytes arrived, or marks it broken when the server closed
     * it: the body of {@link RespChannel#checkIdle(boolean)}.
     *
     * @param owner the connection
     * @return {@code true} when it is open with nothing unread
     */
    boolean probeIdle(RespChannel owner) {
        IdleProbe.Result result = reader.hasBufferedBytes() ? IdleProbe.Result.UNREAD
                : IdleProbe.probe(tcp, tcp != socket ? in : null, soTimeout);
        if (result == IdleProbe.Result.UNREAD) {
            owner.close();
        } else if (result == IdleProbe.Result.CLOSED) {
            owner.markBroken();
        }
        return result == IdleProbe.Result.OPEN;
    }

    /** @return whether bytes of a frame not yet read are buffered */
    boolean hasBufferedBytes() {
        return reader.hasBufferedBytes();
    }

    /**
     * Sets the socket's read timeout when it differs from the one set last: a subscriber reads frame after frame with
     * the same timeout, and the socket option call (a lock and checks in the JDK) was a measurable share of each
     * read.
     */
    void timeout(int millis) throws SocketException {
        if (millis != soTimeout) {
            socket.setSoTimeout(millis);
            soTimeout = millis;
        }
    }

    /** The calling thread was interrupted while it waited for a reply; the reply is still owed. */
    static final class InterruptedRead extends InterruptedIOException {

        private static final long serialVersionUID = 1L;

        InterruptedRead() {
            super("interrupted while waiting for a reply");
        }
    }
}
