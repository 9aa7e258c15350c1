package io.respkit.security;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TLS-terminating relay in front of a real, plain-text redis-server that records the SNI server names each client
 * sent in its ClientHello. redis-server itself does not report SNI, so this is how a test can see what the client
 * put on the wire; every command still runs on the real server.
 *
 * <p>Thread-safe.
 */
final class SniRecordingProxy implements AutoCloseable {

    private final SSLServerSocket server;
    private final InetSocketAddress target;
    private final List<List<String>> serverNames = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    SniRecordingProxy(Path serverKeyStore, char[] password, String targetHost, int targetPort) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(serverKeyStore)) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        this.server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.target = new InetSocketAddress(targetHost, targetPort);
        this.acceptor = new Thread(this::acceptLoop, "sni-proxy-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** @return for each accepted connection, the SNI host names its client sent (empty when none) */
    List<List<String>> serverNames() {
        return List.copyOf(serverNames);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                SSLSocket client = (SSLSocket) server.accept();
                open.add(client);
                client.startHandshake();
                List<SNIServerName> names = ((ExtendedSSLSession) client.getSession()).getRequestedServerNames();
                serverNames.add(names.stream().map(n -> n instanceof SNIHostName h ? h.getAsciiName()
                        : n.toString()).toList());
                Socket upstream = new Socket();
                open.add(upstream);
                upstream.connect(target, 2000);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // a client that failed its handshake, or the proxy closing: keep serving the others
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // either side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "sni-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
        open.remove(s);
    }

    @Override
    public void close() throws Exception {
        server.close();
        open.forEach(this::closeQuietly);
        acceptor.join(5000);
    }
}
