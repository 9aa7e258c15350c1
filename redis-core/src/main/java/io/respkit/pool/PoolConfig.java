package io.respkit.pool;

import io.respkit.internal.DurationLimit;

import java.time.Duration;
import java.util.Objects;

/**
 * Connection pool settings. Defaults: at most 16 connections ({@code maxTotal}, redis-py's {@code max_connections}),
 * up to 16 idle, none kept warm, a finite 2 s wait when exhausted, idle connections checked with {@code PING} every
 * 30 s and closed after 60 s idle beyond {@code minIdle}, and a connection that sat idle for 30 s or more checked with
 * {@code PING} as it is borrowed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param maxTotal most connections open at once
 * @param maxIdle most idle connections kept
 * @param minIdle idle connections kept open even when unused
 * @param maxWait how long a borrower waits for a connection before {@link io.respkit.exceptions.RedisPoolExhaustedException}
 * @param testOnBorrow whether to {@code PING} every connection as it is borrowed
 * @param testWhileIdle whether the evictor {@code PING}s idle connections
 * @param timeBetweenEvictionRuns how often the evictor runs; zero or negative disables it
 * @param minEvictableIdleTime how long a connection may sit idle before the evictor may close it
 * @param validateAfterIdle a connection idle at least this long is checked with {@code PING} as it is borrowed (and
 *        discarded when it does not answer); zero disables the check
 * @param probeAfterIdle a connection idle at least this long is probed as it is borrowed, by a read with a 1 ms
 *        timeout that writes nothing, so that one the server closed (a restart) is replaced before a command is
 *        written to it; zero disables the probe
 */
