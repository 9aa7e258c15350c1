/**
 * Redis Streams consumer groups without Spring: {@link io.respkit.stream.StreamConsumer} reads a stream as a member
 * of a consumer group on connections of its own, hands each entry to a handler, acknowledges it only after the
 * handler returned, retries failed entries with a back-off, dead-letters those that keep failing, takes over the
 * entries of consumers that died, and survives server restarts that lose the group. At-least-once delivery.
 */
package io.respkit.stream;
