package io.respkit;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests (no server) for redis-core's module boundary, read from the compiled classes: the module descriptor
 * exports exactly the user-facing packages, unqualified, and nothing under {@code io.respkit.internal}; and no
 * public or protected signature in an exported package mentions an internal type, so that nothing internal is
 * reachable through the API (tests run on the class path, where the descriptor alone would not show a leak).
 */
class ModuleBoundaryTests {

    private static final String INTERNAL = "io.respkit.internal";

    private static final Set<String> USER_FACING = Set.of("io.respkit", "io.respkit.cluster", "io.respkit.codec",
            "io.respkit.commands",
            "io.respkit.connection", "io.respkit.exceptions", "io.respkit.pool", "io.respkit.protocol",
            "io.respkit.pubsub", "io.respkit.sentinel", "io.respkit.stream");

    @Test
    void theModuleExportsExactlyTheUserFacingPackages() throws IOException {
        ModuleDescriptor module = descriptor();
        assertThat(module.name()).isEqualTo("io.respkit.core");
        assertThat(module.exports()).allSatisfy(e -> assertThat(e.isQualified())
                .as("%s is exported to everyone or not at all", e.source()).isFalse());
        Set<String> exported = module.exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(exported).isEqualTo(new TreeSet<>(USER_FACING));
        assertThat(exported).noneMatch(p -> p.startsWith(INTERNAL));
        assertThat(module.requires().stream().map(ModuleDescriptor.Requires::name))
                .contains("org.apache.commons.pool2", "org.slf4j");
    }

    @Test
    void everyPackageIsEitherExportedOrInternal() throws IOException {
        Set<String> packages = compiledPackages();
        assertThat(packages).containsAll(USER_FACING);
        for (String p : packages) {
            assertThat(USER_FACING.contains(p) || p.equals(INTERNAL)
                    || p.startsWith(INTERNAL + "."))
                    .as("package %s is neither user-facing nor under %s: decide which it is", p, INTERNAL).isTrue();
        }
    }

    @Test
    void noExportedSignatureMentionsAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        for (String name : compiledClassNames()) {
            Class<?> type = Class.forName(name, false, getClass().getClassLoader());
            if (USER_FACING.contains(type.getPackageName()) && isApi(type)) {
                leaks.addAll(leaks(type));
            }
        }
        assertThat(leaks).as("public API that mentions io.respkit.internal").isEmpty();
    }

    @Test
    void theSignatureCheckFindsALeak() {
        assertThat(leaks(Leaky.class)).hasSize(3).allMatch(l -> l.contains("io.respkit.internal."));
        assertThat(leaks(RedisClient.class)).isEmpty();
    }

    /** A type as the check must not accept it: internal types in a return type, a parameter and a type argument. */
    public static final class Leaky {
        public io.respkit.internal.connection.RespChannel channel() {
            return null;
        }

        public void use(java.util.List<? extends io.respkit.internal.UrlTarget> targets) {
        }

        public Leaky(io.respkit.internal.connection.SecretScrubber[] scrubbers) {
        }

        Leaky(io.respkit.internal.UrlTarget notApi) {
        }
    }

    /** Whether a type is reachable by users: public, and every class around it public (or protected). */
    private static boolean isApi(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            int m = c.getModifiers();
            if (!Modifier.isPublic(m) && !Modifier.isProtected(m)) {
                return false;
            }
        }
        return !type.isAnonymousClass() && !type.isSynthetic();
    }

    private static List<String> leaks(Class<?> type) {
        List<String> out = new ArrayList<>();
        check(type.getName() + " extends", type.getGenericSuperclass(), out);
        for (Type t : type.getGenericInterfaces()) {
            check(type.getName() + " implements", t, out);
        }
        for (TypeVariable<?> v : type.getTypeParameters()) {
            check(type.getName() + "<" + v.getName() + ">", v, out);
        }
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                check(type.getName() + "." + c.getName(), c.getGenericType(), out);
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (visible(f, type)) {
                check(type.getName() + "." + f.getName(), f.getGenericType(), out);
            }
        }
        List<Executable> executables = new ArrayList<>(List.of(type.getDeclaredMethods()));
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            executables.add(c);
        }
        for (Executable e : executables) {
            if (!visible(e, type) || e.isSynthetic()) {
                continue;
            }
            String where = type.getName() + "." + e.getName() + "(..)";
            if (e instanceof Method m) {
                check(where + " returns", m.getGenericReturnType(), out);
            }
            for (Type p : e.getGenericParameterTypes()) {
                check(where + " takes", p, out);
            }
            for (Type x : e.getGenericExceptionTypes()) {
                check(where + " throws", x, out);
            }
            for (TypeVariable<?> v : e.getTypeParameters()) {
                check(where + " <" + v.getName() + ">", v, out);
            }
        }
        return out;
    }

    /** Public, or protected in a class users may extend. */
    private static boolean visible(Member member, Class<?> owner) {
        int m = member.getModifiers();
        return Modifier.isPublic(m) || Modifier.isProtected(m) && !Modifier.isFinal(owner.getModifiers());
    }

    private static void check(String where, Type type, List<String> out) {
        check(where, type, out, new ArrayList<>());
    }

    private static void check(String where, Type type, List<String> out, List<Type> seen) {
        if (type == null || seen.contains(type)) {
            return;
        }
        seen.add(type);
        if (type instanceof Class<?> c) {
            while (c.isArray()) {
                c = c.getComponentType();
            }
            if (c.getPackageName().startsWith(INTERNAL)) {
                out.add(where + " " + c.getName());
            }
        } else if (type instanceof ParameterizedType p) {
            check(where, p.getRawType(), out, seen);
            for (Type a : p.getActualTypeArguments()) {
                check(where, a, out, seen);
            }
        } else if (type instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                check(where, b, out, seen);
            }
            for (Type b : w.getLowerBounds()) {
                check(where, b, out, seen);
            }
        } else if (type instanceof GenericArrayType a) {
            check(where, a.getGenericComponentType(), out, seen);
        } else if (type instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                check(where, b, out, seen);
            }
        }
    }

    // ------------------------------------------------------------------------------------------ compiled classes

    /** The directory redis-core's main classes were compiled to (tests run against it, not a jar). */
    private static Path classesDir() {
        try {
            Path p = Path.of(RedisClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            assertThat(p).as("redis-core's classes are a directory under test").isDirectory();
            return p;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ModuleDescriptor descriptor() throws IOException {
        Path file = classesDir().resolve("module-info.class");
        assertThat(file).as("redis-core has a module-info.java").exists();
        try (InputStream in = Files.newInputStream(file)) {
            return ModuleDescriptor.read(in);
        }
    }

    private static List<String> compiledClassNames() throws IOException {
        Path root = classesDir();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".class"))
                    .map(f -> root.relativize(f).toString().replace(root.getFileSystem().getSeparator(), "."))
                    .filter(f -> !f.equals("module-info.class"))
                    .map(f -> f.substring(0, f.length() - ".class".length()))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    private static Set<String> compiledPackages() throws IOException {
        return compiledClassNames().stream().map(n -> n.substring(0, n.lastIndexOf('.')))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
