package io.respkit.test;

import io.respkit.connection.HostAndPort;

/**
 * A snapshot of one node of a {@link RedisCluster}: its address, node id, role when the snapshot was taken, and the
 * {@link RedisProcess} behind it for faults ({@link #kill()}, {@link #freeze()}, {@link #thaw()}, {@link #restart()}).
 * The role is not updated afterwards: ask the cluster again ({@link RedisCluster#nodes()}) after a failover.
 *
 * <p>Immutable and thread-safe (the process it points to is thread-safe).
 *
 * @param host the host clients connect to ({@code 127.0.0.1})
 * @param port the client port (the cluster bus is {@code port + 10000})
 * @param nodeId the 40-character node id, stable across restarts ({@code nodes.conf} is kept)
 * @param role the role when the snapshot was taken
 * @param primaryId the id of the primary this node replicates, {@code null} for a primary
 * @param process the process, to stop, kill, freeze or restart it
 */
public record ClusterNode(String host, int port, String nodeId, Role role, String primaryId, RedisProcess process) {

    /** A node's role in the cluster. */
    public enum Role {
        /** Serves slots (or none yet, after {@link RedisCluster#addPrimary()}). */
        PRIMARY,
        /** Replicates a primary. */
        REPLICA
    }

    /** @return {@code host:port} */
    public HostAndPort hostAndPort() {
        return new HostAndPort(host, port);
    }

    /** @return {@code true} when the snapshot's role is {@link Role#PRIMARY} */
    public boolean isPrimary() {
        return role == Role.PRIMARY;
    }

    /** Kills the node with SIGKILL (no goodbye to its peers) and waits for the process to end. */
    public void kill() {
        process.kill();
    }

    /**
     * Freezes the node with SIGSTOP: its connections stay open, nothing answers.
     *
     * @throws IllegalStateException when it is not running
     */
    public void freeze() {
        process.freeze();
    }

    /** Resumes a frozen node with SIGCONT; does nothing when it is not frozen. */
    public void thaw() {
        process.thaw();
    }

    /**
     * Starts the node again on the same port with the same {@code nodes.conf}, so it rejoins with its node id
     * (stopping it first when it runs).
     *
     * @throws IllegalStateException when it does not come up
     */
    public void restart() {
        process.restart();
    }

    /** @return {@code true} while the process runs and is not frozen, i.e. it can answer */
    public boolean isReachable() {
        return process.isRunning() && !process.isFrozen();
    }

    /**
     * Sends one command to this node over a fresh raw socket (never through the client under test), e.g.
     * {@code call("GET", "k")}.
     *
     * @param args the command and its arguments
     * @return the reply: {@code String}, {@code Long}, {@code List<Object>} or {@code null}
     * @throws ErrorReplyException on an error reply such as {@code MOVED 3999 127.0.0.1:21000}
     * @throws java.io.UncheckedIOException when the node cannot be reached or does not answer within 10 s
     */
    public Object call(String... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("no command");
        }
        return NodeConnection.call(host, port, args);
    }
}
