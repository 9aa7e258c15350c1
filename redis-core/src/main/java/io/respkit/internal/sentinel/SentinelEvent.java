package io.respkit.internal.sentinel;

import io.respkit.connection.HostAndPort;

/**
 * One event a sentinel published about the master a client follows, reduced to what the client acts on.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what happened
 * @param node the node it is about: the replica selected or promoted, or the new primary of a switch; {@code null}
 *        when the event names none the client needs
 */
record SentinelEvent(Kind kind, HostAndPort node) {

    /** What the client does about an event. */
    enum Kind {
        /** A failover chose {@link #node()} to be promoted: hold commands and watch it until it says it is primary. */
        PROMOTING,
        /** The sentinels announce {@link #node()} as the new primary. */
        SWITCHED,
        /** A failover was aborted: stop holding commands. */
        ABORTED,
        /** Something changed that the periodic check would see later: check now. */
        CHECK
    }

    /**
     * Parses a sentinel event, or returns {@code null} when it is not about {@code master} or needs nothing.
     *
     * <p>Formats (Redis Sentinel): {@code +switch-master <name> <old-ip> <old-port> <new-ip> <new-port>};
     * instance events {@code <type> <name> <ip> <port> @ <master-name> <master-ip> <master-port>} for replicas and
     * {@code master <name> <ip> <port>} for the master itself.
     *
     * @param channel the event's channel, e.g. {@code +selected-slave}
     * @param payload its text
     * @param master the master name followed
     * @return the event, or {@code null}
     */
    static SentinelEvent parse(String channel, String payload, String master) {
        if (channel == null || payload == null) {
            return null;
        }
        String[] w = payload.split(" ");
        if (channel.equals("+switch-master")) {
            return w.length >= 5 && w[0].equals(master) ? new SentinelEvent(Kind.SWITCHED, node(w[3], w[4])) : null;
        }
        boolean aboutReplica = w.length >= 8 && w[4].equals("@") && w[5].equals(master);
        boolean aboutMaster = w.length >= 4 && w[0].equals("master") && w[1].equals(master);
        if (!aboutReplica && !aboutMaster) {
            return null;
        }
        switch (channel) {
            case "+selected-slave", "+failover-state-send-slaveof-noone", "+failover-state-wait-promotion",
                    "+promoted-slave" -> {
                return aboutReplica ? new SentinelEvent(Kind.PROMOTING, node(w[2], w[3])) : null;
            }
            case "-failover-abort-no-good-slave", "-failover-abort-slave-timeout",
                    "-failover-abort-master-not-down" -> {
                return new SentinelEvent(Kind.ABORTED, null);
            }
            // A sentinel that lost the election gives up its own attempt; the leader's promotion goes on.
            case "-failover-abort-not-elected" -> {
                return new SentinelEvent(Kind.CHECK, null);
            }
            case "+sdown", "-sdown", "+odown", "-odown", "+failover-end", "+failover-end-for-timeout",
                    "+convert-to-slave", "+slave", "+reboot", "+role-change" -> {
                return new SentinelEvent(Kind.CHECK, null);
            }
            default -> {
                return null;
            }
        }
    }

    private static HostAndPort node(String host, String port) {
        try {
            return new HostAndPort(host, Integer.parseInt(port));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
