package io.respkit.protocol;

/**
 * A RESP3 verbatim string ({@code =}): a format such as {@code txt} or {@code mkd}, and the content bytes.
 *
 * <p>Immutable by convention (do not modify the array); thread-safe to read.
 *
 * @param format the three-letter format
 * @param content the text bytes, without the {@code fmt:} prefix
 */
public record VerbatimString(String format, byte[] content) {
}
