/**
 * respkit's Redis client without Spring: RESP2/RESP3, connections, a commons-pool2 pool, typed commands, pipelines,
 * transactions, scripts, pub/sub, stream consumer groups, Redis Cluster and Redis Sentinel.
 *
 * <p>Only the user-facing packages are exported. Everything under {@code io.respkit.internal} (the RESP channel
 * and handshake, the multiplexed connection, command definitions and decoders, URL parsing, error mapping) is not,
 * so that it can change without notice; no exported signature mentions an internal type. On the class path the jar
 * works as before, with this module's name as its automatic module name for tools that ask.
 */
module io.respkit.core {
    requires org.apache.commons.pool2;
    requires org.slf4j;
    // TCP keepalive timings (jdk.net.ExtendedSocketOptions): required, not static, so that module-path users get the
    // same dead-peer detection as class-path users (a static requirement would leave jdk.net unresolved).
    requires jdk.net;

    exports io.respkit;
    exports io.respkit.cluster;
    exports io.respkit.codec;
    exports io.respkit.commands;
    exports io.respkit.connection;
    exports io.respkit.exceptions;
    exports io.respkit.pool;
    exports io.respkit.protocol;
    exports io.respkit.pubsub;
    exports io.respkit.sentinel;
    exports io.respkit.stream;
}
