package io.respkit.spring.boot.autoconfigure;

import java.time.Duration;

/**
 * Settings of {@code @RedisListener} containers ({@code redis.listener.*}).
 *
 * <p>Not thread-safe: bound once at start-up, then read.
 */
public class RedisListenerProperties {

    /** Whether listener containers start with the application context. */
    private boolean autoStartup = true;

    /** Default number of consumer workers per queue listener. */
    private int concurrency = 1;

    /**
     * Default maximum number of items a queue listener worker takes per round trip (BLMPOP COUNT in plain mode,
     * pipelined LMOVEs in reliable mode); 1 takes one item per round trip.
     */
    private int batchSize = 1;

    /** How long one blocking pop waits before checking for shutdown. */
    private Duration pollTimeout = Duration.ofSeconds(1);

    /** How long shutdown waits for in-flight messages to finish. */
    private Duration shutdownTimeout = Duration.ofSeconds(10);

    private final Recovery recovery = new Recovery();

    private final Retry retry = new Retry();

    private final Stream stream = new Stream();

    public boolean isAutoStartup() {
        return autoStartup;
    }

    public void setAutoStartup(boolean autoStartup) {
        this.autoStartup = autoStartup;
    }

    public int getConcurrency() {
        return concurrency;
    }

    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getPollTimeout() {
        return pollTimeout;
    }

    public void setPollTimeout(Duration pollTimeout) {
        this.pollTimeout = pollTimeout;
    }

    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    public Recovery getRecovery() {
        return recovery;
    }

    public Retry getRetry() {
        return retry;
    }

    public Stream getStream() {
        return stream;
    }

    /** Back-off for re-establishing a lost subscriber or consumer connection. */
    public static class Recovery {

        /** Delay before the first reconnection attempt. */
        private Duration initialDelay = Duration.ofMillis(100);

        /** Factor applied to the delay after each failed attempt. */
        private double multiplier = 2.0;

        /** Upper bound of the delay between attempts. */
        private Duration maxDelay = Duration.ofSeconds(10);

        public Duration getInitialDelay() {
            return initialDelay;
        }

        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public Duration getMaxDelay() {
            return maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }
    }

    /** Retries of a failing reliable-queue handler before the item is dead-lettered. */
    public static class Retry {

        /** Total delivery attempts per item, the first included. */
        private int attempts = 3;

        /** Delay between attempts. */
        private Duration backoff = Duration.ofMillis(100);

        public int getAttempts() {
            return attempts;
        }

        public void setAttempts(int attempts) {
            this.attempts = attempts;
        }

        public Duration getBackoff() {
            return backoff;
        }

        public void setBackoff(Duration backoff) {
            this.backoff = backoff;
        }
    }

    /** Defaults of stream listeners ({@code @RedisListener(stream = ...)}). */
    public static class Stream {

        /** How long one XREADGROUP waits for new entries; a stop does not wait for it. */
        private Duration block = Duration.ofSeconds(2);

        /** Most entries one read returns (COUNT), and the largest batch of a listener taking a List. */
        private int batchSize = 10;

        /** Deliveries of an entry before it is added to the dead-letter stream, the first included. */
        private int maxAttempts = 3;

        /** Where a consumer group created by a listener starts: $ (new entries only), 0 (every entry) or an id. */
        private String startId = "$";

        /**
         * How long an entry must sit idle in a consumer's pending list before another consumer claims it; must
         * exceed the retry back-off's max delay and the slowest handler.
         */
        private Duration claimIdle = Duration.ofMinutes(1);

        /** How often each worker looks for idle entries to claim (also at start). */
        private Duration claimInterval = Duration.ofSeconds(30);

        private final Backoff retryBackoff = new Backoff();

        public Duration getBlock() {
            return block;
        }

        public void setBlock(Duration block) {
            this.block = block;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public int getMaxAttempts() {
            return maxAttempts;
        }

        public void setMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public String getStartId() {
            return startId;
        }

        public void setStartId(String startId) {
            this.startId = startId;
        }

        public Duration getClaimIdle() {
            return claimIdle;
        }

        public void setClaimIdle(Duration claimIdle) {
            this.claimIdle = claimIdle;
        }

        public Duration getClaimInterval() {
            return claimInterval;
        }

        public void setClaimInterval(Duration claimInterval) {
            this.claimInterval = claimInterval;
        }

        public Backoff getRetryBackoff() {
            return retryBackoff;
        }
    }

    /** Delay before a failed stream entry is delivered again, by the delivery that failed. */
    public static class Backoff {

        /** Delay after the first failed delivery. */
        private Duration initialDelay = Duration.ofSeconds(1);

        /** Factor applied after each further failed delivery. */
        private double multiplier = 2.0;

        /** Upper bound of the delay; must stay below claim-idle. */
        private Duration maxDelay = Duration.ofSeconds(30);

        public Duration getInitialDelay() {
            return initialDelay;
        }

        public void setInitialDelay(Duration initialDelay) {
            this.initialDelay = initialDelay;
        }

        public double getMultiplier() {
            return multiplier;
        }

        public void setMultiplier(double multiplier) {
            this.multiplier = multiplier;
        }

        public Duration getMaxDelay() {
            return maxDelay;
        }

        public void setMaxDelay(Duration maxDelay) {
            this.maxDelay = maxDelay;
        }
    }
}
