#!/usr/bin/env bash
# Runs respkit, Jedis, Lettuce and Spring Data Redis side by side on identical workloads against a redis-server of
# its own (a free loopback port, stopped by PID at the end), adds redis-benchmark's ceiling rows, and writes the
# medians, spreads and ratios into docs/benchmarks.md. Takes about 10 minutes on 2 cores. The cluster_* workloads
# (cluster_pipeline_set, cluster_mt_get_64) also start a local Redis Cluster of 3 primaries (free loopback ports,
# stopped by PID) and compare the cluster clients. vthreads_get needs Java 21+: when this java is older, the runner
# runs it in a child JVM on a JDK 21+ (JAVA_HOME when it is one, else the newest under /usr/lib/jvm).
#
#   benchmarks/run.sh                      # the full run: 3 interleaved rounds
#   benchmarks/run.sh --rounds 5 --only pipeline_set,mt_get_64 --out /tmp/b.md
#   benchmarks/run.sh --rounds 3 --only cluster_pipeline_set,cluster_mt_get_64 --out /tmp/cluster-bench.md
#   benchmarks/run.sh --rounds 3 --only vthreads_get --no-redis-benchmark --out /tmp/vthreads-bench.md
#   MVN_FLAGS=-o benchmarks/run.sh ...    # extra Maven flags for the build step, e.g. offline
#   benchmarks/run.sh --scale 0.01         # a quick pass, figures meaningless
#   benchmarks/run.sh --jmh [JMH options]  # the JMH benchmarks instead, with -prof gc (bytes per operation)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mvn -B -q ${MVN_FLAGS:-} -pl benchmarks -am -DskipTests package dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=runtime
CP="benchmarks/target/classes:$(cat benchmarks/target/bench.classpath)"
# A fixed heap, so no contender pays for heap growth the others did not.
JVM=(-Xms2g -Xmx2g -XX:+UseG1GC ${BENCH_JVM_OPTS:-})
if [ "${1:-}" = "--jmh" ]; then
    shift
    exec java "${JVM[@]}" -cp "$CP" org.openjdk.jmh.Main -prof gc -f 1 -wi 3 -w 2s -i 5 -r 3s "$@"
fi
exec java "${JVM[@]}" -cp "$CP" io.respkit.benchmarks.BenchmarkRunner "$@"
