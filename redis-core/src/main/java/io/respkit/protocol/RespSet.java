package io.respkit.protocol;

import java.util.List;

/**
 * A RESP3 set ({@code ~}) as it came off the wire, in wire order.
 *
 * <p>Immutable when built by {@link RespReader}; thread-safe to read.
 *
 * @param elements the raw elements
 */
public record RespSet(List<Object> elements) {
}
