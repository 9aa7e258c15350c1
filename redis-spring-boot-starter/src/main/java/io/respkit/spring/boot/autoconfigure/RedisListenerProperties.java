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
}
