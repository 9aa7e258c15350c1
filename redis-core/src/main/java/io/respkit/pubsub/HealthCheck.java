package io.respkit.pubsub;

import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.connection.RedisConfig;
import io.respkit.internal.connection.RespChannel;

import java.time.Duration;

/**
 * The dead-peer clock of one subscriber connection: it tells the reader how long it may block, when to send
 * {@code PING} (after {@code interval} of silence) and when the connection is dead (no frame of any kind within
 * {@code replyTimeout} after the {@code PING}). A server that vanished without FIN or RST is so detected within
 * {@code interval + replyTimeout} of reading, instead of after the kernel's two-hour keepalive.
 *
 * <p>Silence is measured while someone reads: the clock starts when a read starts and stops at the next frame, so a
 * subscriber whose owner stops reading for a while is not pinged meanwhile. The success path (a frame arrives)
 * costs two field writes; time is read only when a read starts and when one times out.
 *
 * <p>Not thread-safe: used by the one thread that holds the subscriber's read lock.
 */
final class HealthCheck {

    /** What to do after a read timed out. */
    enum Verdict {
        /** Keep reading. */
        WAIT,
        /** Silent for the interval: send {@code PING}. */
        PING,
        /** No reply to the {@code PING} in time: the connection is dead. */
        DEAD
    }

    private final long intervalNanos;
    private final long replyNanos;
    private boolean quiet;
    private long quietSince;
    private boolean pinged;
    private long pingedAt;

    /**
     * @param interval silence before a {@code PING}; zero turns the check off
     * @param replyTimeout how long to wait for anything after the {@code PING}
     */
    HealthCheck(Duration interval, Duration replyTimeout) {
        this.intervalNanos = interval.toNanos();
        this.replyNanos = replyTimeout.toNanos();
    }

    /** @return whether the check is on */
    boolean enabled() {
        return intervalNanos > 0;
    }

    /**
     * Starts the silence clock, if not running, and returns how long a read starting {@code now} may block before
     * the check needs the thread back.
     *
     * @param now {@link System#nanoTime()}
     * @return nanoseconds, at least 0; {@link Long#MAX_VALUE} when the check is off
     */
    long readBudget(long now) {
        if (intervalNanos <= 0) {
            return Long.MAX_VALUE;
        }
        if (!quiet) {
            quiet = true;
            quietSince = now;
        }
        long due = pinged ? pingedAt + replyNanos : quietSince + intervalNanos;
        return Math.max(0, due - now);
    }

    /** A frame of any kind arrived: the peer is alive. */
    void heard() {
        quiet = false;
        pinged = false;
    }

    /**
     * Judges a read that timed out.
     *
     * @param now {@link System#nanoTime()}
     * @return whether to keep waiting, to send {@code PING} (recorded as sent), or to give the connection up
     */
    Verdict timedOut(long now) {
        if (intervalNanos <= 0 || !quiet) {
            return Verdict.WAIT;
        }
        if (pinged) {
            return now - pingedAt >= replyNanos ? Verdict.DEAD : Verdict.WAIT;
        }
        if (now - quietSince >= intervalNanos) {
            pinged = true;
            pingedAt = now;
            return Verdict.PING;
        }
        return Verdict.WAIT;
    }

    /** A fresh connection: nothing outstanding, no silence yet. */
    void reset() {
        heard();
    }

    /**
     * Opens a connection and proves that it answers before it counts as restored: over RESP2 without credentials
     * the handshake sends nothing, so a connection through a black hole would otherwise look fine.
     *
     * @param config the configuration
     * @return an open connection that answered {@code PING}
     * @throws RedisConnectionException when it cannot be opened or did not answer in time
     */
    static RespChannel openAlive(RedisConfig config) {
        RespChannel fresh = RespChannel.open(config);
        if (!fresh.ping()) {
            fresh.close();
            throw new RedisConnectionException("New connection to " + config.address() + " did not answer PING");
        }
        return fresh;
    }

    /**
     * Describes a connection found dead.
     *
     * @param address the server address
     * @return the failure to report
     */
    RedisTimeoutException deadPeer(String address) {
        return new RedisTimeoutException("No reply from " + address + " to the health-check PING within "
                + replyNanos / 1_000_000 + " ms after " + intervalNanos / 1_000_000 + " ms of silence: the "
                + "connection is presumed dead (gone without a FIN or RST)", null);
    }
}
