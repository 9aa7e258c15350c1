package io.respkit.test;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A {@code redis:7} Testcontainers container, used when no {@code redis-server} is on the PATH but Docker runs.
 *
 * <p>Thread-safe.
 */
final class ContainerServer implements RedisServer, AutoCloseable {

    private final GenericContainer<?> container;

    private ContainerServer(GenericContainer<?> container) {
        this.container = container;
    }

    static RedisServer tryStart() {
        try {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return null;
            }
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
        GenericContainer<?> c = new GenericContainer<>("redis:7").withExposedPorts(6379);
        c.start();
        return new ContainerServer(c);
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(6379);
    }

    @Override
    public String kind() {
        return "Testcontainers redis:7";
    }

    @Override
    public void close() {
        container.stop();
    }
}
