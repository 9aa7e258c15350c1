package io.respkit.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.respkit.spring.listener.ListenerDeliveryObserver;
import io.respkit.spring.listener.RedisMessage;

import java.util.Locale;

/**
 * Records each delivery to a {@code @RedisListener} method as a Micrometer {@link Observation} named {@value #NAME},
 * with OpenTelemetry's messaging conventions: low-cardinality {@code messaging.system=redis},
 * {@code messaging.operation.name=process}, {@code messaging.destination.name} (the channel or queue),
 * {@code messaging.consumer.group.name} (the listener id), {@code redis.listener.kind}, {@code outcome} and
 * {@code error.type}. Payloads are never recorded.
 *
 * <p>Thread-safe.
 */
public final class MicrometerListenerDeliveryObserver implements ListenerDeliveryObserver {

    /** The observation's name. */
    public static final String NAME = "messaging.process";

    private final ObservationRegistry registry;

    /**
     * Creates the observer.
     *
     * @param registry where observations go
     */
    public MicrometerListenerDeliveryObserver(ObservationRegistry registry) {
        this.registry = registry;
    }

    /** A delivery that records nothing: without a registry, or with a no-op one. */
    private static final Delivery NOTHING = new Delivery() {
        @Override
        public void succeeded() {
        }

        @Override
        public void failed(Throwable error) {
        }
    };

    @Override
    public Delivery start(String listenerId, RedisMessage<?> message) {
        if (registry == null || registry.isNoop()) {
            return NOTHING;
        }
        Observation o = Observation.createNotStarted(NAME, registry)
                .contextualName("process " + message.source())
                .lowCardinalityKeyValue("messaging.system", "redis")
                .lowCardinalityKeyValue("messaging.operation.name", "process")
                .lowCardinalityKeyValue("messaging.destination.name", message.source())
                .lowCardinalityKeyValue("messaging.consumer.group.name", listenerId)
                .lowCardinalityKeyValue("redis.listener.kind", message.kind().name().toLowerCase(Locale.ROOT))
                .start();
        return new Delivery() {
            @Override
            public void succeeded() {
                o.lowCardinalityKeyValue("outcome", "success").lowCardinalityKeyValue("error.type", "none").stop();
            }

            @Override
            public void failed(Throwable error) {
                o.lowCardinalityKeyValue("outcome", "failure")
                        .lowCardinalityKeyValue("error.type", error.getClass().getSimpleName());
                o.error(error);
                o.stop();
            }
        };
    }
}
