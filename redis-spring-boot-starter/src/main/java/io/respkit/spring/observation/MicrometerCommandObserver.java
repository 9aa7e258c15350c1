package io.respkit.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.respkit.connection.CommandObserver;
import io.respkit.connection.CommandObserver.QueryText;

/**
 * Records every call of a respkit client as a Micrometer {@link Observation} named {@value #NAME}, with OpenTelemetry's
 * database conventions: low-cardinality {@code db.system.name=redis}, {@code db.operation.name} (the command, or
 * {@code PIPELINE}/{@code MULTI}), {@code db.namespace} (the database index), {@code server.address},
 * {@code server.port}, {@code outcome} ({@code success}/{@code failure}) and {@code error.type} (the exception's simple
 * class name, {@code none} on success); high-cardinality {@code db.operation.batch.size} for a pipeline or transaction,
 * and {@code db.query.text} only when opted in ({@link QueryText#SANITIZED}: the command and its keys, each other
 * argument {@code ?}; {@link QueryText#FULL}: values too; credentials never, see {@link QueryText}). With Boot's
 * default handlers that is a timer (the {@code db.client.operation} duration histogram) and, with a tracer, a span per
 * call.
 *
 * <p>Thread-safe.
 */
public final class MicrometerCommandObserver implements CommandObserver {

    /** The observation's name. */
    public static final String NAME = "db.client.operation";

    private final ObservationRegistry registry;
    private final QueryText queryText;

    /**
     * Creates the observer; it records no query text.
     *
     * @param registry where observations go
     */
    public MicrometerCommandObserver(ObservationRegistry registry) {
        this(registry, QueryText.NONE);
    }

    /**
     * Creates the observer.
     *
     * @param registry where observations go
     * @param queryText how much of each call's arguments {@code db.query.text} shows; {@code null} for none
     */
    public MicrometerCommandObserver(ObservationRegistry registry, QueryText queryText) {
        this.registry = registry;
        this.queryText = queryText == null ? QueryText.NONE : queryText;
    }

    @Override
    public QueryText queryText() {
        return queryText;
    }

    /**
     * Tells whether observing costs anything: false for a no-op registry, so that a client is not wrapped for it.
     *
     * @return {@code true} when the registry records observations
     */
    public boolean isActive() {
        return registry != null && !registry.isNoop();
    }

    @Override
    public Call start(Operation op) {
        Observation o = Observation.createNotStarted(NAME, registry)
                .contextualName(op.name())
                .lowCardinalityKeyValue("db.system.name", "redis")
                .lowCardinalityKeyValue("db.operation.name", op.name())
                .lowCardinalityKeyValue("db.namespace", Integer.toString(op.database()))
                .lowCardinalityKeyValue("server.address", op.host())
                .lowCardinalityKeyValue("server.port", Integer.toString(op.port()));
        if (op.commands() != 1) {
            o.highCardinalityKeyValue("db.operation.batch.size", Integer.toString(op.commands()));
        }
        if (op.queryText() != null) {
            o.highCardinalityKeyValue("db.query.text", op.queryText());
        }
        o.start();
        return new Call() {
            @Override
            public void succeeded() {
                o.lowCardinalityKeyValue("outcome", "success").lowCardinalityKeyValue("error.type", "none").stop();
            }

            @Override
            public void failed(RuntimeException error) {
                o.lowCardinalityKeyValue("outcome", "failure")
                        .lowCardinalityKeyValue("error.type", error.getClass().getSimpleName());
                o.error(error);
                o.stop();
            }
        };
    }

    @Override
    public String toString() {
        return "MicrometerCommandObserver[" + NAME + ", queryText=" + queryText + "]";
    }
}
