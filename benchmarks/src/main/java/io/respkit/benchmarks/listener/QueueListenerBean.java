package io.respkit.benchmarks.listener;

import io.respkit.spring.listener.annotation.RedisListener;

/**
 * The benchmark's {@code @RedisListener}: one worker consuming {@code bench.queue}, {@code bench.batch-size} items
 * per round trip, as an application would write
 * it.
 *
 * <p>Thread-safe: the container calls it from its worker thread.
 */
class QueueListenerBean {

    private final QueueSink sink;

    QueueListenerBean(QueueSink sink) {
        this.sink = sink;
    }

    @RedisListener(id = "bench-queue", queue = "${bench.queue}", concurrency = "1",
            batchSize = "${bench.batch-size}")
    void onItem(String item) {
        sink.sink().accept(item);
    }
}
