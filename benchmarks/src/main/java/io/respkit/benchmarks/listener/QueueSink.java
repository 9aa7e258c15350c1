package io.respkit.benchmarks.listener;

import java.util.function.Consumer;

/**
 * Hands what the listener method receives to the running workload.
 *
 * @param sink the workload's sink
 */
record QueueSink(Consumer<String> sink) {
}
