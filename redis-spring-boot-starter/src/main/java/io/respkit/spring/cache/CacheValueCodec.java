package io.respkit.spring.cache;

import io.respkit.codec.RedisCodec;
import io.respkit.spring.core.ValueCodecFactory;
import org.springframework.cache.support.NullValue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Turns a cached value into the bytes stored in Redis and back: the value's type name, a newline, then the value as
 * written by the {@link ValueCodecFactory}'s codec for that type (JSON by default). The type name is needed because
 * a cache holds values of any type; on reading, a type is loaded only when it is trusted (see
 * {@link RespkitCacheManager.Builder#trustedPackages(Collection)}), so that whoever can write to Redis cannot make the
 * application instantiate arbitrary classes. A cached {@code null} is stored as a marker of its own.
 *
 * <p>Top-level lists, sets and maps are recorded as {@code java.util.List}, {@code Set} or {@code Map}: their
 * elements come back as JSON would read them without a declared type (maps, strings, numbers), so cache a record or
 * an array rather than a collection of records.
 *
 * <p>Thread-safe.
 */
final class CacheValueCodec {

    /** What a cached {@code null} is stored as; no type name starts with '!'. */
    private static final byte[] NULL_MARKER = "!null".getBytes(StandardCharsets.US_ASCII);
    private static final byte SEPARATOR = '\n';

    /** java.* types that are plain data: reading them runs no code with side effects. */
    private static final Set<String> TRUSTED_JAVA_TYPES = Set.of("java.lang.String", "java.lang.Boolean",
            "java.lang.Character", "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long",
            "java.lang.Float", "java.lang.Double", "java.util.List", "java.util.Set", "java.util.Map",
            "java.util.UUID", "java.util.Date", "java.util.Locale", "java.util.Currency");
    private static final List<String> TRUSTED_JAVA_PACKAGES = List.of("java.time.", "java.math.");

    private final ValueCodecFactory factory;
    private final List<String> trustedPackages;
    private final boolean trustAll;
    private final ClassLoader classLoader;
    private final ConcurrentMap<Class<?>, RedisCodec<Object>> codecs = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Class<?>> types = new ConcurrentHashMap<>();

    /**
     * @param factory makes the codec of each value type
     * @param trustedPackages package names (a class in a sub-package is trusted too), or {@code "*"} for any type
     * @param classLoader loads the value types
     */
    CacheValueCodec(ValueCodecFactory factory, Collection<String> trustedPackages, ClassLoader classLoader) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.trustAll = trustedPackages.contains("*");
        this.trustedPackages = trustedPackages.stream().filter(p -> !"*".equals(p))
                .map(p -> p.endsWith(".") ? p : p + ".").toList();
        this.classLoader = classLoader;
    }

    /**
     * Encodes a store value ({@link NullValue#INSTANCE} for a cached {@code null}).
     *
     * @throws IllegalArgumentException when the codec cannot write the value
     */
    byte[] encode(Object storeValue) {
        if (storeValue == NullValue.INSTANCE) {
            return NULL_MARKER;
        }
        Class<?> type = declaredType(storeValue);
        byte[] name = type.getName().getBytes(StandardCharsets.UTF_8);
        byte[] payload = codec(type).encode(storeValue);
        byte[] out = Arrays.copyOf(name, name.length + 1 + payload.length);
        out[name.length] = SEPARATOR;
        System.arraycopy(payload, 0, out, name.length + 1, payload.length);
        return out;
    }

    /**
     * Decodes what {@link #encode(Object)} wrote.
     *
     * @return the store value ({@link NullValue#INSTANCE} for a cached {@code null})
     * @throws UntrustedCacheValueException when the stored type is not trusted or not a stored value of this cache
     * @throws IllegalArgumentException when the payload cannot be read as its type (e.g. the class changed), or
     *         the bytes have no type header
     * @throws ClassNotFoundException when the stored type is not on the class path
     */
    Object decode(byte[] bytes) throws ClassNotFoundException {
        if (Arrays.equals(bytes, NULL_MARKER)) {
            return NullValue.INSTANCE;
        }
        int separator = indexOf(bytes, SEPARATOR);
        if (separator <= 0) {
            throw new IllegalArgumentException("not a value written by a respkit cache (no type header)");
        }
        String name = new String(bytes, 0, separator, StandardCharsets.UTF_8);
        Class<?> type = types.get(name);
        if (type == null) {
            if (!trusted(name)) {
                throw new UntrustedCacheValueException("type " + name + " is not trusted: add its package to "
                        + "redis.cache.trusted-packages (RespkitCacheManager.Builder.trustedPackages)");
            }
            type = Class.forName(name, false, classLoader);
            types.putIfAbsent(name, type);
        }
        return codec(type).decode(Arrays.copyOfRange(bytes, separator + 1, bytes.length));
    }

    private static Class<?> declaredType(Object value) {
        // Concrete JDK collections (List.of's, unmodifiable views) cannot be read back as themselves.
        if (value instanceof List<?>) {
            return List.class;
        }
        if (value instanceof Set<?>) {
            return Set.class;
        }
        if (value instanceof Map<?, ?>) {
            return Map.class;
        }
        return value.getClass();
    }

    @SuppressWarnings("unchecked")
    private RedisCodec<Object> codec(Class<?> type) {
        return codecs.computeIfAbsent(type, t -> (RedisCodec<Object>) factory.codecFor(t));
    }

    private boolean trusted(String name) {
        String element = name;
        while (element.startsWith("[")) {
            element = element.substring(1);
        }
        if (element.length() == 1) {
            // An array of primitives, e.g. "[I"; without '[' it would be a class of the default package.
            return element.length() < name.length();
        }
        if (element.startsWith("L") && element.endsWith(";")) {
            element = element.substring(1, element.length() - 1);
        }
        if (trustAll || TRUSTED_JAVA_TYPES.contains(element)) {
            return true;
        }
        for (String prefix : TRUSTED_JAVA_PACKAGES) {
            if (element.startsWith(prefix)) {
                return true;
            }
        }
        for (String prefix : trustedPackages) {
            if (element.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** A stored value whose type this cache will not load. */
    static final class UntrustedCacheValueException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        UntrustedCacheValueException(String message) {
            super(message);
        }
    }
}
