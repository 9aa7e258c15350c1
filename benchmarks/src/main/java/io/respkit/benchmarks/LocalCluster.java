package io.respkit.benchmarks;

import io.respkit.RedisClient;
import io.respkit.connection.RedisConfig;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway Redis Cluster of primaries only, for the cluster workloads: one {@code redis-server --cluster-enabled
 * yes} per primary from the PATH on free loopback ports, the 16,384 slots split evenly with
 * {@code CLUSTER ADDSLOTSRANGE}, joined with {@code CLUSTER MEET}, and ready once every node reports
 * {@code cluster_state:ok} and knows every other. Persistence is off; every process is stopped by its PID.
 *
 * <p>Deliberately minimal (no replicas, kills or migrations: {@code io.respkit.test.RedisCluster} in redis-core's
 * test code has those): {@code run.sh} runs the benchmarks from the module's runtime class path, where that test
 * code is not.
 *
 * <p>Not thread-safe.
 */
public final class LocalCluster implements AutoCloseable {

    private static final int SLOTS = 16_384;
    /** A node also listens on port + 10,000 (its cluster bus), so ports stay below 55,536. */
    private static final int BUS_OFFSET = 10_000;
    private static final long READY_SECONDS = 30;

    private final List<Node> nodes = new ArrayList<>();

    private record Node(Process process, int port, Path dir) {
    }

    private LocalCluster() {
    }

    /**
     * Starts a cluster of {@code primaries} primaries and waits until it is ready.
     *
     * @param primaries how many primaries, 1 to 16,384
     * @return the running cluster
     * @throws IllegalArgumentException when {@code primaries} is out of range
     * @throws IllegalStateException when {@code redis-server} is missing or the cluster is not ready within 30 s
     */
    public static LocalCluster start(int primaries) {
        if (primaries < 1 || primaries > SLOTS) {
            throw new IllegalArgumentException("primaries must be 1 to 16384, was " + primaries);
        }
        LocalCluster cluster = new LocalCluster();
        try {
            for (int i = 0; i < primaries; i++) {
                cluster.nodes.add(launch());
            }
            cluster.form();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** @return the loopback address every node listens on */
    public String host() {
        return "127.0.0.1";
    }

    /** @return the nodes' ports, in start order */
    public List<Integer> ports() {
        return nodes.stream().map(Node::port).toList();
    }

    private void form() {
        for (int i = 0; i < nodes.size(); i++) {
            int start = (int) ((long) i * SLOTS / nodes.size());
            int end = (int) ((long) (i + 1) * SLOTS / nodes.size()) - 1;
            // Distinct config epochs up front, as redis-cli does, rather than waiting for collision resolution.
            call(nodes.get(i), "CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1));
            call(nodes.get(i), "CLUSTER", "ADDSLOTSRANGE", Integer.toString(start), Integer.toString(end));
        }
        for (Node n : nodes.subList(1, nodes.size())) {
            call(n, "CLUSTER", "MEET", host(), Integer.toString(nodes.get(0).port()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(READY_SECONDS);
        String problem = notReady();
        while (problem != null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cluster not ready after " + READY_SECONDS + " s: " + problem);
            }
            pause();
            problem = notReady();
        }
    }

    /** Returns what is still off, or {@code null} when every node is ok and knows all the others. */
    private String notReady() {
        for (Node n : nodes) {
            String info = String.valueOf(call(n, "CLUSTER", "INFO"));
            if (!info.contains("cluster_state:ok")) {
                return "node " + n.port() + " is not in cluster_state:ok";
            }
            if (!info.matches("(?s).*\\bcluster_known_nodes:" + nodes.size() + "\\b.*")) {
                return "node " + n.port() + " does not know all " + nodes.size() + " nodes yet";
            }
        }
        return null;
    }

    private Object call(Node n, String... command) {
        try (RedisClient<String> c = RedisClient.create(RedisConfig.builder().host(host()).port(n.port()).build())) {
            return c.execute(command[0], (Object[]) Arrays.copyOfRange(command, 1, command.length));
        }
    }

    private static Node launch() {
        IllegalStateException last = null;
        // Another process may take a port between the check and redis-server's bind: then try another pair.
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                return launch(freePortPair());
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    private static Node launch(int port) {
        try {
            Path dir = Files.createTempDirectory("respkit-bench-cluster");
            Process p = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                    "--cluster-enabled", "yes", "--cluster-config-file", dir.resolve("nodes.conf").toString(),
                    "--logfile", dir.resolve("redis.log").toString()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
            Node node = new Node(p, port, dir);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    stop(node);
                    throw new IllegalStateException("redis-server on port " + port + " exited with "
                            + p.exitValue());
                }
                try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    return node;
                } catch (IOException notYet) {
                    pause();
                }
            }
            stop(node);
            throw new IllegalStateException("redis-server did not accept connections on port " + port + " in 10 s");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start redis-server from the PATH: " + e.getMessage(), e);
        }
    }

    private static int freePortPair() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 200; i++) {
            int candidate = random.nextInt(20_000, 30_000);
            if (bindable(candidate) && bindable(candidate + BUS_OFFSET)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free loopback port pair (port, port + 10000) for a cluster node");
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cluster", e);
        }
    }

    /** Stops every node by its process id and waits for it to exit. */
    @Override
    public void close() {
        for (Node n : nodes) {
            stop(n);
        }
        nodes.clear();
    }

    private static void stop(Node n) {
        n.process().destroy();
        try {
            if (!n.process().waitFor(5, TimeUnit.SECONDS)) {
                n.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.list(n.dir())) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(n.dir());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
