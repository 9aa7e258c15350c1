package io.respkit.protocol;

import java.util.List;

/**
 * A RESP3 out-of-band push frame ({@code >}): pub/sub messages, subscription confirmations, client-tracking
 * invalidations. A push frame is never the reply to a command.
 *
 * <p>Immutable when built by {@link RespReader}; thread-safe to read.
 *
 * @param elements the raw elements; the first is the kind, e.g. {@code message} or {@code invalidate}
 */
public record PushMessage(List<Object> elements) {

    /**
     * Returns the push kind, the first element decoded as text.
     *
     * @return the kind, e.g. {@code "message"}, or an empty string for an empty frame
     */
    public String kind() {
        if (elements.isEmpty()) {
            return "";
        }
        Object first = elements.get(0);
        if (first instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        return String.valueOf(first);
    }
}
