package io.respkit.reliability.errors;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A tiny in-process TCP server on a loopback port that speaks just enough RESP to answer a client's handshake and
 * then reply to every command with a scripted raw reply. It provokes server states a real {@code redis-server}
 * cannot be put into on demand without {@code DEBUG} tricks, such as {@code -LOADING}. It is not a Redis mock: the
 * tests that use it check only how the client types a reply, never command semantics.
 *
 * <p>Thread-safe: one accept thread, one thread per connection; {@link #close()} stops them all.
 */
final class ScriptedRespServer implements AutoCloseable {

    private final ServerSocket server;
    private final Function<List<String>, String> script;
    private final List<List<String>> received = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /**
     * Starts the server. {@code HELLO} is answered with a small RESP3 map and {@code PING} with {@code +PONG};
     * every other command gets {@code script}'s answer, raw RESP including the trailing CRLF.
     *
     * @param script maps a command (its arguments as text) to the raw reply
     * @throws IOException when no port can be bound
     */
    ScriptedRespServer(Function<List<String>, String> script) throws IOException {
        this.script = script;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::acceptLoop, "scripted-resp-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** @return every command received so far, in order */
    List<List<String>> received() {
        return received;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "scripted-resp-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            for (;;) {
                List<String> command = readCommand(in);
                received.add(command);
                String name = command.get(0).toUpperCase(Locale.ROOT);
                String reply = switch (name) {
                    case "HELLO" -> "%1\r\n+version\r\n+7.0.0\r\n";
                    case "PING" -> "+PONG\r\n";
                    default -> script.apply(command);
                };
                out.write(reply.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (EOFException | SocketException e) {
            // the client went away or the server was closed
        } catch (IOException e) {
            // the test is over
        }
    }

    private static List<String> readCommand(InputStream in) throws IOException {
        String header = readLine(in);
        if (!header.startsWith("*")) {
            throw new IOException("not a RESP array: " + header);
        }
        int n = Integer.parseInt(header.substring(1));
        List<String> args = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String len = readLine(in);
            byte[] data = in.readNBytes(Integer.parseInt(len.substring(1)) + 2);
            args.add(new String(data, 0, data.length - 2, StandardCharsets.UTF_8));
        }
        return args;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (;;) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            if (b == '\n') {
                return sb.substring(0, sb.length() - 1);
            }
            sb.append((char) b);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
