package io.respkit.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code redis-benchmark} (from the PATH) against the same server for the ceiling rows, and reads its CSV.
 *
 * <p>Thread-safe: stateless.
 */
public final class RedisBenchmarkTool {

    private RedisBenchmarkTool() {
    }

    /** The workloads' values are {@code "value:" + i} for i up to 200,000: 7 to 12 bytes, mostly 11. */
    static final int VALUE_BYTES = 11;

    /** @return {@code true} when {@code redis-benchmark} can be run */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("redis-benchmark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs one {@code redis-benchmark} invocation.
     *
     * @param port the server's port on 127.0.0.1
     * @param clients {@code -c}
     * @param pipeline {@code -P}
     * @param requests {@code -n}
     * @param keyspace {@code -r}: keys are drawn at random from this many, so that SETs create keys and GETs read
     *                 them, as the contenders' workloads do
     * @param tests {@code -t}, e.g. {@code "set,get"}
     * @param workloads the report's workload name for each test, in the order of {@code tests}; {@code null} runs
     *                  a test (to fill the keyspace) without reporting it
     * @return one sample per reported test, named {@code redis-benchmark SET} and so on
     * @throws IllegalStateException when it fails
     */
    public static List<Sample> run(int port, int clients, int pipeline, int requests, int keyspace, String tests,
                                   String... workloads) {
        List<String> cmd = List.of("redis-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(port),
                "-c", Integer.toString(clients), "-P", Integer.toString(pipeline), "-n", Integer.toString(requests),
                "-r", Integer.toString(keyspace), "-d", Integer.toString(VALUE_BYTES), "-t", tests, "--csv");
        String[] names = tests.toUpperCase(java.util.Locale.ROOT).split(",");
        List<Sample> samples = new ArrayList<>();
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                int i = 0;
                while ((line = r.readLine()) != null) {
                    String[] f = line.replace("\"", "").split(",");
                    if (f.length < 7 || f[0].equals("test") || i >= workloads.length) {
                        continue;
                    }
                    String workload = workloads[i];
                    String test = names[i++];
                    if (workload == null) {
                        continue;
                    }
                    double rps = Double.parseDouble(f[1]);
                    double p50 = Double.parseDouble(f[4]) * 1000;
                    double p99 = Double.parseDouble(f[6]) * 1000;
                    long nanos = (long) (requests / rps * 1e9);
                    samples.add(new Sample(workload, "redis-benchmark " + test, requests, nanos,
                            pipeline > 1 ? Double.NaN : p50, pipeline > 1 ? Double.NaN : p99, Double.NaN, -1));
                }
            }
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException("redis-benchmark failed: " + String.join(" ", cmd));
            }
        } catch (IOException e) {
            throw new IllegalStateException("redis-benchmark failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return samples;
    }
}
