package io.respkit.vthreads;

import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import io.respkit.test.VirtualThreadJdk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * respkit under thousands of virtual threads, in a child JVM on a JDK that has them (21+, found by
 * {@link VirtualThreadJdk}; the build runs on 17): {@link VirtualThreadLoad} drives a pooled client with a small,
 * growing pool, a multiplexed client and a subscriber, with a flight recording of pinning and monitor waits. The
 * recording must show no pinned virtual thread in respkit's code, no virtual thread waiting on a monitor in
 * respkit's or commons-pool2's code (on JDK 21–23 each such wait pins the carrier), and no virtual thread held
 * 50 ms or more at a monitor's entry there (a monitor held across I/O, which pins both threads on 21–23). The
 * recording is proved to see pinning by a known pin the child causes on purpose. Every event is reported in the log.
 *
 * <p>On JDK 24 and later (JEP 491) a monitor no longer pins, so the pinning events alone could not show a
 * {@code synchronized} around blocking I/O: the monitor-wait and monitor-entry events can, and
 * {@code NoMonitorAroundBlockingTests} guards the source. Fails, rather than skips, when no JDK 21+ is found: CI
 * machines have one.
 */
@ExtendWith(RedisServerExtension.class)
class VirtualThreadPinningIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(VirtualThreadPinningIntegrationTests.class);
    private static final double SLOW_ENTRY_MILLIS = 50;

    /** The recording's settings: the three events, every one of them (threshold 0), with stacks. */
    private static final String SETTINGS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <configuration version="2.0" label="respkit pinning">
              <event name="jdk.VirtualThreadPinned">
                <setting name="enabled">true</setting>
                <setting name="stackTrace">true</setting>
                <setting name="threshold">0 ms</setting>
              </event>
              <event name="jdk.JavaMonitorWait">
                <setting name="enabled">true</setting>
                <setting name="stackTrace">true</setting>
                <setting name="threshold">0 ms</setting>
              </event>
              <event name="jdk.JavaMonitorEnter">
                <setting name="enabled">true</setting>
                <setting name="stackTrace">true</setting>
                <setting name="threshold">0 ms</setting>
              </event>
            </configuration>
            """;

    @Test
    void thousandsOfVirtualThreadsNeverPinNorWaitOnAMonitorInRespkitOrItsPool(RedisServer server) throws Exception {
        VirtualThreadJdk.Jdk jdk = VirtualThreadJdk.require();
        Path dir = Files.createDirectories(Path.of("target", "vthreads"));
        Path jfr = dir.resolve("load.jfr");
        Path result = dir.resolve("load.properties");
        Path output = dir.resolve("load.log");
        Files.deleteIfExists(jfr);
        Files.deleteIfExists(result);
        Path settings = dir.resolve("pinning.jfc");
        Files.writeString(settings, SETTINGS);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(jdk.java().toString(), "-Xmx1g", "-cp", classpath,
                VirtualThreadLoad.class.getName(), server.host(), Integer.toString(server.port()), settings.toString(),
                jfr.toString(), result.toString()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!child.waitFor(5, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            throw new AssertionError("the virtual-thread load on " + jdk + " did not end within 5 minutes; see "
                    + output.toAbsolutePath());
        }
        assertThat(child.exitValue()).as("exit code of the load on %s; its output:\n%s", jdk, tail(output))
                .isZero();

        Properties counts = new Properties();
        try (InputStream in = Files.newInputStream(result)) {
            counts.load(in);
        }
        long commands = (long) VirtualThreadLoad.THREADS * VirtualThreadLoad.ROUNDS * 2;
        assertThat(counts.getProperty("pooled.ops")).isEqualTo(Long.toString(commands));
        assertThat(counts.getProperty("mux.ops")).isEqualTo(Long.toString(commands));
        assertThat(Long.parseLong(counts.getProperty("pooled.created"))).isBetween(1L,
                (long) VirtualThreadLoad.POOL_SIZE);
        assertThat(Long.parseLong(counts.getProperty("pubsub.reconnects"))).isPositive();

        List<JfrEvent> events = JfrEvent.read(jdk, jfr);
        report(events, jdk);
        assertThat(events).as("the control: a virtual thread parked in a class initializer is recorded as pinned")
                .anyMatch(e -> e.type().equals("jdk.VirtualThreadPinned")
                        && e.frames().stream().anyMatch(f -> f.contains("PinProbe.<clinit>")));
        List<JfrEvent> pinned = events.stream().filter(e -> e.type().equals("jdk.VirtualThreadPinned")
                && !e.classLoading() && e.hasRespkitFrame()).toList();
        assertThat(pinned).as("virtual threads pinned in respkit's code:\n%s", texts(pinned)).isEmpty();
        // On JDK 24+ a virtual thread waiting on a monitor unmounts, and its event keeps only the bottom frame:
        // with no stack to tell whose wait it was, any wait but the JVM's class initialization fails.
        List<JfrEvent> waits = events.stream().filter(e -> e.type().equals("jdk.JavaMonitorWait") && e.virtual()
                && !e.classLoading()).toList();
        assertThat(waits).as("virtual threads waiting on a monitor:\n%s", texts(waits)).isEmpty();
        List<JfrEvent> slowEntries = events.stream().filter(e -> e.type().equals("jdk.JavaMonitorEnter")
                && e.virtual() && !e.classLoading() && (e.hasRespkitFrame() || e.hasPoolFrame() || e.stackLost())
                && e.durationMillis() >= SLOW_ENTRY_MILLIS).toList();
        assertThat(slowEntries).as("virtual threads held at a monitor's entry in respkit or commons-pool2 for %s ms "
                + "or more:\n%s", SLOW_ENTRY_MILLIS, texts(slowEntries)).isEmpty();
    }

    /** Logs how many events of each kind were recorded, and each one outside the control in full. */
    private static void report(List<JfrEvent> events, VirtualThreadJdk.Jdk jdk) {
        Map<String, Long> byType = events.stream().collect(Collectors.groupingBy(JfrEvent::type, TreeMap::new,
                Collectors.counting()));
        log.info("Flight recording of the virtual-thread load on JDK {}: {} (monitor events on any thread)",
                jdk.feature(), byType);
        for (JfrEvent e : events) {
            if (e.frames().stream().noneMatch(f -> f.contains("PinProbe"))) {
                log.info("{}", e.text());
            }
        }
    }

    /** The first events in full, and how many more. */
    private static String texts(List<JfrEvent> events) {
        return events.stream().limit(10).map(JfrEvent::text).collect(Collectors.joining("\n"))
                + (events.size() > 10 ? "\n... and " + (events.size() - 10) + " more" : "");
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /**
     * One event as {@code jfr print} shows it.
     *
     * @param type the event type
     * @param fields its top-level fields, as printed
     * @param frames its stack, innermost first
     * @param text the printed event
     */
    record JfrEvent(String type, Map<String, String> fields, List<String> frames, String text) {

        /** @return whether its thread is virtual */
        boolean virtual() {
            return fields.getOrDefault("eventThread", "").endsWith("virtual)");
        }

        /** @return its duration in milliseconds */
        double durationMillis() {
            String[] parts = fields.getOrDefault("duration", "0 ms").trim().split("\\s+");
            double v = Double.parseDouble(parts[0].replace(",", ""));
            return switch (parts.length > 1 ? parts[1] : "ms") {
                case "ns" -> v / 1e6;
                case "us" -> v / 1e3;
                case "s" -> v * 1e3;
                case "min" -> v * 60e3;
                default -> v;
            };
        }

        /**
         * Whether it is the JVM loading or initializing a class: a class initializer's lock ({@code int[]}), a
         * class loader's lock or jar, or a pin the JVM gives that reason for. Every thread that uses a class first
         * waits for it; that is the JDK's, whoever's class it is.
         */
        boolean classLoading() {
            String monitor = fields.getOrDefault("monitorClass", "");
            String reason = fields.getOrDefault("pinnedReason", "");
            return monitor.startsWith("int[]") || monitor.startsWith("java.util.jar.JarFile")
                    || reason.contains("initialization of") || reason.contains("<clinit>")
                    || frames.stream().anyMatch(f -> f.startsWith("java.lang.ClassLoader.loadClass("));
        }

        /** @return whether the stack was lost (a virtual thread that unmounted keeps only its bottom frame) */
        boolean stackLost() {
            return frames.size() <= 1;
        }

        /** @return whether a frame is in respkit's main code (not this test's load driver) */
        boolean hasRespkitFrame() {
            return frames.stream().anyMatch(f -> f.startsWith("io.respkit.") && !f.startsWith("io.respkit.vthreads."));
        }

        /** @return whether a frame is in commons-pool2 */
        boolean hasPoolFrame() {
            return frames.stream().anyMatch(f -> f.startsWith("org.apache.commons.pool2."));
        }

        /** Prints the recording with the JDK's own {@code jfr} tool and parses its events. */
        static List<JfrEvent> read(VirtualThreadJdk.Jdk jdk, Path jfr) throws IOException, InterruptedException {
            Path printed = jfr.resolveSibling(jfr.getFileName() + ".txt");
            Process p = new ProcessBuilder(jdk.jfr().toString(), "print", "--stack-depth", "64", "--events",
                    "jdk.VirtualThreadPinned,jdk.JavaMonitorWait,jdk.JavaMonitorEnter", jfr.toString())
                    .redirectErrorStream(true).redirectOutput(printed.toFile()).start();
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError("jfr print failed: " + tail(printed));
            }
            return parse(Files.readAllLines(printed, StandardCharsets.UTF_8));
        }

        static List<JfrEvent> parse(List<String> lines) {
            List<JfrEvent> events = new ArrayList<>();
            String type = null;
            boolean inStack = false;
            Map<String, String> fields = new TreeMap<>();
            List<String> frames = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (String line : lines) {
                if (type == null) {
                    if (line.matches("jdk\\.\\w+ \\{")) {
                        type = line.substring(0, line.indexOf(' '));
                        text.setLength(0);
                        text.append(line).append('\n');
                    }
                    continue;
                }
                text.append(line).append('\n');
                String t = line.trim();
                if (line.equals("}")) {
                    events.add(new JfrEvent(type, Map.copyOf(fields), List.copyOf(frames), text.toString()));
                    type = null;
                    inStack = false;
                    fields.clear();
                    frames.clear();
                } else if (inStack) {
                    if (t.equals("]")) {
                        inStack = false;
                    } else {
                        frames.add(t);
                    }
                } else if (t.startsWith("stackTrace = [")) {
                    inStack = true;
                } else if (line.startsWith("  ") && !line.startsWith("   ") && t.contains(" = ")) {
                    fields.put(t.substring(0, t.indexOf(" = ")), t.substring(t.indexOf(" = ") + 3));
                }
            }
            return events;
        }
    }
}
