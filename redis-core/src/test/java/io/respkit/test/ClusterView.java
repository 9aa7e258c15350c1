package io.respkit.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One node's {@code CLUSTER NODES} reply, parsed: who it knows, their flags, roles and slots. Migration markers
 * ({@code [slot->-id]}) are left out.
 *
 * <p>Immutable and thread-safe.
 */
final class ClusterView {

    static final int SLOTS = 16384;

    /** One line of {@code CLUSTER NODES}. */
    record Entry(String id, String host, int port, Set<String> flags, String primaryId, boolean connected,
            List<int[]> slots) {

        boolean primary() {
            return flags.contains("master");
        }

        boolean replica() {
            return flags.contains("slave");
        }

        /** Failing, unknown or still shaking hands: not a healthy member from this view. */
        boolean unhealthy() {
            return flags.contains("fail") || flags.contains("fail?") || flags.contains("handshake")
                    || flags.contains("noaddr") || flags.contains("noflags");
        }

        int slotCount() {
            int n = 0;
            for (int[] r : slots) {
                n += r[1] - r[0] + 1;
            }
            return n;
        }
    }

    private final Map<String, Entry> entries;
    private final String myId;

    private ClusterView(Map<String, Entry> entries, String myId) {
        this.entries = entries;
        this.myId = myId;
    }

    static ClusterView parse(String text) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        String myId = null;
        for (String line : text.split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length < 8) {
                continue;
            }
            String addr = f[1];
            int at = addr.indexOf('@');
            String hostPort = at < 0 ? addr : addr.substring(0, at);
            int colon = hostPort.lastIndexOf(':');
            String host = hostPort.substring(0, colon);
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            Set<String> flags = Set.of(f[2].split(","));
            List<int[]> slots = new ArrayList<>();
            for (int i = 8; i < f.length; i++) {
                if (f[i].startsWith("[")) {
                    continue;
                }
                int dash = f[i].indexOf('-');
                int start = Integer.parseInt(dash < 0 ? f[i] : f[i].substring(0, dash));
                int end = dash < 0 ? start : Integer.parseInt(f[i].substring(dash + 1));
                slots.add(new int[] {start, end});
            }
            Entry e = new Entry(f[0], host, port, flags, "-".equals(f[3]) ? null : f[3], "connected".equals(f[7]),
                    slots);
            entries.put(e.id(), e);
            if (flags.contains("myself")) {
                myId = e.id();
            }
        }
        return new ClusterView(entries, myId);
    }

    Map<String, Entry> entries() {
        return entries;
    }

    Entry myself() {
        return entries.get(myId);
    }

    Entry get(String id) {
        return entries.get(id);
    }

    /** @return the owner's id of every slot, {@code null} where unassigned */
    String[] owners() {
        String[] owners = new String[SLOTS];
        for (Entry e : entries.values()) {
            for (int[] r : e.slots()) {
                for (int s = r[0]; s <= r[1]; s++) {
                    owners[s] = e.id();
                }
            }
        }
        return owners;
    }

    /** @return the owner's id, or {@code null} when unassigned */
    String ownerOf(int slot) {
        for (Entry e : entries.values()) {
            for (int[] r : e.slots()) {
                if (slot >= r[0] && slot <= r[1]) {
                    return e.id();
                }
            }
        }
        return null;
    }
}
