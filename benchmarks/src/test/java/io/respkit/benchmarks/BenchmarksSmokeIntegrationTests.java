package io.respkit.benchmarks;

import io.respkit.benchmarks.jmh.ClientBenchmarks;
import io.respkit.benchmarks.jmh.MultiThreadedGetBenchmarks;
import io.respkit.test.RedisServer;
import io.respkit.test.RedisServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke pass CI runs: every workload against every contender with tiny counts on a real server, so the
 * benchmarks are known to compile, run and verify every reply. It times nothing and asserts no speed.
 */
@ExtendWith(RedisServerExtension.class)
class BenchmarksSmokeIntegrationTests {

    @Test
    void everyWorkloadRunsForEveryContenderAndVerifiesItsReplies(RedisServer server, @TempDir Path dir)
            throws Exception {
        Report report = BenchmarkRunner.run(server.host(), server.port(),
                new BenchmarkRunner.Options(1, 0.002, false, List.of()));

        Map<String, Map<String, List<Sample>>> samples = report.samples();
        // vthreads_get needs Java 21+: on an older JVM it runs in a child JVM on a JDK 21+, and is skipped (with a
        // warning) only when the machine has none.
        boolean virtualThreads = VirtualThreadsGet.inProcess() || VirtualThreadsGet.findJdk().isPresent();
        List<String> workloads = new ArrayList<>(List.of("seq_set_get", "pipeline_set", "pipeline_get",
                "mt_get_16", "mt_get_64", "hash_mix", "pubsub", "queue", "stream"));
        if (virtualThreads) {
            workloads.add(VirtualThreadsGet.WORKLOAD);
        }
        assertThat(samples).containsOnlyKeys(workloads);
        List<String> everyone = List.of("respkit", "jedis", "lettuce", "spring-data-redis");
        samples.forEach((workload, byContender) -> assertThat(byContender).as(workload).containsKeys(
                workload.equals("stream") ? new String[] {"respkit", "spring-data-redis"}
                        : workload.equals(VirtualThreadsGet.WORKLOAD)
                        ? new String[] {VirtualThreadsGet.VIRTUAL, VirtualThreadsGet.PLATFORM}
                        : everyone.toArray(String[]::new)));
        // Jedis and Lettuce have no stream listener: the stream workload compares the listeners only.
        assertThat(samples.get("stream")).containsOnlyKeys("respkit", "respkit-batch", "spring-data-redis");
        samples.get("stream").values().stream().flatMap(List::stream).forEach(s ->
                assertThat(s.operations()).as(s.toString()).isEqualTo(200));
        assertThat(samples.get("mt_get_64")).containsKey("respkit-mux");
        assertThat(samples.get("queue")).containsKeys("respkit @RedisListener",
                "respkit @RedisListener batch=" + Contenders.LISTENER_BATCH);
        samples.values().stream().flatMap(m -> m.values().stream()).flatMap(List::stream).forEach(s -> {
            assertThat(s.operations()).as(s.toString()).isPositive();
            assertThat(s.lost()).as(s.toString()).isLessThanOrEqualTo(0);
        });

        Path md = dir.resolve("benchmarks.md");
        Files.writeString(md, "# Benchmarks\n\nintro\n\n" + Report.BEGIN + "\nold\n" + Report.END + "\n\nanalysis\n");
        report.writeTo(md, "smoke run");
        String text = Files.readString(md);
        assertThat(text).startsWith("# Benchmarks\n\nintro\n\n").endsWith("\nanalysis\n").doesNotContain("\nold\n")
                .contains("### pipeline_set", "| respkit |", "| jedis |", "pipeline_set: default mode vs Jedis",
                        "CPU ns/op", "smoke run");
    }

    @Test
    void clusterWorkloadsRunForEveryContenderOnAClusterOfTheirOwnAndVerifyTheirReplies(RedisServer server) {
        Report report;
        try (LocalCluster cluster = LocalCluster.start(BenchmarkRunner.CLUSTER_PRIMARIES)) {
            assertThat(cluster.ports()).hasSize(3).allMatch(p -> p <= 55_535);
            BenchmarkRunner.Options options = new BenchmarkRunner.Options(1, 0.002, false,
                    BenchmarkRunner.CLUSTER_WORKLOADS);
            assertThat(BenchmarkRunner.needsCluster(options)).isTrue();
            report = BenchmarkRunner.run(server.host(), server.port(), cluster.ports(), options);
        }

        Map<String, Map<String, List<Sample>>> samples = report.samples();
        assertThat(samples).containsOnlyKeys("cluster_pipeline_set", "cluster_mt_get_64");
        assertThat(samples.get("cluster_pipeline_set")).containsOnlyKeys("respkit", "jedis", "lettuce");
        assertThat(samples.get("cluster_mt_get_64")).containsOnlyKeys("respkit", "respkit-mux", "jedis", "lettuce");
        samples.values().stream().flatMap(m -> m.values().stream()).flatMap(List::stream).forEach(s ->
                assertThat(s.operations()).as(s.toString()).isPositive());
        assertThat(samples.get("cluster_pipeline_set").get("jedis").get(0).operations()).isEqualTo(400);
        assertThat(report.render("smoke run")).contains("### cluster_pipeline_set", "### cluster_mt_get_64")
                .doesNotContain("### Targets");
    }

