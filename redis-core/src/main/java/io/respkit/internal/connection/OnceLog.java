package io.respkit.internal.connection;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which warnings were logged already, so that a pool opening many connections with the same
 * configuration warns once instead of once per connection.
 *
 * <p>Thread-safe.
 */
final class OnceLog {

    /** Bounds the memory a process with very many distinct configurations spends on this. */
    private static final int MAX_KEYS = 4096;

    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    private OnceLog() {
    }

    /**
     * Returns {@code true} the first time it is called with {@code key}.
     *
     * @param key what the warning is about, e.g. the address and user; never a secret
     * @return whether to log now
     */
    static boolean first(String key) {
        if (SEEN.size() >= MAX_KEYS) {
            SEEN.clear(); // warning again is better than growing without bound
        }
        return SEEN.add(key);
    }
}
