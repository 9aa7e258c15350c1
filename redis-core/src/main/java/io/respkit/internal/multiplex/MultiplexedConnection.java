package io.respkit.internal.multiplex;

import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisException;
import io.respkit.exceptions.RedisProtocolException;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.connection.RedisConfig;
import io.respkit.internal.connection.ReplySpin;
import io.respkit.internal.connection.RespChannel;
import io.respkit.internal.Errors;
import io.respkit.internal.commands.Decoders;
import io.respkit.protocol.ErrorReply;
import io.respkit.protocol.PushMessage;
import io.respkit.protocol.RespReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One connection shared by many threads with automatic pipelining. Callers submit commands to a queue; the commands
 * that queue up while replies are outstanding are written together, in one socket write, by the reader thread as
 * soon as it has processed the replies it read; a caller writes (with whatever else is queued) only when the
 * connection is idle. So under load one write carries the commands of many callers, one read brings back their
 * replies, and the server's per-command system calls, the real limit, are shared. The dedicated reader thread
 * matches replies to commands in order and completes them. RESP3 push frames go to the push handler, never to a
 * command.
 *
 * <p>Thread-safe. Any I/O error, protocol error or caller timeout fails every command in flight with a typed
 * exception and kills the connection for good; {@link Multiplexer} then opens a fresh one. The reader waits with no
 * socket timeout, so an idle connection whose server vanished without FIN or RST would look healthy forever: the
 * watchdog sends {@code PING} once it has been idle for {@link RedisConfig#healthCheckInterval()}, and an
 * unanswered one times out like any command. Commands that change
 * connection state or block must never be submitted here (see {@link Multiplexer#shareable(Command)}).
 */
public final class MultiplexedConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MultiplexedConnection.class);
    private static final AtomicInteger IDS = new AtomicInteger();
    /** Commands taken off the queue per round; the reader writes at most {@link #READER_ROUNDS} rounds. */
    private static final int BATCH = 256;
    /** Bounds the reader's writing so that it returns to reading replies; callers' writes are not bounded. */
    private static final int READER_ROUNDS = 4;
    /** The most parked callers the reader collects before it starts waking them. */
    private static final int WAKE_CHAIN = 64;
    /**
     * Above this many parked callers in one batch the reader wakes them as a chain, below it unparks each itself.
     * Measured on 2 cores: with 64 callers the chain cuts CPU per command by a third (the busy reader is no longer
     * preempted by every caller it wakes); with 16 the serial hops of a chain cost more than they save.
     */
    private static final int CHAIN_ABOVE = 16;

    private final RespChannel connection;
    private final String address;
    private final Consumer<PushMessage> pushHandler;
    private final ConcurrentLinkedQueue<Slot> submitted = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Slot> inflight = new ConcurrentLinkedQueue<>();
    /**
     * Commands handed to the socket whose replies the reader has not processed yet. While it is positive the reader
     * is bound to process a reply and then write the queue, so a caller that queued a command need not write.
     */
    private final AtomicInteger unanswered = new AtomicInteger();
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Scratch for one round of writing; only touched under {@link #writeLock}. */
    private final Slot[] batch = new Slot[BATCH];
    private final long timeoutMillis;
    private final long timeoutNanos;
    private final long checkNanos;
    /** Idle time before the watchdog sends a health-check {@code PING}; 0 when off. */
    private final long healthNanos;
    private final int id;
    private final Thread reader;
    private final Thread watchdog;
    private volatile RedisException failure;

    private MultiplexedConnection(RespChannel connection, Consumer<PushMessage> pushHandler) {
        this.connection = connection;
        this.address = connection.address();
        this.pushHandler = pushHandler;
        this.timeoutMillis = connection.config().timeout().toMillis();
        this.timeoutNanos = connection.config().timeout().toNanos();
        // A command fails between its timeout and a tenth of it later (at most 100 ms, at least 1 ms later).
        this.checkNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1),
                Math.min(TimeUnit.MILLISECONDS.toNanos(100), timeoutNanos / 10));
        this.healthNanos = connection.config().healthCheckInterval().toNanos();
        connection.enterMultiplexedMode();
        this.id = IDS.incrementAndGet();
        this.reader = new Thread(this::readLoop, "respkit-multiplexed-reader-" + id);
        this.watchdog = new Thread(this::watchLoop, "respkit-multiplexed-watchdog-" + id);
        reader.setDaemon(true);
        watchdog.setDaemon(true);
        reader.start();
        watchdog.start();
    }

    /**
     * Opens a connection (with the usual handshake) and starts its reader thread.
     *
     * @param config the configuration
     * @param pushHandler receives RESP3 push frames on the reader thread
     * @return the connection
     * @throws RedisConnectionException when the server cannot be reached
     * @throws io.respkit.exceptions.RedisAuthenticationException when the credentials are refused
     */
    public static MultiplexedConnection open(RedisConfig config, Consumer<PushMessage> pushHandler) {
        RespChannel c = RespChannel.open(config);
        try {
            return new MultiplexedConnection(c, pushHandler);
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Submits a command. The future completes on the reader thread, so dependent stages without {@code Async}
     * also run there: keep them short.
     *
     * @param command a command that neither blocks nor changes connection state
     * @param <T> the reply type
     * @return the future reply; it fails with {@link io.respkit.exceptions.RedisServerException} for an error reply and with
     *         {@link RedisConnectionException} (or a subtype) when the connection failed
     */
    public <T> Pending<T> submit(Command<T> command) {
        Pending<T> pending = new Pending<>(command);
        enqueue(pending);
        return pending;
    }

    /**
     * Submits a command for the calling thread to wait on with {@link SyncCall#await}.
     *
     * @param command a command that neither blocks nor changes connection state
     * @param <T> the reply type
     * @return the call
     */
    <T> SyncCall<T> call(Command<T> command) {
        SyncCall<T> call = new SyncCall<>(command);
        if (unanswered.get() == 0 && submitted.isEmpty() && !ReplySpin.othersWaiting()) {
            call.spinFirst(); // alone on the connection and in the JVM (a hint only: the check races with others)
        }
        enqueue(call);
        return call;
    }

    private void enqueue(Slot slot) {
        RedisException dead = failure;
        if (dead != null) {
            slot.fail(dead);
            return;
        }
        submitted.add(slot);
        // Read after the add (both are volatile accesses): if replies are outstanding, the reader has yet to
        // process one, and it writes the queue (this command included) right after; see readLoop.
        if (unanswered.get() == 0) {
            drainWrites(Integer.MAX_VALUE);
        }
        if (failure != null) {
            failAll(failure); // covers a failure that drained the queues just before this command was added
        }
    }

    /**
     * Writes queued commands if no other thread is writing; one flush per call. Whoever holds the lock re-checks
     * the queue after releasing it, so a command queued while another thread wrote is never stranded.
     */
    private void drainWrites(int rounds) {
        while (!submitted.isEmpty() && writeLock.tryLock()) {
            try {
                writeQueued(rounds);
            } catch (RedisException e) {
                fail(e);
            } finally {
                writeLock.unlock();
            }
            if (rounds != Integer.MAX_VALUE) {
                return; // the reader: what is left is written after its next read
            }
        }
    }

    private void writeQueued(int rounds) {
        Slot[] b = batch;
        int n = 0;
        try {
            for (int round = 0; round < rounds; round++) {
                n = 0;
                Slot s;
                while (n < b.length && (s = submitted.poll()) != null) {
                    b[n++] = s;
                }
                if (n == 0) {
                    break;
                }
                RedisException dead = failure;
                if (dead != null) {
                    for (int i = 0; i < n; i++) {
                        b[i].fail(dead);
                    }
                    return;
                }
                for (int i = 0; i < n; i++) {
                    inflight.add(b[i]); // before its bytes can reach the server, so its reply always finds it
                }
                unanswered.addAndGet(n); // likewise before the bytes leave: the writer's buffer may fill and flush
                for (int i = 0; i < n; i++) {
                    connection.write(b[i].command());
                }
            }
            connection.flush(null);
        } finally {
            java.util.Arrays.fill(b, 0, n, null);
        }
    }

    private void readLoop() {
        int answered = 0;
        SyncCall<?>[] parked = new SyncCall<?>[WAKE_CHAIN];
        int waking = 0;
        try {
            while (failure == null) {
                Object frame = connection.pollBufferedFrame();
                if (frame == RespReader.INCOMPLETE) {
                    // Every reply read so far is processed: wake the parked callers, let callers see the count,
                    // then send what they queued meanwhile in one write before blocking for the next replies.
                    if (waking > 0) {
                        if (waking > CHAIN_ABOVE) {
                            SyncCall.wakeChain(parked, waking);
                        } else {
                            SyncCall.wakeEach(parked, waking);
                        }
                        waking = 0;
                    }
                    if (answered > 0) {
                        unanswered.addAndGet(-answered);
                        answered = 0;
                    }
                    drainWrites(READER_ROUNDS);
                    frame = connection.readNextFrame();
                }
                if (frame instanceof PushMessage push) {
                    deliverPush(push);
                    continue;
                }
                Slot s = inflight.poll();
                if (s == null) {
                    throw new RedisProtocolException("Reply from " + address + " without a pending command");
                }
                answered++;
                if (frame instanceof ErrorReply error) {
                    frame = connection.scrub(s.command(), error); // never on the success path
                }
                if (!(s instanceof SyncCall<?> call)) {
                    s.reply(frame, address);
                } else if (!call.replyOrDefer(frame, address)) {
                    parked[waking++] = call;
                    if (waking == parked.length) {
                        SyncCall.wakeChain(parked, waking);
                        waking = 0;
                    }
                }
            }
        } catch (RedisException e) {
            fail(e);
        } catch (RuntimeException | Error e) {
            fail(new RedisConnectionException("Multiplexed reader for " + address + " failed", e));
        } finally {
            if (waking > 0) {
                SyncCall.wakeChain(parked, waking); // their replies did arrive
            }
        }
    }

    /**
     * Enforces the timeout for every command on the connection, so that waiting callers need no timed park of
     * their own: when the oldest command is overdue, the server is taken as hung (or the socket as stuck, the
     * reader included) and the connection fails, which fails every command with a {@link RedisTimeoutException}.
     * A separate thread, because the reader may be the one that is stuck. It also sends the health-check
     * {@code PING} of an idle connection: idle as seen by its checks, so callers pay nothing for it.
     */
    private void watchLoop() {
        long idleSince = System.nanoTime();
        while (failure == null) {
            LockSupport.parkNanos(this, checkNanos);
            Slot oldest = inflight.peek();
            if (oldest == null) {
                oldest = submitted.peek();
            }
            long now = System.nanoTime();
            if (oldest != null) {
                idleSince = now;
                if (now - oldest.submittedAt() > timeoutNanos && failure == null) {
                    fail(oldest instanceof HealthPing
                            ? new RedisTimeoutException("No reply from " + address + " to the health-check PING "
                                    + "within " + timeoutMillis + " ms: the connection is presumed dead (gone without"
                                    + " a FIN or RST)", null)
                            : new RedisTimeoutException("Command " + oldest.command().name() + " timed out after "
                                    + timeoutMillis + " ms on " + address, null));
                }
            } else if (healthNanos > 0 && now - idleSince >= healthNanos) {
                idleSince = now;
                enqueue(new HealthPing());
            }
        }
    }

    /** The watchdog's {@code PING}: its reply only proves the peer alive; nobody waits for it. */
    private static final class HealthPing implements Slot {

        private final Command<Object> ping = Command.create(StringCodec.UTF8, "PING", Decoders.raw());
        private final long submittedAt = System.nanoTime();

        @Override
        public Command<?> command() {
            return ping;
        }

        @Override
        public long submittedAt() {
            return submittedAt;
        }

        @Override
        public void reply(Object frame, String address) {
            // alive
        }

        @Override
        public void fail(RedisException cause) {
            // the connection's failure is reported to the commands that were waiting, and to the next caller
        }
    }

    private void deliverPush(PushMessage push) {
        try {
            pushHandler.accept(push);
        } catch (RuntimeException e) {
            log.warn("Push handler failed on a '{}' frame from {}", push.kind(), address, e);
        }
    }

    /**
     * Kills the connection: every command in flight or queued fails with {@code cause}.
     *
     * @param cause why
     */
    void fail(RedisException cause) {
        synchronized (this) {
            if (failure == null) {
                failure = cause;
                log.debug("Multiplexed connection to {} failed: {}", address, cause.getMessage());
            }
        }
        connection.markBroken(); // closing the socket also ends the reader's blocking read
        LockSupport.unpark(watchdog);
        failAll(failure);
    }

    private void failAll(RedisException cause) {
        Slot p;
        while ((p = inflight.poll()) != null) {
            p.fail(cause);
        }
        while ((p = submitted.poll()) != null) {
            p.fail(cause);
        }
    }

    /** @return {@code true} until the connection failed or was closed */
    public boolean isUsable() {
        return failure == null && connection.isUsable();
    }

    /** @return the number of commands written and waiting for their replies */
    public int inflightCount() {
        return inflight.size();
    }

    /** @return the number of commands submitted and not yet answered, written or still queued */
    int pendingCount() {
        return inflight.size() + submitted.size();
    }

    /** @return the number in the names of this connection's threads */
    int id() {
        return id;
    }

    /**
     * Returns the configuration this connection was opened with (the very instance).
     *
     * @return the configuration
     */
    public RedisConfig config() {
        return connection.config();
    }

    /** @return the server address */
    public String address() {
        return address;
    }

    /**
     * Closes the connection; commands still in flight fail with {@link RedisConnectionException}.
     */
    @Override
    public void close() {
        fail(new RedisConnectionException("Multiplexed connection to " + address + " was closed"));
    }

    @Override
    public String toString() {
        return "MultiplexedConnection[" + address + (failure != null ? ", failed" : "") + "]";
    }

    /**
     * A submitted command and its future reply, for asynchronous callers; one object per command.
     *
     * <p>Thread-safe, as {@link CompletableFuture} is.
     *
     * @param <T> the reply type
     */
    public static final class Pending<T> extends CompletableFuture<T> implements Slot {

        private final Command<T> command;
        private final long submittedAt = System.nanoTime();

        Pending(Command<T> command) {
            this.command = command;
        }

        @Override
        public long submittedAt() {
            return submittedAt;
        }

        /** @return the command */
        @Override
        public Command<T> command() {
            return command;
        }

        @Override
        public void reply(Object frame, String address) {
            if (frame instanceof ErrorReply error) {
                completeExceptionally(Errors.fromReply(error, command.name(), address));
                return;
            }
            try {
                complete(command.decode(frame));
            } catch (RedisException e) {
                completeExceptionally(e);
            }
        }

        @Override
        public void fail(RedisException cause) {
            completeExceptionally(cause);
        }
    }
}
