package io.respkit.test;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;

/**
 * Gives each test class a real Redis server, found in this order: a {@code redis-server} process from PATH on a free
 * loopback port (no persistence); else a Testcontainers {@code redis:7} container where Docker runs; else the server
 * at {@code REDIS_URL}. When none is available the test class fails loudly; it is never skipped. Inject the server
 * as a {@link RedisServer} parameter of a test, constructor or lifecycle method.
 *
 * <pre>{@code
 * @ExtendWith(RedisServerExtension.class)
 * class MyIntegrationTests {
 *     @Test void works(RedisServer server) { ... server.config() ... }
 * }
 * }</pre>
 *
 * <p>Thread-safe; one server per test class.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final Logger log = LoggerFactory.getLogger(RedisServerExtension.class);
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(RedisServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NS).put("server", provide());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        Object server = context.getStore(NS).remove("server");
        if (server instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RedisServer.class || type == RedisProcess.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RedisServer server = find(context);
        if (parameter.getParameter().getType() == RedisProcess.class) {
            if (server.process() == null) {
                throw new ExtensionConfigurationException("This test needs a local redis-server process, but the "
                        + "server is a " + server.kind());
            }
            return server.process();
        }
        return server;
    }

    private static RedisServer find(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Object server = c.getStore(NS).get("server");
            if (server != null) {
                return (RedisServer) server;
            }
        }
        throw new ExtensionConfigurationException("RedisServerExtension has no server for this context");
    }

    private static RedisServer provide() {
        if (RedisProcess.available()) {
            RedisProcess p = RedisProcess.start();
            log.debug("Using {} on port {}", p.kind(), p.port());
            return p;
        }
        RedisServer container = ContainerServer.tryStart();
        if (container != null) {
            return container;
        }
        String url = System.getenv("REDIS_URL");
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url);
            int port = uri.getPort() > 0 ? uri.getPort() : 6379;
            return new RedisServer() {
                @Override
                public String host() {
                    return uri.getHost();
                }

                @Override
                public int port() {
                    return port;
                }

                @Override
                public String kind() {
                    return "REDIS_URL server";
                }
            };
        }
        throw new ExtensionConfigurationException("No Redis server for integration tests: install redis-server "
                + "(apt-get install redis-server), run Docker for Testcontainers, or set REDIS_URL. "
                + "Tests are never skipped for lack of a server.");
    }
}
