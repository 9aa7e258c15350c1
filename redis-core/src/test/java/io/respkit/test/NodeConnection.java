package io.respkit.test;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One command on a fresh raw socket to one node, never through the client under test, so that the cluster harness
 * keeps working while the client's cluster code is broken. RESP2 replies become {@code String} (simple and bulk
 * strings), {@code Long}, {@code List<Object>} or {@code null}; error replies throw {@link ErrorReplyException}.
 *
 * <p>Stateless and thread-safe.
 */
final class NodeConnection {

    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private NodeConnection() {
    }

    /**
     * Sends one command and reads its reply.
     *
     * @throws ErrorReplyException on an error reply
     * @throws UncheckedIOException when the node cannot be reached or does not answer in time
     */
    static Object call(String host, int port, String... args) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            s.setSoTimeout(READ_TIMEOUT_MILLIS);
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            out.write(encode(args));
            out.flush();
            return read(new BufferedInputStream(s.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(host + ":" + port + " " + args[0] + ": " + e.getMessage(), e);
        }
    }

    static byte[] encode(String... args) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        buf.writeBytes(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            buf.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            buf.writeBytes(bytes);
            buf.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return buf.toByteArray();
    }

    static Object read(InputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new IOException("connection closed before a reply");
        }
        String line = line(in);
        switch (type) {
            case '+':
                return line;
            case '-':
                throw new ErrorReplyException(line);
            case ':':
                return Long.parseLong(line);
            case '$': {
                int len = Integer.parseInt(line);
                if (len < 0) {
                    return null;
                }
                byte[] data = in.readNBytes(len + 2);
                if (data.length != len + 2) {
                    throw new IOException("connection closed inside a bulk string");
                }
                return new String(data, 0, len, StandardCharsets.UTF_8);
            }
            case '*': {
                int n = Integer.parseInt(line);
                if (n < 0) {
                    return null;
                }
                List<Object> items = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    try {
                        items.add(read(in));
                    } catch (ErrorReplyException e) {
                        items.add(e);
                    }
                }
                return items;
            }
            default:
                throw new IOException("unexpected RESP type '" + (char) type + "'");
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\r') {
                in.read();
                return buf.toString(StandardCharsets.UTF_8);
            }
            buf.write(b);
        }
        throw new IOException("connection closed inside a reply line");
    }
}
