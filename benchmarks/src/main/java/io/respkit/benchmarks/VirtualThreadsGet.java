package io.respkit.benchmarks;

import io.respkit.benchmarks.drivers.RespkitDriver;
import io.respkit.spring.listener.ListenerThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code vthreads_get}: respkit's default client (a {@code RedisClient} with the default pool of 16 connections)
 * driven by {@value #VIRTUAL_THREADS} virtual threads, and by {@value #PLATFORM_THREADS} platform threads, each
 * running synchronous GETs of random keys among {@value Workloads#MT_KEYS}, in one JVM: the issue asks the virtual
 * threads for at least the platform threads' throughput. Virtual threads need Java 21 and this module builds for 17,
 * so on an older JVM the runner hands the workload to a child JVM on a JDK 21+ ({@link #findJdk()}), which writes its
 * samples to a file ({@link #write}) for the parent to read; with no such JDK it is skipped with a warning.
 *
 * <p>Stateless and thread-safe.
 */
final class VirtualThreadsGet {

    private static final Logger log = LoggerFactory.getLogger(VirtualThreadsGet.class);

    /** The workload's name. */
    static final String WORKLOAD = "vthreads_get";
    /** Virtual threads of the first row. */
    static final int VIRTUAL_THREADS = 2_000;
    /** Platform threads of the second row. */
    static final int PLATFORM_THREADS = 64;
    /** The virtual-thread row. */
    static final String VIRTUAL = "respkit, 2,000 virtual threads";
    /** The platform-thread row. */
    static final String PLATFORM = "respkit, 64 platform threads";
    /** The system property naming a JDK 21+ home for the child JVM. */
    static final String JDK_PROPERTY = "respkit.jdk21.home";

    private VirtualThreadsGet() {
    }

    /** @return whether this JVM has virtual threads, so the workload runs here */
    static boolean inProcess() {
        return ListenerThreads.virtualThreadsAvailable();
    }

    /**
     * One round: each row on a fresh default client, warmed up first (unmeasured) on that client.
     *
     * @param host the server host
     * @param port the server port
     * @param millis how long each measured run lasts
     * @param warmMillis how long each warm-up lasts
     * @param prefix fresh key prefixes
     * @param flush empties the server between runs
     * @return the virtual-thread sample, then the platform-thread one
     */
    static List<Sample> round(String host, int port, long millis, long warmMillis, Supplier<String> prefix,
            Runnable flush) {
        List<Sample> samples = new ArrayList<>();
        for (boolean virtual : new boolean[] {true, false}) {
            try (RespkitDriver d = RespkitDriver.defaults(host, port)) {
                run(d, virtual, warmMillis, prefix.get());
                flush.run();
                samples.add(run(d, virtual, millis, prefix.get()));
            }
            flush.run();
        }
        return samples;
    }

    private static Sample run(Driver d, boolean virtual, long millis, String prefix) {
        if (virtual) {
            return Workloads.threadedGet(WORKLOAD, VIRTUAL, d, VIRTUAL_THREADS,
                    ListenerThreads.factory("bench-vt-", true), new SharedLatencyRecorder(), millis, prefix);
        }
        AtomicInteger n = new AtomicInteger();
        ThreadFactory platform = r -> new Thread(r, "bench-pt-" + n.getAndIncrement());
        return Workloads.threadedGet(WORKLOAD, PLATFORM, d, PLATFORM_THREADS, platform, new SharedLatencyRecorder(),
                millis, prefix);
    }

    /**
     * Runs the workload in a child JVM on a JDK 21+ against the same server, with this JVM's heap and collector
     * settings, and returns its samples.
     *
     * @param host the server host
     * @param port the server port
     * @param rounds rounds
     * @param scale the runner's scale
     * @return the samples; empty, with a warning, when no JDK 21+ is found
     * @throws VerificationException when the child failed
     */
    static List<Sample> inChildJvm(String host, int port, int rounds, double scale) {
        Optional<Path> jdk = findJdk();
        if (jdk.isEmpty()) {
            log.warn("{} skipped: this JVM is Java {} and no JDK 21+ was found (-D{}, JAVA_HOME, /usr/lib/jvm)",
                    WORKLOAD, Runtime.version().feature(), JDK_PROPERTY);
            return List.of();
        }
        Path samples;
        try {
            samples = Files.createTempFile("respkit-vthreads-", ".tsv");
        } catch (IOException e) {
            throw new VerificationException(WORKLOAD + ": cannot create the samples file: " + e, e);
        }
        try {
            List<String> command = new ArrayList<>();
            command.add(jdk.get().resolve("bin").resolve("java").toString());
            for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (arg.startsWith("-Xm") || arg.startsWith("-XX:+Use") && arg.endsWith("GC")) {
                    command.add(arg);
                }
            }
            command.addAll(List.of("-cp", System.getProperty("surefire.test.class.path",
                    System.getProperty("java.class.path")), BenchmarkRunner.class.getName(), "--host", host, "--port",
                    Integer.toString(port), "--rounds", Integer.toString(rounds), "--scale", Double.toString(scale),
                    "--only", WORKLOAD, "--no-redis-benchmark", "--samples", samples.toString()));
            log.info("{} runs on {} in a child JVM (this one is Java {})", WORKLOAD, jdk.get(),
                    Runtime.version().feature());
            Process child = new ProcessBuilder(command).inheritIO().start();
            if (!child.waitFor(30, TimeUnit.MINUTES)) {
                child.destroyForcibly();
                throw new VerificationException(WORKLOAD + ": the child JVM did not end within 30 minutes");
            }
            if (child.exitValue() != 0) {
                throw new VerificationException(WORKLOAD + ": the child JVM on " + jdk.get() + " exited with "
                        + child.exitValue());
            }
            return read(samples);
        } catch (IOException e) {
            throw new VerificationException(WORKLOAD + ": cannot run the child JVM: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VerificationException(WORKLOAD + ": interrupted while the child JVM ran", e);
        } finally {
            try {
                Files.deleteIfExists(samples);
            } catch (IOException e) {
                log.debug("Cannot delete {}: {}", samples, e.toString());
            }
        }
    }

    /**
     * Writes samples for a parent JVM, one per line, tab-separated.
     *
     * @param samples the samples
     * @param file where
     * @throws IOException when it cannot be written
     */
    static void write(List<Sample> samples, Path file) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Sample s : samples) {
            sb.append(s.workload()).append('\t').append(s.contender()).append('\t').append(s.operations())
                    .append('\t').append(s.nanos()).append('\t').append(s.p50Micros()).append('\t')
                    .append(s.p99Micros()).append('\t').append(s.bytesPerOp()).append('\t').append(s.lost())
                    .append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    /**
     * Reads what {@link #write} wrote.
     *
     * @param file the file
     * @return the samples
     * @throws IOException when it cannot be read
     */
    static List<Sample> read(Path file) throws IOException {
        List<Sample> samples = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            samples.add(new Sample(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), Double.parseDouble(f[4]),
                    Double.parseDouble(f[5]), Double.parseDouble(f[6]), Long.parseLong(f[7])));
        }
        return samples;
    }

    /**
     * Finds a JDK 21+ for the child JVM: {@code -Drespkit.jdk21.home}, then {@code JAVA_HOME}, then the newest
     * under {@code /usr/lib/jvm}. The version is read from the JDK's {@code release} file.
     *
     * @return its home, or empty
     */
    static Optional<Path> findJdk() {
        List<Path> homes = new ArrayList<>();
        String property = System.getProperty(JDK_PROPERTY);
        if (property != null && !property.isBlank()) {
            homes.add(Path.of(property));
        }
        String env = System.getenv("JAVA_HOME");
        if (env != null && !env.isBlank()) {
            homes.add(Path.of(env));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> dirs = Files.list(jvms)) {
                dirs.filter(Files::isDirectory).filter(d -> !Files.isSymbolicLink(d))
                        .sorted(Comparator.comparingInt(VirtualThreadsGet::feature).reversed()).forEach(homes::add);
            } catch (IOException e) {
                log.debug("Cannot list {}: {}", jvms, e.toString());
            }
        }
        return homes.stream().filter(h -> feature(h) >= 21 && Files.isExecutable(h.resolve("bin").resolve("java")))
                .findFirst();
    }

    private static int feature(Path home) {
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
