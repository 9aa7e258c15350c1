package io.respkit.spring.listener.config;

import io.respkit.spring.listener.RedisListenerDefinitionException;
import io.respkit.spring.listener.RedisMessageHandler;
import io.respkit.spring.listener.RedisStreamHandler;
import io.respkit.spring.listener.adapter.PayloadConverter;

import java.nio.charset.Charset;
import java.util.List;

/**
 * One listener as the {@link RedisListenerEndpointRegistry} sees it: an id, what it listens to (its {@link Kind}
 * and the settings of that kind), which {@link RedisListenerContainerFactory} builds its container, and how to
 * build the {@link RedisMessageHandler} the container calls. {@link MethodRedisListenerEndpoint} describes a
 * {@code @RedisListener} method; an application may implement this interface to register listeners
 * programmatically with {@link RedisListenerEndpointRegistry#registerListenerContainer(RedisListenerEndpoint)}.
 *
 * <p>Settings left {@code null} take the container factory's defaults ({@code redis.listener.*}). The accessors of
 * a kind are read only by the factories of that kind; the others keep their defaults (empty, {@code null},
 * {@code false}).
 *
 * <p>Implementations must be immutable and thread-safe.
 */
public interface RedisListenerEndpoint {

    /**
     * What an endpoint listens to. Each kind names the bean of the container factory that serves it unless the
     * endpoint names another one.
     *
     * <p>Extension point: a new kind (as {@link #STREAM} was added) is a new constant here naming its default
     * factory bean, the accessors of its settings on {@link RedisListenerEndpoint} (defaulting to "not set"), a
     * {@link RedisListenerContainerFactory} whose {@link RedisListenerContainerFactory#supports(Kind)} accepts it,
     * and that factory's default bean in the listener auto-configuration. The registry needs no change.
     */
    enum Kind {
        /** Channels by name ({@code SUBSCRIBE}), see {@link RedisListenerEndpoint#channels()}. */
        CHANNELS(PubSubListenerContainerFactory.DEFAULT_BEAN_NAME),
        /** Channel patterns ({@code PSUBSCRIBE}), see {@link RedisListenerEndpoint#patterns()}. */
        PATTERNS(PubSubListenerContainerFactory.DEFAULT_BEAN_NAME),
        /** A list, see {@link RedisListenerEndpoint#queue()}. */
        QUEUE(QueueListenerContainerFactory.DEFAULT_BEAN_NAME),
        /** A stream read by a consumer group, see {@link RedisListenerEndpoint#stream()}. */
        STREAM(StreamListenerContainerFactory.DEFAULT_BEAN_NAME);

        private final String defaultContainerFactory;

        Kind(String defaultContainerFactory) {
            this.defaultContainerFactory = defaultContainerFactory;
        }

        /**
         * Returns the bean name of the container factory used for endpoints of this kind that name none.
         *
         * @return the bean name, e.g. {@code redisQueueListenerContainerFactory}
         */
        public String defaultContainerFactory() {
            return defaultContainerFactory;
        }
    }

    /**
     * Returns the listener id, unique in the application.
     *
     * @return the id
     */
    String id();

    /**
     * Returns what the endpoint listens to.
     *
     * @return the kind
     */
    Kind kind();

    /**
     * Builds the handler the container calls for each message, e.g. a method invoker.
     *
     * @param converter converts JSON payloads, or {@code null} when none is available
     * @param charset the connection charset, for text payloads and names
     * @return the handler, thread-safe
     * @throws RedisListenerDefinitionException naming the listener when the handler cannot be built (e.g. a method
     *         parameter that cannot be supplied)
     */
    RedisMessageHandler createMessageHandler(PayloadConverter converter, Charset charset);

    /**
     * {@link Kind#STREAM}: builds the handler the stream container calls for each entry or batch.
     *
     * @param converter converts JSON payloads, or {@code null} when none is available
     * @param charset the client's charset, to encode payloads for conversion
     * @return the handler, thread-safe
     * @throws RedisListenerDefinitionException naming the listener when the handler cannot be built
     * @throws UnsupportedOperationException by default: endpoints of other kinds have no stream handler
     */
    default RedisStreamHandler createStreamHandler(PayloadConverter converter, Charset charset) {
        throw new UnsupportedOperationException(describe() + " is not a stream listener");
    }

