package io.respkit.spring.cache;

import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.util.ReflectionUtils;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.Objects;

/**
 * Turns a cache key into the text of its Redis key, as {@link RespkitCache} documents: a String as it is, Spring's
 * {@link SimpleKey} with each argument's text escaped so that distinct argument lists never share an entry, any other
 * key by its own {@code toString()}, which its type must override.
 *
 * <p>Stateless and thread-safe.
 */
final class CacheKeyText {

    /** The most characters of a key {@link #forLog} shows. */
    static final int LOGGED_CHARS = 200;

    private static final ClassValue<Boolean> HAS_OWN_TO_STRING = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("toString").getDeclaringClass() != Object.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    /** {@code SimpleKey}'s arguments, which it has no accessor for; {@code null} when they cannot be reached. */
    private static final Field SIMPLE_KEY_PARAMS = simpleKeyParams();

    private CacheKeyText() {
    }

    /**
     * Returns the Redis key of a cache key.
     *
     * @param prefix the cache's prefix, {@code <keyPrefix><cacheName>::}
     * @param cacheName the cache's name, for messages
     * @param key the cache key
     * @return the prefix followed by the key's text
     * @throws NullPointerException when {@code key} is null
     * @throws IllegalArgumentException when the key's type (or a {@code SimpleKey} argument's) does not override
     *         {@code toString()}
     */
    static String redisKey(String prefix, String cacheName, Object key) {
        Objects.requireNonNull(key, "key");
        if (key instanceof String s) {
            return prefix.concat(s);
        }
        if (key instanceof SimpleKey simple && SIMPLE_KEY_PARAMS != null) {
            // Its own text joins the arguments' texts with ", ": ("a, b", "c") and ("a", "b, c") would share one
            // entry, and an argument without its own toString() would make a new entry on every call.
            StringBuilder text = new StringBuilder(prefix).append(simple.getClass().getSimpleName()).append(' ');
            appendArray(text, cacheName, (Object[]) ReflectionUtils.getField(SIMPLE_KEY_PARAMS, simple));
            return text.toString();
        }
        return prefix.concat(ownText(cacheName, key));
    }

    /**
     * Returns a Redis key as it may appear in a log line or an exception message: keys often come from requests, so
     * line breaks, other control characters and Unicode line, paragraph and direction marks are escaped
     * ({@code \r}, {@code \n}, {@code \t}, {@code \u2028}, ...), so that no key can forge a log line, and a key
     * longer than {@value #LOGGED_CHARS} characters is cut ({@code ...}).
     *
     * @param redisKey the key
     * @return the printable text
     */
    static String forLog(String redisKey) {
        StringBuilder out = new StringBuilder(Math.min(redisKey.length(), LOGGED_CHARS) + 8);
        int end = Math.min(redisKey.length(), LOGGED_CHARS);
        for (int i = 0; i < end; i++) {
            char c = redisKey.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || (c >= '\u202a' && c <= '\u202e')
                            || (c >= '\u2066' && c <= '\u2069')) {
                        out.append("\\u");
                        for (int shift = 12; shift >= 0; shift -= 4) {
                            out.append(Character.forDigit((c >> shift) & 0xf, 16));
                        }
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (end < redisKey.length()) {
            out.append("...");
        }
        return out.toString();
    }

    private static String ownText(String cacheName, Object key) {
        if (!HAS_OWN_TO_STRING.get(key.getClass())) {
            throw new IllegalArgumentException("Cache '" + cacheName + "' cannot use a key of type "
                    + key.getClass().getName() + ": it does not override toString(), so its text would differ "
                    + "between instances; use a String, a number, a record, or a key type with its own toString()");
        }
        return key.toString();
    }

    /** Appends {@code [e1, e2]}, as {@code Arrays.deepToString}, with each element's text escaped. */
    private static void appendArray(StringBuilder out, String cacheName, Object array) {
        out.append('[');
        for (int i = 0, n = Array.getLength(array); i < n; i++) {
            if (i > 0) {
                out.append(", ");
            }
            Object element = Array.get(array, i);
            if (element == null) {
                out.append("null");
            } else if (element.getClass().isArray()) {
                appendArray(out, cacheName, element);
            } else {
                String text = ownText(cacheName, element);
                if (text.equals("null")) {
                    out.append('\\');   // not the null argument
                }
                for (int c = 0; c < text.length(); c++) {
                    char ch = text.charAt(c);
                    if (ch == ',' || ch == '\\') {
                        out.append('\\');
                    }
                    out.append(ch);
                }
            }
        }
        out.append(']');
    }

    private static Field simpleKeyParams() {
        try {
            Field field = ReflectionUtils.findField(SimpleKey.class, "params", Object[].class);
            if (field != null) {
                ReflectionUtils.makeAccessible(field);
            }
            return field;
        } catch (RuntimeException e) {
            // A SimpleKey of another shape, or a module that does not open it: its own toString() is used.
            return null;
        }
    }
}
