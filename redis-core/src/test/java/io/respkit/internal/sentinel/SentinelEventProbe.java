package io.respkit.internal.sentinel;

/** Opens {@link SentinelEvent#parse} to tests in other packages, as text. */
public final class SentinelEventProbe {

    private SentinelEventProbe() {
    }

    public static String parse(String channel, String payload, String master) {
        SentinelEvent e = SentinelEvent.parse(channel, payload, master);
        return e == null ? null : e.kind() + " " + e.node();
    }
}
