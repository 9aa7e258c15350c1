package io.respkit.test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Finds a JDK with virtual threads (Java 21 or later) for tests that run a child JVM: the build itself runs on
 * Java 17, which has none. Looked for, in order: the {@code respkit.jdk21.home} system property, the running JVM,
 * {@code JAVA_HOME}, then the newest JDK under {@code /usr/lib/jvm} (CI machines have a Temurin 25 there). The
 * version is read from the JDK's {@code release} file, so nothing is launched to find it.
 *
 * <p>Stateless and thread-safe.
 */
public final class VirtualThreadJdk {

    /** The system property naming a JDK 21+ home to use. */
    public static final String PROPERTY = "respkit.jdk21.home";

    private VirtualThreadJdk() {
    }

    /**
     * A JDK home with its feature version.
     *
     * @param home the JDK's home directory
     * @param feature its feature version, e.g. 25
     */
    public record Jdk(Path home, int feature) {

        /** @return the {@code java} launcher */
        public Path java() {
            return home.resolve("bin").resolve("java");
        }

        /** @return the {@code jfr} tool */
        public Path jfr() {
            return home.resolve("bin").resolve("jfr");
        }
    }

    /**
     * Returns the JDK to run virtual-thread children on.
     *
     * @return the JDK
     * @throws AssertionError when there is none, saying where it looked: the tests that need it fail rather than
     *         skip, since CI machines have one
     */
    public static Jdk require() {
        List<Path> tried = new ArrayList<>();
        for (Path home : candidates()) {
            tried.add(home);
            int feature = feature(home);
            if (feature >= 21 && Files.isExecutable(home.resolve("bin").resolve("java"))) {
                return new Jdk(home, feature);
            }
        }
        throw new AssertionError("No JDK 21 or later found for the virtual-thread tests (looked at " + tried
                + "). Install one (e.g. Temurin 25 under /usr/lib/jvm) or point -D" + PROPERTY + " at its home.");
    }

    private static List<Path> candidates() {
        List<Path> homes = new ArrayList<>();
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            homes.add(Path.of(property));
        }
        homes.add(Path.of(System.getProperty("java.home")));
        String env = System.getenv("JAVA_HOME");
        if (env != null && !env.isBlank()) {
            homes.add(Path.of(env));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                dirs.filter(Files::isDirectory).filter(d -> !Files.isSymbolicLink(d))
                        .sorted(Comparator.comparingInt(VirtualThreadJdk::feature).reversed())
                        .forEach(homes::add);
            } catch (IOException e) {
                // nothing more to try there
            }
        }
        return homes;
    }

    /** The feature version in {@code home/release}, or 0 when unreadable. */
    static int feature(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return 0;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(release)) {
            p.load(in);
        } catch (IOException e) {
            return 0;
        }
        String v = p.getProperty("JAVA_VERSION", "").replace("\"", "");
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
    }
}