    @Test
    void streamWorkloadAloneConsumesAndAcknowledgesEveryEntryForEveryContender(RedisServer server) {
        Report report = BenchmarkRunner.run(server.host(), server.port(),
                new BenchmarkRunner.Options(1, 0.0005, false, List.of("stream")));

        assertThat(report.samples()).containsOnlyKeys("stream");
        assertThat(report.samples().get("stream")).containsOnlyKeys("respkit", "respkit-batch", "spring-data-redis");
        report.samples().get("stream").values().stream().flatMap(List::stream).forEach(s -> {
            assertThat(s.operations()).as(s.toString()).isEqualTo(50);
            assertThat(s.lost()).as(s.toString()).isZero();
        });
        assertThat(report.render("smoke run")).contains("### stream", "| respkit-batch |",
                "stream: respkit StreamConsumer vs Spring StreamMessageListenerContainer");
    }

    @Test
    void virtualThreadsWorkloadAloneRunsBothRowsOnAJdkWithVirtualThreads(RedisServer server) {
        Report report = BenchmarkRunner.run(server.host(), server.port(),
                new BenchmarkRunner.Options(1, 0.002, false, List.of(VirtualThreadsGet.WORKLOAD)));

        assertThat(VirtualThreadsGet.inProcess() || VirtualThreadsGet.findJdk().isPresent())
                .as("a JDK 21+ to run %s on (CI machines have Temurin 25)", VirtualThreadsGet.WORKLOAD).isTrue();
        assertThat(report.samples()).containsOnlyKeys(VirtualThreadsGet.WORKLOAD);
        assertThat(report.samples().get(VirtualThreadsGet.WORKLOAD)).containsOnlyKeys(VirtualThreadsGet.VIRTUAL,
                VirtualThreadsGet.PLATFORM);
        report.samples().get(VirtualThreadsGet.WORKLOAD).values().stream().flatMap(List::stream).forEach(s -> {
            assertThat(s.operations()).as(s.toString()).isPositive();
            assertThat(s.p99Micros()).as(s.toString()).isPositive();
        });
        assertThat(report.render("smoke run")).contains("### vthreads_get", "| respkit, 2,000 virtual threads |",
                "vthreads_get: 2000 virtual threads vs 64 platform threads");
    }

    @Test
    void samplesSurviveTheTripFromAChildJvm(@TempDir Path dir) throws Exception {
        List<Sample> written = List.of(new Sample("vthreads_get", "respkit, 2,000 virtual threads", 1234, 5678, 12.0,
                Double.NaN, 321.5, -1));
        Path file = dir.resolve("samples.tsv");
        VirtualThreadsGet.write(written, file);
        assertThat(VirtualThreadsGet.read(file)).isEqualTo(written);
    }

    @Test
    void singleServerRunsNeedNoCluster() {
        assertThat(BenchmarkRunner.needsCluster(new BenchmarkRunner.Options(1, 1, false, List.of("pipeline_set"))))
                .isFalse();
        assertThat(BenchmarkRunner.needsCluster(new BenchmarkRunner.Options(1, 1, false, List.of()))).isTrue();
    }

    @Test
    void jmhBenchmarkMethodsRunAndVerifyForEveryContender(RedisServer server) {
        System.setProperty("bench.port", Integer.toString(server.port()));
        try {
            for (String client : List.of("respkit", "jedis", "lettuce", "spring-data-redis")) {
                ClientBenchmarks b = new ClientBenchmarks();
                b.client = client;
                b.setUp();
                try {
                    assertThat(b.pipelineSet()).isEqualTo(1_000);
                    assertThat(b.pipelineGet()).startsWith("value:");
                    assertThat(b.setGet()).startsWith("value:");
                    assertThat(b.hashMix()).isEqualTo(8);
                } finally {
                    b.tearDown();
                }
            }
            for (String client : List.of("respkit", "respkit-mux", "jedis", "lettuce", "spring-data-redis")) {
                MultiThreadedGetBenchmarks b = new MultiThreadedGetBenchmarks();
                b.client = client;
                b.setUp();
                try {
                    assertThat(b.get()).startsWith("value:");
                } finally {
                    b.tearDown();
                }
            }
        } finally {
            System.clearProperty("bench.port");
        }
    }

    @Test
    void payloadsAre64BytesAndCarryTheirSequenceNumber() {
        assertThat(Workloads.payload(42)).hasSize(64).startsWith("0000000042:");
    }

    @Test
    void latencyPercentilesComeFromTheRecordedBuckets() {
        LatencyRecorder r = new LatencyRecorder();
        for (int i = 1; i <= 100; i++) {
            r.record(i * 1_000L);
        }
        assertThat(r.count()).isEqualTo(100);
        assertThat(r.percentileMicros(50)).isEqualTo(51);
        assertThat(r.percentileMicros(99)).isEqualTo(100);
        assertThat(new LatencyRecorder().percentileMicros(50)).isNaN();
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertThat(Report.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(Report.median(new double[] {4, 1, 2, 3})).isEqualTo(2.5);
    }
}
