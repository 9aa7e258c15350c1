package io.respkit.sample;

import io.respkit.sentinel.SentinelConfig;
import io.respkit.spring.core.RedisTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Runs the demo's sections in the tutorial's order once the application has started, then marks the report
 * complete; {@code main} then closes the context and exits.
 *
 * <p>Thread-safe: runs once, on the main thread.
 */
@Component
public class DemoRunner implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoRunner.class);

    private final DataTypesDemo dataTypes;
    private final QueueAndRadioDemo queueAndRadio;
    private final PipelineDemo pipelines;
    private final DemoReport report;
    private final RedisTemplate<String> redis;
    private final SentinelConfig sentinel;
    private final StreamDemo streams;
    private final QuoteService quotes;

    DemoRunner(DataTypesDemo dataTypes, QueueAndRadioDemo queueAndRadio, PipelineDemo pipelines, DemoReport report,
               RedisTemplate<String> redis, ObjectProvider<SentinelConfig> sentinel, ObjectProvider<StreamDemo> streams,
               QuoteService quotes) {
        this.redis = redis;
        this.streams = streams.getIfAvailable();
        this.quotes = quotes;
        this.sentinel = sentinel.getIfUnique();
        this.dataTypes = dataTypes;
        this.queueAndRadio = queueAndRadio;
        this.pipelines = pipelines;
        this.report = report;
    }

    @Override
    public void run(ApplicationArguments args) {
        report.result("cluster", redis.isCluster());
        report.result("sentinel master", sentinel != null ? sentinel.masterName() : null);
        log.info("=== on {}", redis.isCluster() ? "a Redis Cluster" : sentinel != null ? "the primary of Sentinel "
                + "master '" + sentinel.masterName() + "', at " + redis.client().pool().config().address()
                : "one Redis server");
        log.info("=== keys, strings, counters, hashes, lists, sets, sorted sets");
        dataTypes.run();
        log.info("=== queue: LPUSH producer, @RedisListener(queue) consumer");
        queueAndRadio.runQueue();
        log.info("=== pub/sub: three users listening to fm97.5, fm80.5 and fm77.5");
        queueAndRadio.runRadio();
        if (streams != null) {
            log.info("=== stream: XADD producer, @RedisListener(stream, group) consumer");
            streams.run();
        } else {
            log.info("=== stream: skipped, stream listeners do not run on a Redis Cluster yet");
        }
        log.info("=== pipelines");
        pipelines.run();
        log.info("=== cache: @Cacheable called twice, loaded once");
        quotes.forget("sku-7");
        report.result("cached quote 1", quotes.quote("sku-7"));
        report.result("cached quote 2", quotes.quote("sku-7"));
        report.result("quote loads", quotes.loads());
        report.complete();
        log.info("=== demo complete; heard: {}", report.heard());
    }
}
