package io.respkit.test;

import io.respkit.RedisClient;
import io.respkit.exceptions.RedisTimeoutException;
import io.respkit.pool.PoolConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link FaultProxy} and {@link ServerFaults} against a real server: plain forwarding, each fault, and that closing
 * the proxy ends its threads and frees its port.
 */
@ExtendWith(RedisServerExtension.class)
class FaultProxyIntegrationTests {

    private static List<String> proxyThreads(FaultProxy proxy) {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(FaultProxy.THREAD_PREFIX + proxy.port() + "-")) {
                names.add(t.getName());
            }
        }
        return names;
    }

    private static Socket raw(FaultProxy proxy) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(proxy.host(), proxy.port()), 2000);
        s.setSoTimeout(5000);
        return s;
    }

    private static void write(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            sb.append((char) b);
        }
        return sb.toString().trim();
    }

    @Test
    void forwardsAndCountsConnections(RedisServer server) throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server);
             RedisClient<String> redis = RedisClient.create(proxy.configBuilder().build())) {
            assertThat(proxy.connectionCount()).isZero();
            redis.set("proxy:k", "v");
            assertThat(redis.get("proxy:k")).isEqualTo("v");
            assertThat(proxy.connectionCount()).isEqualTo(1);
            assertThat(proxyThreads(proxy)).hasSize(3).allSatisfy(n -> assertThat(n).startsWith("fault-proxy-"));
            assertThat(Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith(FaultProxy.THREAD_PREFIX + proxy.port()))
                    .allMatch(Thread::isDaemon)).isTrue();
        }
    }

    @Test
    void blackholeHangsWithoutClosingAndHealResumes(RedisServer server) throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server); Socket s = raw(proxy)) {
            write(s, "PING\r\n");
            assertThat(readLine(s.getInputStream())).isEqualTo("+PONG");
            proxy.blackhole();
            write(s, "ECHO held\r\n");
            s.setSoTimeout(300);
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(java.net.SocketTimeoutException.class);
            assertThat(proxy.connectionCount()).isEqualTo(1);
            proxy.heal();
            s.setSoTimeout(5000);
            // Held, not dropped: the command sent during the black hole is answered once it heals.
            assertThat(readLine(s.getInputStream())).isEqualTo("$4");
            assertThat(readLine(s.getInputStream())).isEqualTo("held");
        }
    }

    @Test
    void resetAllSendsRstToTheClient(RedisServer server) throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server); Socket s = raw(proxy)) {
            write(s, "PING\r\n");
            assertThat(readLine(s.getInputStream())).isEqualTo("+PONG");
            proxy.resetAll();
            assertThat(proxy.connectionCount()).isZero();
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
            // New connections are still accepted and forwarded.
            try (Socket again = raw(proxy)) {
                write(again, "PING\r\n");
                assertThat(readLine(again.getInputStream())).isEqualTo("+PONG");
            }
        }
    }

    @Test
    void abandonAllDropsTheServerSideWhileTheClientSideStaysOpenAndSilent(RedisServer server) throws Exception {
        try (FaultProxy proxy = FaultProxy.to(server); Socket s = raw(proxy);
             RedisClient<String> direct = RedisClient.create(server.config())) {
            write(s, "CLIENT SETNAME abandoned-link\r\n");
            assertThat(readLine(s.getInputStream())).isEqualTo("+OK");
            proxy.abandonAll();
            // The server sees the client leave...
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> !String.valueOf(direct.execute("CLIENT", "LIST")).contains("abandoned-link"));
            // ...while the client's socket gets neither FIN nor RST: writes succeed, reads time out.
            write(s, "PING\r\n");
            s.setSoTimeout(300);
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(java.net.SocketTimeoutException.class);
            assertThat(proxy.connectionCount()).isEqualTo(1);
            // New connections are forwarded to fresh server connections.
            try (Socket again = raw(proxy)) {
                write(again, "PING\r\n");
                assertThat(readLine(again.getInputStream())).isEqualTo("+PONG");
            }
        }
    }

    @Test
    void delayLongerThanTheTimeoutTimesOut(RedisServer server) {
        try (FaultProxy proxy = FaultProxy.to(server);
             RedisClient<String> redis = RedisClient.create(proxy.configBuilder().timeout(Duration.ofMillis(200))
                     .build())) {
            assertThat(redis.execute("PING")).isEqualTo("PONG");
            proxy.delay(Duration.ofMillis(600));
            assertThatThrownBy(() -> redis.execute("PING")).isInstanceOf(RedisTimeoutException.class);
            proxy.heal();
            assertThat(redis.execute("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void cutForwardsExactlyThatManyBytesThenCloses(RedisServer server) throws Exception {
        try (RedisClient<String> direct = RedisClient.create(server.config())) {
            direct.set("proxy:cut", "x".repeat(100));
        }
        try (FaultProxy proxy = FaultProxy.to(server); Socket s = raw(proxy)) {
            proxy.cutNextReplyAfter(10);
            write(s, "GET proxy:cut\r\n");
            byte[] all = s.getInputStream().readAllBytes();
            assertThat(new String(all, StandardCharsets.US_ASCII)).isEqualTo("$100\r\nxxxx");
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.connectionCount() == 0);
        }
    }

    @Test
    void closeEndsEveryThreadAndFreesThePort(RedisServer server) throws Exception {
        FaultProxy proxy = FaultProxy.to(server);
        int port = proxy.port();
        try (RedisClient<String> redis = RedisClient.create(proxy.configBuilder()
                .pool(PoolConfig.builder().maxTotal(4).build()).build())) {
            assertThat(redis.execute("PING")).isEqualTo("PONG");
            proxy.blackhole(); // a held pump must end on close as well
            proxy.close();
            assertThat(proxyThreads(proxy)).isEmpty();
            assertThat(proxy.connectionCount()).isZero();
            try (Socket s = new Socket()) {
                assertThatThrownBy(() -> s.connect(new InetSocketAddress("127.0.0.1", port), 1000))
                        .isInstanceOf(ConnectException.class);
            }
        }
    }

    @Test
    void serverFaultsReachTheServer(RedisServer server) throws Exception {
        assertThat(ServerFaults.debugSleep(server, 0.05).get()).isEqualTo("OK");
        ServerFaults.configSet(server, "maxmemory-policy", "noeviction");
        assertThat(ServerFaults.call(server, "CONFIG", "SET", "timeout", "0")).isEqualTo("OK");
        ServerFaults.clientPause(server, 1);
        try (RedisClient<String> redis = RedisClient.create(server.config())) {
            assertThat(redis.execute("PING")).isEqualTo("PONG");
            long id = redis.clientId();
            assertThat(ServerFaults.clientKill(server, "ID", Long.toString(id))).isEqualTo(1);
        }
    }
}
