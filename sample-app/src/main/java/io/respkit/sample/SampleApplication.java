package io.respkit.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.HashMap;
import java.util.Map;

/**
 * The respkit sample: walks through the seed tutorial (keys, strings, counters, hashes, lists, sets, sorted sets, a
 * queue, pub/sub radio channels, a stream consumer group, pipelines and a {@code @Cacheable} service) the Spring way,
 * then exits. It uses Redis on localhost:6379, or
 * {@code redis.url} when given; when nothing answers it starts a throwaway local Redis and stops it on exit. With
 * {@code redis.cluster.nodes} it runs the same demo on that Redis Cluster, with {@code redis.sentinel.master} and
 * {@code redis.sentinel.nodes} on the primary those sentinels name, and never starts a throwaway server then.
 *
 * <p>Not meant to be shared between threads; {@code main} runs once.
 */
@SpringBootApplication
@EnableCaching
public class SampleApplication {

    /**
     * Runs the demo and exits with 0 when it completed.
     *
     * @param args Spring Boot arguments, e.g. {@code --redis.url=redis://127.0.0.1:6380} or
     *             {@code --redis.cluster.nodes=127.0.0.1:7000,127.0.0.1:7001} or
     *             {@code --redis.sentinel.master=mymaster --redis.sentinel.nodes=127.0.0.1:26379,127.0.0.1:26380}
     */
    public static void main(String[] args) {
        // A cluster or a Sentinel setup is the user's own: there is nothing to start in its place when it does not
        // answer.
        boolean configured = System.getProperty("redis.url") != null || clusterNodesGiven(args)
                || sentinelMasterGiven(args);
        String host = "localhost";
        int port = 6379;
        for (String arg : args) {
            configured |= arg.startsWith("--redis.url=");
            if (arg.startsWith("--redis.host=")) {
                host = arg.substring("--redis.host=".length());
            } else if (arg.startsWith("--redis.port=")) {
                port = Integer.parseInt(arg.substring("--redis.port=".length()));
            }
        }
        try (ThrowawayRedis redis = configured ? null : ThrowawayRedis.ensure(host, port)) {
            SpringApplication app = new SpringApplication(SampleApplication.class);
            Map<String, Object> defaults = new HashMap<>();
            if (redis != null && redis.url() != null) {
                defaults.put("redis.url", redis.url());
                defaults.put("sample.throwaway-server", true);
            }
            app.setDefaultProperties(defaults);
            int exit;
            try (ConfigurableApplicationContext context = app.run(args)) {
                exit = context.getBean(DemoReport.class).completed() ? 0 : 1;
            }
            System.exit(exit);
        }
    }

    /**
     * Tells whether cluster mode is asked for, as an argument, a system property or an environment variable.
     *
     * @param args the command-line arguments
     * @return {@code true} when {@code redis.cluster.nodes} is given
     */
    static boolean clusterNodesGiven(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("--redis.cluster.nodes=") && arg.length() > "--redis.cluster.nodes=".length()) {
                return true;
            }
        }
        return notBlank(System.getProperty("redis.cluster.nodes")) || notBlank(System.getenv("REDIS_CLUSTER_NODES"));
    }

    /**
     * Tells whether Sentinel mode is asked for, as an argument, a system property or an environment variable.
     *
     * @param args the command-line arguments
     * @return {@code true} when {@code redis.sentinel.master} is given
     */
    static boolean sentinelMasterGiven(String[] args) {
        String option = "--redis.sentinel.master=";
        for (String arg : args) {
            if (arg.startsWith(option) && notBlank(arg.substring(option.length()))) {
                return true;
            }
        }
        return notBlank(System.getProperty("redis.sentinel.master"))
                || notBlank(System.getenv("REDIS_SENTINEL_MASTER"));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
