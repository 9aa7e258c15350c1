package io.respkit.commands;

/**
 * A sorted-set member with its score.
 *
 * <p>Immutable when {@code V} is; thread-safe to read.
 *
 * @param value the member
 * @param score the score
 * @param <V> the member type
 */
public record ScoredValue<V>(V value, double score) {
}