    /**
     * Describes the listener for error messages, e.g. its method.
     *
     * @return e.g. {@code com.example.Orders.onOrder(Order)}
     */
    default String describe() {
        return "endpoint '" + id() + "'";
    }

    /**
     * Returns the bean name of the container factory, or {@code null} for the default of the endpoint's kind
     * ({@link Kind#defaultContainerFactory()}).
     *
     * @return the bean name, or {@code null}
     */
    default String containerFactory() {
        return null;
    }

    /**
     * Returns whether the container starts with the application context.
     *
     * @return the flag, or {@code null} for the default
     */
    default Boolean autoStartup() {
        return null;
    }

    /**
     * Returns the bean name of the endpoint's {@link io.respkit.spring.listener.RedisListenerErrorHandler}.
     *
     * @return the bean name, or {@code null} for the factory's default error handler
     */
    default String errorHandler() {
        return null;
    }

    /**
     * {@link Kind#CHANNELS}: the channels to subscribe to by name.
     *
     * @return the channels, empty for other kinds
     */
    default List<String> channels() {
        return List.of();
    }

    /**
     * {@link Kind#PATTERNS}: the patterns to subscribe to.
     *
     * @return the patterns, empty for other kinds
     */
    default List<String> patterns() {
        return List.of();
    }

    /**
     * {@link Kind#QUEUE}: the list to consume.
     *
     * @return the list key, {@code null} for other kinds
     */
    default String queue() {
        return null;
    }

    /**
     * {@link Kind#QUEUE} and {@link Kind#STREAM}: the number of workers.
     *
     * @return the number, or {@code null} for the default
     */
    default Integer concurrency() {
        return null;
    }

    /**
     * {@link Kind#QUEUE}: whether consumption is reliable (processing lists, retries, dead letters).
     *
     * @return {@code true} for at-least-once delivery
     */
    default boolean reliable() {
        return false;
    }

    /**
     * {@link Kind#QUEUE}, reliable: the dead-letter list.
     *
     * @return the list, or {@code null} for {@code <queue>:dead}
     */
    default String deadLetterQueue() {
        return null;
    }

    /**
     * {@link Kind#QUEUE} (reliable) and {@link Kind#STREAM}: the total attempts per item.
     *
     * @return the number, or {@code null} for the default
     */
    default Integer maxAttempts() {
        return null;
    }

    /**
     * {@link Kind#QUEUE}: the most items a worker takes per round trip; {@link Kind#STREAM}: the read COUNT.
     *
     * @return the number, or {@code null} for the default
     */
    default Integer batchSize() {
        return null;
    }

    /**
     * {@link Kind#STREAM}: the stream to consume.
     *
     * @return the stream's key, {@code null} for other kinds
     */
    default String stream() {
        return null;
    }

    /**
     * {@link Kind#STREAM}: the consumer group.
     *
     * @return the group, {@code null} for other kinds
     */
    default String group() {
        return null;
    }

    /**
     * {@link Kind#STREAM}: the consumer name.
     *
     * @return the name, or {@code null} for the engine's stable per-process default
     */
    default String consumer() {
        return null;
    }

    /**
     * {@link Kind#STREAM}: where a group created by the listener starts: {@code $}, {@code 0} or an entry id.
     *
     * @return the start id, or {@code null} for the default
     */
    default String startId() {
        return null;
    }

    /**
     * {@link Kind#STREAM}: the dead-letter stream.
     *
     * @return the key, or {@code null} for {@code <stream>:dead}
     */
    default String deadLetterStream() {
        return null;
    }

    /**
     * {@link Kind#STREAM}: the field holding the payload.
     *
     * @return the field, or {@code null} for {@code payload} or an entry's only field
     */
    default String payloadField() {
        return null;
    }
}
