package io.respkit.benchmarks;

import java.util.function.Consumer;

/**
 * A consumer thread in a {@code BRPOP} loop, as users write one by hand with any client.
 *
 * <p>Not thread-safe: started and closed by one thread.
 */
final class BrpopLoop implements QueueConsumer {

    private final Driver driver;
    private volatile boolean running;
    private Thread thread;

    BrpopLoop(Driver driver) {
        this.driver = driver;
    }

    @Override
    public String name() {
        return driver.name();
    }

    @Override
    public void start(String queue, Consumer<String> sink) {
        running = true;
        thread = new Thread(() -> {
            while (running) {
                String item = driver.brpop(queue, 1);
                if (item != null) {
                    sink.accept(item);
                }
            }
        }, "bench-brpop-" + driver.name());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        running = false;
        try {
            if (thread != null) {
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            driver.close();
        }
    }
}
