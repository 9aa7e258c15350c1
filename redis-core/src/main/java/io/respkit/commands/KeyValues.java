package io.respkit.commands;

import java.util.List;

/**
 * Several values together with the key they came from, as {@code LMPOP} and {@code BLMPOP} return them.
 *
 * <p>Immutable when {@code V} is; thread-safe to read.
 *
 * @param key the key the values were taken from
 * @param values the values, in pop order
 * @param <V> the value type
 */
public record KeyValues<V>(String key, List<V> values) {
}
