package io.respkit.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.codec.StringCodec;
import io.respkit.internal.commands.HashDefs;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed command definitions, found by reflection, and sample arguments to build each: shared by
 * {@link CommandSpecIntegrationTests} (keys and flags against the server) and {@link CommandCoverageIntegrationTests}
 * (which server commands respkit types). Stateless and thread-safe.
 */
final class DefsSamples {

    private DefsSamples() {
    }

    /** Every public static method returning a Command, of every {@code *Defs} class next to HashDefs. */
    static List<Method> defsMethods() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(HashDefs.class.getResource("HashDefs.class").toURI()).getParent();
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith("Defs.class")) {
                    classes.add(Class.forName(HashDefs.class.getPackageName() + "."
                            + fileName.substring(0, fileName.length() - ".class".length())));
                }
            }
        }
        assertThat(classes).extracting(Class::getSimpleName).contains("HashDefs", "KeyDefs", "ListDefs",
                "ScriptingDefs", "ServerDefs", "SetDefs", "SortedSetDefs", "SortedSetRangeDefs", "StringDefs");
        List<Method> methods = new ArrayList<>();
        for (Class<?> type : classes) {
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())
                        && m.getReturnType() == Command.class) {
                    methods.add(m);
                }
            }
        }
        methods.sort(Comparator.comparing((Method m) -> m.getDeclaringClass().getSimpleName())
                .thenComparing(Method::getName).thenComparing(m -> Arrays.toString(m.getParameterTypes())));
        return methods;
    }

    /** Sample arguments: distinct strings ("k1", "v2"...), two-element collections, the simplest *Args. */
    static Object[] arguments(Method method, Map<String, List<Object>> overrides)
            throws ReflectiveOperationException {
        String id = method.getDeclaringClass().getSimpleName() + "." + method.getName();
        Type[] types = method.getGenericParameterTypes();
        List<Object> override = overrides.get(id);
        if (override != null) {
            List<Object> all = new ArrayList<>();
            all.add(StringCodec.UTF8);
            all.addAll(override);
            return all.toArray();
        }
        int[] counter = {0};
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = sample(types[i], counter);
        }
        return args;
    }

    static Object sample(Type type, int[] counter) throws ReflectiveOperationException {
        if (type instanceof WildcardType w) {
            return sample(w.getUpperBounds()[0], counter);
        }
        if (type instanceof TypeVariable<?>) {
            return "v" + ++counter[0];
        }
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] of = p.getActualTypeArguments();
            if (raw == RedisCodec.class) {
                return StringCodec.UTF8;
            }
            if (raw == Map.class) {
                Map<Object, Object> map = new LinkedHashMap<>();
                map.put(sample(of[0], counter), sample(of[1], counter));
                map.put(sample(of[0], counter), sample(of[1], counter));
                return map;
            }
            if (raw == Iterable.class || raw == Collection.class || raw == List.class) {
                return List.of(sample(of[0], counter), sample(of[0], counter));
            }
            throw new UnsupportedOperationException("no sample for " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return "k" + ++counter[0];
        }
        if (c == long.class || c == Long.class) {
            return 1L;
        }
        if (c == boolean.class || c == Boolean.class) {
            return false;
        }
        if (c == long[].class) {
            return new long[] {1L, 2L};
        }
        if (c == int.class || c == Integer.class) {
            return 1;
        }
        if (c == double.class || c == Double.class) {
            return (double) ++counter[0];
        }
        if (c == Duration.class) {
            return Duration.ofSeconds(1);
        }
        if (c == Instant.class) {
            return Instant.ofEpochSecond(4_000_000_000L);
        }
        if (c.isEnum()) {
            return c.getEnumConstants()[0];
        }
        if (c.isRecord()) {
            Field none = c.getField("NONE");
            return none.get(null);
        }
        if (c == RedisCodec.class) {
            return StringCodec.UTF8;
        }
        throw new UnsupportedOperationException("no sample for " + type);
    }
}
