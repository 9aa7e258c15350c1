package io.respkit.test;

import io.respkit.connection.HostAndPort;

/**
 * One process of a {@link RedisSentinels} group, a data node (primary or replica) or a sentinel: its address and
 * the {@link RedisProcess} behind it for faults. Whether a data node is the primary is not part of the value, since
 * it changes with every failover: ask {@link RedisSentinels#primary()}.
 *
 * <p>Immutable and thread-safe (the process it points to is thread-safe).
 *
 * @param host the host clients connect to ({@code 127.0.0.1})
 * @param port the port
 * @param process the process, to kill, freeze or thaw it (restart a data node with
 *        {@link RedisSentinels#restart(RedisNode)}, which points it at the current primary)
 */
public record RedisNode(String host, int port, RedisProcess process) {

    /** @return {@code host:port} */
    public HostAndPort hostAndPort() {
        return new HostAndPort(host, port);
    }

    /** @return {@code true} while the process runs and is not frozen, i.e. it can answer */
    public boolean isReachable() {
        return process.isRunning() && !process.isFrozen();
    }

    /** Kills the process with SIGKILL (no goodbye to anyone) and waits for it to end. */
    public void kill() {
        process.kill();
    }

    /**
     * Freezes the process with SIGSTOP: its connections stay open, nothing answers.
     *
     * @throws IllegalStateException when it is not running
     */
    public void freeze() {
        process.freeze();
    }

    /** Resumes a frozen process with SIGCONT; does nothing when it is not frozen. */
    public void thaw() {
        process.thaw();
    }

    /**
     * Sends one command over a fresh raw socket (never through the client under test), e.g. {@code call("ROLE")}.
     *
     * @param args the command and its arguments
     * @return the reply: {@code String}, {@code Long}, {@code List<Object>} or {@code null}
     * @throws IllegalArgumentException when no command is given
     * @throws ErrorReplyException on an error reply
     * @throws java.io.UncheckedIOException when the process cannot be reached or does not answer within 10 s
     */
    public Object call(String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("no command");
        }
        return NodeConnection.call(host, port, args);
    }
}
