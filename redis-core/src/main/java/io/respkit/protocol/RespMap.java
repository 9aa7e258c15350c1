package io.respkit.protocol;

import java.util.List;

/**
 * A RESP3 map ({@code %}) or attribute ({@code |}) as it came off the wire: keys and values alternate in
 * {@link #entries()}. Kept as a list because keys are usually {@code byte[]}, which have no value equality.
 *
 * <p>Immutable when built by {@link RespReader}; thread-safe to read.
 *
 * @param entries key0, value0, key1, value1, ...
 */
public record RespMap(List<Object> entries) {

    /**
     * Returns the number of key/value pairs.
     *
     * @return the pair count
     */
    public int size() {
        return entries.size() / 2;
    }

    /**
     * Returns the key of pair {@code i}.
     *
     * @param i the pair index
     * @return the raw key
     * @throws IndexOutOfBoundsException when {@code i} is out of range
     */
    public Object key(int i) {
        return entries.get(2 * i);
    }

    /**
     * Returns the value of pair {@code i}.
     *
     * @param i the pair index
     * @return the raw value
     * @throws IndexOutOfBoundsException when {@code i} is out of range
     */
    public Object value(int i) {
        return entries.get(2 * i + 1);
    }
}
