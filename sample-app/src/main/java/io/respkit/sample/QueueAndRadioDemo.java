package io.respkit.sample;

import io.respkit.spring.core.RedisTemplate;
import io.respkit.spring.listener.annotation.Channel;
import io.respkit.spring.listener.annotation.RedisListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The tutorial's queue and pub/sub sections: a producer LPUSHes to {@code my_queue} and a
 * {@code @RedisListener(queue = "my_queue")} consumes it in order; a publisher posts to {@code fm97.5},
 * {@code fm80.5} and {@code fm77.5} and three listeners subscribe as the tutorial's three users do.
 *
 * <p>On a Redis Cluster the queue is one key, so it works as on one server; a {@code PUBLISH} reaches the
 * subscribers of every node, but {@code PUBSUB NUMSUB} counts only those of the node asked, so the publisher waits
 * for the listeners another way (see {@link #runRadio()}), and a {@code PUBLISH}'s reply counts only the subscribers
 * of the node it went to. Messages published through different nodes travel the cluster bus separately, so a
 * listener may hear a channel's broadcasts out of order there.
 *
 * <p>Thread-safe: listener methods run on listener threads and only record into the thread-safe report.
 */
@Component
public class QueueAndRadioDemo {

    static final List<String> JOBS = List.of("job-0", "job-1", "job-2", "job-3", "job-4");
    static final List<String> BROADCASTS = List.of("fm97.5", "fm80.5", "fm77.5", "fm97.5", "fm77.5", "fm80.5");

    private static final Logger log = LoggerFactory.getLogger(QueueAndRadioDemo.class);
    /** The start of the messages that only check that a listener hears its channel; not part of the demo. */
    private static final String PROBE = "probe:";
    /** Each user's channels, as "user/channel", for the probes. */
    private static final Set<String> SUBSCRIPTIONS = Set.of("zhangsan/fm97.5", "zhangsan/fm77.5", "lisi/fm80.5",
            "wangwu/fm97.5");

    private final RedisTemplate<String> redis;
    private final DemoReport report;
    private final Set<String> probed = ConcurrentHashMap.newKeySet();

    QueueAndRadioDemo(RedisTemplate<String> redis, DemoReport report) {
        this.redis = redis;
        this.report = report;
    }

    /** The consumer: BRPOP on a dedicated connection, FIFO with the LPUSH producer below. */
    @RedisListener(id = "my-queue-consumer", queue = "my_queue")
    void consume(String job) {
        log.info("consumer took {}", job);
        report.consumed(job);
    }

    @RedisListener(id = "zhangsan", channels = {"fm97.5", "fm77.5"})
    void zhangsan(String message, @Channel String channel) {
        hear("zhangsan", channel, message);
    }

    @RedisListener(id = "lisi", channels = "fm80.5")
    void lisi(String message, @Channel String channel) {
        hear("lisi", channel, message);
    }

    @RedisListener(id = "wangwu", channels = "fm97.5")
    void wangwu(String message, @Channel String channel) {
        hear("wangwu", channel, message);
    }

    private void hear(String user, String channel, String message) {
        if (message.startsWith(PROBE)) {
            probed.add(user + "/" + channel);
            return;
        }
        log.info("user {} heard on {}: {}", user, channel, message);
        report.heard(user, channel + ": " + message);
    }

    void runQueue() {
        for (String job : JOBS) {
            redis.lpush("my_queue", job);
            log.info("producer pushed {}", job);
        }
        await("the consumer to take every job", () -> report.consumed().size() >= JOBS.size());
    }

    /**
     * Publishes the broadcasts once every listener is subscribed (subscriptions are made asynchronously at
     * start-up). On one server, {@code PUBSUB NUMSUB} tells; on a cluster it counts only the subscribers of the node
     * it is sent to, which need not be the listeners' node, so probe messages (not recorded) are published until
     * each user heard one on each of its channels.
     */
    void runRadio() {
        if (redis.isCluster()) {
            await("the radio listeners to hear a probe", () -> {
                for (String channel : List.of("fm97.5", "fm80.5", "fm77.5")) {
                    redis.publish(channel, PROBE + channel);
                }
                return probed.containsAll(SUBSCRIPTIONS);
            });
        } else {
            await("the radio listeners to subscribe", () -> {
                Map<String, Long> subscribers = redis.pubsubNumsub("fm97.5", "fm80.5", "fm77.5");
                return subscribers.values().stream().allMatch(n -> n > 0);
            });
        }
        for (int i = 0; i < BROADCASTS.size(); i++) {
            String channel = BROADCASTS.get(i);
            long receivers = redis.publish(channel, "broadcast #" + i);
            // On a cluster the reply counts only the subscribers of the node that took the PUBLISH.
            log.info("published broadcast #{} on {} to {} subscriber(s){}", i, channel, receivers,
                    redis.isCluster() ? " of the node it went to" : "");
        }
        await("every listener to hear its channels", () -> heardCount("zhangsan") == 4 && heardCount("lisi") == 2
                && heardCount("wangwu") == 2);
    }

    private int heardCount(String user) {
        List<String> heard = report.heard().get(user);
        return heard == null ? 0 : heard.size();
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + what, e);
            }
        }
    }
}
