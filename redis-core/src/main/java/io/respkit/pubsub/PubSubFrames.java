package io.respkit.pubsub;

import io.respkit.exceptions.RedisException;
import io.respkit.codec.RedisCodec;
import io.respkit.internal.commands.Decoders;
import io.respkit.protocol.ErrorReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the frames a subscriber connection receives into {@link PubSubMessage}s: messages, pattern and shard messages
 * (arrays over RESP2, push frames over RESP3) and subscription confirmations. Everything else, the replies to the
 * health-check {@code PING} included ({@code ["pong", ""]} over RESP2, {@code +PONG} over RESP3), is not a message
 * and yields {@code null}.
 *
 * <p>Not thread-safe: used by the one thread that holds the subscriber's read lock.
 *
 * @param <V> the payload type
 */
final class PubSubFrames<V> {

    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);
    private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PMESSAGE = "pmessage".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SMESSAGE = "smessage".getBytes(StandardCharsets.US_ASCII);

    private final RedisCodec<V> codec;
    private final String address;
    // The channel of the last message, decoded once: a subscriber mostly sees the same few channels, and decoding
    // the name of every message was a measurable share of its cost.
    private byte[] lastChannelBytes;
    private String lastChannel;

    PubSubFrames(RedisCodec<V> codec, String address) {
        this.codec = codec;
        this.address = address;
    }

    /**
     * Decodes one frame.
     *
     * @param frame a frame read from the subscriber connection
     * @return the message or confirmation, or {@code null} for a frame that is neither
     * @throws RedisException when a message's payload cannot be decoded
     */
    PubSubMessage<V> toMessage(Object frame) {
        if (frame instanceof ErrorReply error) {
            log.warn("Subscriber on {} got an error: {}", address, error.message());
            return null;
        }
        if (frame instanceof String) {
            return null; // +PONG (RESP3) or +OK: replies, not messages
        }
        List<Object> parts;
        try {
            parts = Decoders.elements(frame);
        } catch (RedisException e) {
            log.debug("Subscriber ignoring a non-message frame");
            return null;
        }
        if (parts.isEmpty()) {
            return null;
        }
        Object first = parts.get(0);
        // Messages dominate: recognise them from the raw bytes, without decoding the kind.
        if (first instanceof byte[] b && parts.size() == 3 && Arrays.equals(b, MESSAGE)) {
            return new Message<>(channel(parts.get(1)), Decoders.value(parts.get(2), codec));
        }
        if (first instanceof byte[] b && parts.size() == 4 && Arrays.equals(b, PMESSAGE)) {
            return new PatternMessage<>(text(parts, 1), channel(parts.get(2)), Decoders.value(parts.get(3), codec));
        }
        if (first instanceof byte[] b && parts.size() == 3 && Arrays.equals(b, SMESSAGE)) {
            return new ShardMessage<>(channel(parts.get(1)), Decoders.value(parts.get(2), codec));
        }
        String kind = Decoders.text(first, codec.charset());
        int needed = switch (kind) {
            case "pmessage" -> 4;
            case "message", "smessage" -> 3;
            default -> 2;
        };
        if (parts.size() < needed) {
            // A frame too short for its kind (a faulty server or proxy): skipped, the stream goes on.
            log.debug("Subscriber ignoring a '{}' frame of {} element(s)", kind, parts.size());
            return null;
        }
        switch (kind) {
            case "message":
                return new Message<>(text(parts, 1), Decoders.value(parts.get(2), codec));
            case "pmessage":
                return new PatternMessage<>(text(parts, 1), text(parts, 2), Decoders.value(parts.get(3), codec));
            case "smessage":
                return new ShardMessage<>(text(parts, 1), Decoders.value(parts.get(2), codec));
            case "subscribe":
                return event(SubscriptionEvent.Kind.SUBSCRIBE, parts);
            case "unsubscribe":
                return event(SubscriptionEvent.Kind.UNSUBSCRIBE, parts);
            case "psubscribe":
                return event(SubscriptionEvent.Kind.PSUBSCRIBE, parts);
            case "punsubscribe":
                return event(SubscriptionEvent.Kind.PUNSUBSCRIBE, parts);
            case "ssubscribe":
                return event(SubscriptionEvent.Kind.SSUBSCRIBE, parts);
            case "sunsubscribe":
                return event(SubscriptionEvent.Kind.SUNSUBSCRIBE, parts);
            default:
                // "pong": the reply to the health-check PING over RESP2
                log.debug("Subscriber ignoring a '{}' frame", kind);
                return null;
        }
    }

    private SubscriptionEvent<V> event(SubscriptionEvent.Kind kind, List<Object> parts) {
        return new SubscriptionEvent<>(kind, text(parts, 1), parts.size() > 2 ? Decoders.toLong(parts.get(2)) : 0);
    }

    private String channel(Object raw) {
        if (raw instanceof byte[] bytes) {
            if (!Arrays.equals(bytes, lastChannelBytes)) {
                lastChannel = Decoders.text(bytes, codec.charset());
                lastChannelBytes = bytes;
            }
            return lastChannel;
        }
        return raw == null ? null : Decoders.text(raw, codec.charset());
    }

    private String text(List<Object> parts, int i) {
        Object o = parts.get(i);
        return o == null ? null : Decoders.text(o, codec.charset());
    }
}
