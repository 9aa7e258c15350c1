package io.respkit.protocol;

/**
 * A reply that arrived with a RESP3 attribute frame ({@code |}) in front of it, when the reader is configured to
 * attach attributes rather than skip them.
 *
 * <p>Immutable; thread-safe to read.
 *
 * @param attributes the attribute map
 * @param value the reply itself
 */
public record AttributedReply(RespMap attributes, Object value) {
}
