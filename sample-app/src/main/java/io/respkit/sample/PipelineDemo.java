package io.respkit.sample;

import io.respkit.PipelineOptions;
import io.respkit.exceptions.RedisPipelineException;
import io.respkit.spring.core.RedisTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The tutorial's pipeline section: several commands in one round trip, and a type error in the middle handled both
 * ways (raise after reading every reply, or errors as values).
 *
 * <p>The same code runs on a Redis Cluster: there the template's pipeline sends each command to the node of its
 * key's slot (the keys here are spread over slots on purpose), one round trip per node, and returns the results in
 * the order queued.
 *
 * <p>Thread-safe: stateless apart from the injected beans.
 */
@Component
public class PipelineDemo {

    private static final Logger log = LoggerFactory.getLogger(PipelineDemo.class);

    private final RedisTemplate<String> redis;
    private final DemoReport report;

    PipelineDemo(RedisTemplate<String> redis, DemoReport report) {
        this.redis = redis;
        this.report = report;
    }

    void run() {
        List<Object> sets = redis.pipelined(pipe -> {
            pipe.set("demo:k1", "v1");
            pipe.set("demo:k2", "v2");
            pipe.set("demo:k3", "v3");
            pipe.set("demo:k4", "v4");
        });
        show("pipeline sets", sets);
        show("pipeline gets", redis.pipelined(pipe -> {
            pipe.get("demo:k1");
            pipe.get("demo:k2");
            pipe.get("demo:k3");
            pipe.get("demo:k4");
        }));

        redis.set("demo:mykey", "hello");
        try {
            redis.pipelined(pipe -> {
                pipe.set("demo:key1", "value1");
                pipe.lpush("demo:mykey", "item");
                pipe.set("demo:key2", "value2");
            });
        } catch (RedisPipelineException e) {
            show("pipeline raise-on-error", "command #" + e.index() + " " + e.command() + " failed with " + e.code()
                    + "; all results " + e.results().size());
        }
        List<Object> values = redis.pipelined(PipelineOptions.DEFAULT.withRaiseOnError(false), pipe -> {
            pipe.set("demo:key1", "value1");
            pipe.lpush("demo:mykey", "item");
            pipe.set("demo:key2", "value2");
        });
        show("pipeline errors as values", values.stream()
                .map(v -> v instanceof Exception ? "error" : String.valueOf(v)).toList());
        redis.del("demo:k1", "demo:k2", "demo:k3", "demo:k4", "demo:mykey", "demo:key1", "demo:key2");
    }

    private void show(String step, Object value) {
        log.info("{} -> {}", step, value);
        report.result(step, value);
    }
}