public record PoolConfig(int maxTotal, int maxIdle, int minIdle, Duration maxWait, boolean testOnBorrow,
                         boolean testWhileIdle, Duration timeBetweenEvictionRuns, Duration minEvictableIdleTime,
                         Duration validateAfterIdle, Duration probeAfterIdle) {

    /** The default for {@link #validateAfterIdle()}: 30 s. */
    public static final Duration DEFAULT_VALIDATE_AFTER_IDLE = Duration.ofSeconds(30);

    /**
     * The default for {@link #probeAfterIdle()}: 50 ms. The probe costs about 1 ms on a healthy connection (JDK 17
     * sockets have no non-blocking peek), so a connection in steady use, borrowed again within 50 ms, never pays it,
     * while any real server restart (which keeps the server away longer) is caught before a command is written.
     */
    public static final Duration DEFAULT_PROBE_AFTER_IDLE = Duration.ofMillis(50);

    private static final String UNLIMITED = ": -1 (unlimited in commons-pool2) is not supported; an unbounded pool "
            + "can open connections until the server refuses them (maxclients)";

    /** The defaults described above. */
    public static final PoolConfig DEFAULT = builder().build();

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException when a size is out of range (commons-pool2's -1 for "unlimited" included),
     *         the wait is not positive (commons-pool2's -1 for "forever" included), or {@code validateAfterIdle} is
     *         negative; the message names the setting, the allowed values and the value given
     */
    public PoolConfig {
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(validateAfterIdle, "validateAfterIdle");
        if (validateAfterIdle.isNegative()) {
            throw new IllegalArgumentException("pool validateAfterIdle must not be negative (0 turns the check off), "
                    + "was " + DurationLimit.show(validateAfterIdle));
        }
        DurationLimit.check(validateAfterIdle, "pool validateAfterIdle");
        Objects.requireNonNull(probeAfterIdle, "probeAfterIdle");
        if (probeAfterIdle.isNegative()) {
            throw new IllegalArgumentException("pool probeAfterIdle must not be negative (0 turns the probe off), "
                    + "was " + DurationLimit.show(probeAfterIdle));
        }
        DurationLimit.check(probeAfterIdle, "pool probeAfterIdle");
        Objects.requireNonNull(timeBetweenEvictionRuns, "timeBetweenEvictionRuns");
        Objects.requireNonNull(minEvictableIdleTime, "minEvictableIdleTime");
        // -1 means "unlimited" or "wait forever" to commons-pool2; here it is refused, and the message says so.
        if (maxTotal < 1) {
            throw new IllegalArgumentException("pool maxTotal must be at least 1, was " + maxTotal
                    + (maxTotal == -1 ? UNLIMITED : ""));
        }
        if (maxIdle < 0) {
            throw new IllegalArgumentException("pool maxIdle must not be negative, was " + maxIdle
                    + (maxIdle == -1 ? UNLIMITED : ""));
        }
        if (minIdle < 0) {
            throw new IllegalArgumentException("pool minIdle must not be negative, was " + minIdle);
        }
        if (maxIdle > maxTotal) {
            throw new IllegalArgumentException("pool maxIdle (" + maxIdle + ") must not be above maxTotal ("
                    + maxTotal + "): sizes must satisfy 0 <= minIdle <= maxIdle <= maxTotal");
        }
        if (minIdle > maxIdle) {
            throw new IllegalArgumentException("pool minIdle (" + minIdle + ") must not be above maxIdle ("
                    + maxIdle + "): sizes must satisfy 0 <= minIdle <= maxIdle <= maxTotal");
        }
        if (maxWait.isNegative() || maxWait.isZero()) {
            throw new IllegalArgumentException("pool maxWait must be positive, was " + DurationLimit.show(maxWait)
                    + (maxWait.equals(Duration.ofMillis(-1)) ? ": -1 (wait forever in commons-pool2) is not supported; a caller "
                    + "would hang for good when the pool is exhausted" : ""));
        }
        DurationLimit.check(maxWait, "pool maxWait");
    }

    /**
     * Creates settings with the default {@link #validateAfterIdle()} (30 s); kept
     * for callers written before that setting existed.
     *
     * @param maxTotal most connections open at once
     * @param maxIdle most idle connections kept
     * @param minIdle idle connections kept open even when unused
     * @param maxWait how long a borrower waits for a connection
     * @param testOnBorrow whether to {@code PING} every connection as it is borrowed
     * @param testWhileIdle whether the evictor {@code PING}s idle connections
     * @param timeBetweenEvictionRuns how often the evictor runs; zero or negative disables it
     * @param minEvictableIdleTime how long a connection may sit idle before the evictor may close it
     * @throws IllegalArgumentException when a size is out of range or the wait is not finite and positive
     */
    public PoolConfig(int maxTotal, int maxIdle, int minIdle, Duration maxWait, boolean testOnBorrow,
                      boolean testWhileIdle, Duration timeBetweenEvictionRuns, Duration minEvictableIdleTime) {
        this(maxTotal, maxIdle, minIdle, maxWait, testOnBorrow, testWhileIdle, timeBetweenEvictionRuns,
                minEvictableIdleTime, DEFAULT_VALIDATE_AFTER_IDLE, DEFAULT_PROBE_AFTER_IDLE);
    }

    /**
     * Creates settings with the default {@link #probeAfterIdle()} (50 ms); kept for callers written before that
     * setting existed.
     *
     * @param maxTotal most connections open at once
     * @param maxIdle most idle connections kept
     * @param minIdle idle connections kept open even when unused
     * @param maxWait how long a borrower waits for a connection
     * @param testOnBorrow whether to {@code PING} every connection as it is borrowed
     * @param testWhileIdle whether the evictor {@code PING}s idle connections
     * @param timeBetweenEvictionRuns how often the evictor runs; zero or negative disables it
     * @param minEvictableIdleTime how long a connection may sit idle before the evictor may close it
     * @param validateAfterIdle a connection idle at least this long is checked with {@code PING} as it is borrowed
     * @throws IllegalArgumentException when a size is out of range, the wait is not finite and positive, or
     *         {@code validateAfterIdle} is negative
     */
    public PoolConfig(int maxTotal, int maxIdle, int minIdle, Duration maxWait, boolean testOnBorrow,
                      boolean testWhileIdle, Duration timeBetweenEvictionRuns, Duration minEvictableIdleTime,
                      Duration validateAfterIdle) {
        this(maxTotal, maxIdle, minIdle, maxWait, testOnBorrow, testWhileIdle, timeBetweenEvictionRuns,
                minEvictableIdleTime, validateAfterIdle, DEFAULT_PROBE_AFTER_IDLE);
    }

    /**
     * Starts a builder with the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder holding these settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxTotal = maxTotal;
        b.maxIdle = maxIdle;
        b.minIdle = minIdle;
        b.maxWait = maxWait;
        b.testOnBorrow = testOnBorrow;
        b.testWhileIdle = testWhileIdle;
        b.timeBetweenEvictionRuns = timeBetweenEvictionRuns;
        b.minEvictableIdleTime = minEvictableIdleTime;
        b.validateAfterIdle = validateAfterIdle;
        b.probeAfterIdle = probeAfterIdle;
        return b;
    }

    /**
     * Builds a {@link PoolConfig}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private int maxTotal = 16;
        private Integer maxIdle;
        private int minIdle;
        private Duration maxWait = Duration.ofSeconds(2);
        private boolean testOnBorrow;
        private boolean testWhileIdle = true;
        private Duration timeBetweenEvictionRuns = Duration.ofSeconds(30);
        private Duration minEvictableIdleTime = Duration.ofSeconds(60);
        private Duration validateAfterIdle = DEFAULT_VALIDATE_AFTER_IDLE;
        private Duration probeAfterIdle = DEFAULT_PROBE_AFTER_IDLE;

        private Builder() {
        }

        /**
         * Sets the maximum number of connections.
         *
         * @param maxTotal the maximum, at least 1 (commons-pool2's -1 for "unlimited" is refused by {@link #build()})
         * @return this builder
         */
        public Builder maxTotal(int maxTotal) {
            this.maxTotal = maxTotal;
            return this;
        }

        /**
         * Sets the maximum number of idle connections; defaults to {@code maxTotal}.
         *
         * @param maxIdle the maximum
         * @return this builder
         */
        public Builder maxIdle(int maxIdle) {
            this.maxIdle = maxIdle;
            return this;
        }

        /**
         * Sets how many idle connections to keep open.
         *
         * @param minIdle the minimum
         * @return this builder
         */
        public Builder minIdle(int minIdle) {
            this.minIdle = minIdle;
            return this;
        }

        /**
         * Sets how long a borrower waits when the pool is exhausted.
         *
         * @param maxWait a positive duration
         * @return this builder
         */
        public Builder maxWait(Duration maxWait) {
            this.maxWait = maxWait;
            return this;
        }

        /**
         * Sets whether every borrowed connection is checked with {@code PING} first.
         *
         * @param testOnBorrow whether to check
         * @return this builder
         */
        public Builder testOnBorrow(boolean testOnBorrow) {
            this.testOnBorrow = testOnBorrow;
            return this;
        }

        /**
         * Sets whether the evictor checks idle connections with {@code PING}.
         *
         * @param testWhileIdle whether to check
         * @return this builder
         */
        public Builder testWhileIdle(boolean testWhileIdle) {
            this.testWhileIdle = testWhileIdle;
            return this;
        }

        /**
         * Sets how often the evictor runs.
         *
         * @param interval the interval; zero disables eviction
         * @return this builder
         */
        public Builder timeBetweenEvictionRuns(Duration interval) {
            this.timeBetweenEvictionRuns = interval;
            return this;
        }

        /**
         * Sets how long a connection may be idle before the evictor may close it.
         *
         * @param idle the idle time
         * @return this builder
         */
        public Builder minEvictableIdleTime(Duration idle) {
            this.minEvictableIdleTime = idle;
            return this;
        }

        /**
         * Sets how long a connection must have been idle to be checked with {@code PING} as it is borrowed. Such a
         * check costs one round trip, paid only after a quiet period, and catches connections that died while idle
         * (server restarted, a firewall dropped the flow) before a caller's command is sent on them.
         *
         * @param idle the idle time; zero disables the check ({@link #testOnBorrow(boolean)} checks every borrow)
         * @return this builder
         */
        public Builder validateAfterIdle(Duration idle) {
            this.validateAfterIdle = idle;
            return this;
        }

        /**
         * Sets how long a connection must have been idle to be probed as it is borrowed: a read with a 1 ms timeout
         * that writes nothing and finds a connection the server already closed (its FIN is there), so that after a
         * server restart no caller sees an error and no command is replayed. The probe costs about 1 ms on a healthy
         * connection, paid only by the first command after a quiet period; a connection in steady use is never
         * probed.
         *
         * @param idle the idle time, {@link #DEFAULT_PROBE_AFTER_IDLE} by default; zero disables the probe
         * @return this builder
         */
        public Builder probeAfterIdle(Duration idle) {
            this.probeAfterIdle = idle;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         * @throws IllegalArgumentException when they are inconsistent
         */
        public PoolConfig build() {
            int idle = maxIdle == null ? maxTotal : maxIdle;
            if (maxIdle == null && maxTotal >= 1 && minIdle > maxTotal) {
                // maxIdle was not set: name what was, not a default the caller never wrote.
                throw new IllegalArgumentException("pool minIdle (" + minIdle + ") must not be above maxTotal ("
                        + maxTotal + "): sizes must satisfy 0 <= minIdle <= maxIdle <= maxTotal");
            }
            return new PoolConfig(maxTotal, idle, minIdle, maxWait, testOnBorrow, testWhileIdle,
                    timeBetweenEvictionRuns, minEvictableIdleTime, validateAfterIdle, probeAfterIdle);
        }
    }
}
