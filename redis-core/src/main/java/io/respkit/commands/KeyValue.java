package io.respkit.commands;

/**
 * A value together with the key it came from, as blocking pops such as {@code BRPOP} return it.
 *
 * <p>Immutable when {@code V} is; thread-safe to read.
 *
 * @param key the key the value was taken from
 * @param value the value
 * @param <V> the value type
 */
public record KeyValue<V>(String key, V value) {
}
