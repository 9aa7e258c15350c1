package io.respkit.spring.listener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Method;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates listener threads: virtual threads when asked for and the JVM has them (Java 21+; this library compiles
 * for Java 17, so they are looked up reflectively), otherwise named daemon platform threads. Daemon, because a
 * handler stuck past the shutdown timeout must not keep the JVM alive.
 *
 * <p>Thread-safe.
 */
public final class ListenerThreads {

    private static final Logger log = LoggerFactory.getLogger(ListenerThreads.class);

    private ListenerThreads() {
    }

    /**
     * Returns whether this JVM offers virtual threads.
     *
     * @return {@code true} on Java 21 and later
     */
    public static boolean virtualThreadsAvailable() {
        return virtualFactory("probe-") != null;
    }

    /**
     * Returns a thread factory naming threads {@code <prefix><n>}.
     *
     * @param prefix the name prefix
     * @param virtual whether to prefer virtual threads
     * @return the factory
     */
    public static ThreadFactory factory(String prefix, boolean virtual) {
        if (virtual) {
            ThreadFactory factory = virtualFactory(prefix);
            if (factory != null) {
                return factory;
            }
        }
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }

    private static ThreadFactory virtualFactory(String prefix) {
        try {
            Method ofVirtual = Thread.class.getMethod("ofVirtual");
            Object builder = ofVirtual.invoke(null);
            // Through the public interfaces: the builder's implementation class is not accessible.
            Class<?> ofVirtualType = Class.forName("java.lang.Thread$Builder$OfVirtual");
            builder = ofVirtualType.getMethod("name", String.class, long.class).invoke(builder, prefix, 0L);
            return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
        } catch (NoSuchMethodException | ClassNotFoundException e) {
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.debug("Virtual threads unavailable: {}", e.toString());
            return null;
        }
    }
}
