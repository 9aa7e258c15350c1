package io.respkit.sample;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * With {@code --sample.trace=true}, exports every Redis call of the demo to the log as a finished observation: the
 * starter records each command, pipeline round and transaction of its {@code RedisClient} as a Micrometer
 * Observation ({@code db.client.operation}) once an {@link ObservationRegistry} bean exists; this one logs them, where
 * a real application would hand them to a tracer (e.g. {@code micrometer-tracing-bridge-otel}).
 *
 * <p>Thread-safe: the handler keeps no state of its own.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "sample.trace", havingValue = "true")
public class TraceLogging {

    private static final Logger log = LoggerFactory.getLogger("io.respkit.sample.trace");

    /**
     * A registry whose one handler logs each observation as it stops.
     *
     * @return the registry
     */
    @Bean
    ObservationRegistry observationRegistry() {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<Observation.Context>() {
            @Override
            public void onStart(Observation.Context context) {
                context.put(Long.class, System.nanoTime());
            }

            @Override
            public void onStop(Observation.Context context) {
                Long start = context.get(Long.class);
                long micros = start == null ? -1 : (System.nanoTime() - start) / 1_000;
                String tags = StreamSupport.stream(context.getAllKeyValues().spliterator(), false)
                        .map(kv -> kv.getKey() + "=" + kv.getValue()).collect(Collectors.joining(" "));
                log.info("span {} '{}' {} us {}", context.getName(), context.getContextualName(), micros, tags);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        return registry;
    }
}
