package io.respkit.internal.connection;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Finds out, without writing anything, whether an idle connection's socket is still open and quiet. A server that
 * closed the connection (it was restarted, killed, or closed an idle client) has already sent its FIN or RST, so a
 * read returns end-of-stream or fails at once; on a healthy idle connection nothing arrives. Writing a command to
 * find out would be too late: once written, a command might have run, and may not be sent again.
 *
 * <p>On JDK 17 a {@link Socket} offers no non-blocking read ({@code available()} is 0 both for a quiet socket and at
 * end-of-stream), so the probe is a read with the shortest timeout there is, 1 ms: immediate for a closed
 * connection, about 1.1 ms for a healthy one, which waits the timeout out. That is why the pool probes only
 * connections that sat idle for a while (see {@code ConnectionPool}), never a busy one. A socket opened through a
 * {@link java.nio.channels.SocketChannel} could peek without waiting, but its blocking socket adaptor switches the
 * channel to non-blocking and back around every timed read, four extra system calls on every command.
 *
 * <p>Stateless and thread-safe; a probe must run on the thread that owns the connection.
 */
final class IdleProbe {

    /** What a probe found. */
    enum Result {
        /** Open, and nothing arrived. */
        OPEN,
        /** The server closed the connection (end-of-stream, reset or another socket failure). */
        CLOSED,
        /** Bytes arrived that no command asked for; they were consumed, so the connection must go. */
        UNREAD
    }

    private IdleProbe() {
    }

    /**
     * Probes a connection's plain TCP socket.
     *
     * @param tcp the plain socket (under TLS, the one the TLS socket is layered on)
     * @param tlsIn the TLS socket's input stream, whose already decrypted bytes count as unread, or {@code null}
     *        without TLS
     * @param soTimeout the read timeout to restore afterwards
     * @return what the probe found
     */
    static Result probe(Socket tcp, InputStream tlsIn, int soTimeout) {
        try {
            if (tlsIn != null && tlsIn.available() > 0) {
                return Result.UNREAD;
            }
            tcp.setSoTimeout(1);
            try {
                // Under TLS this consumes raw record bytes (a close_notify alert, say): the connection is then
                // unusable, and UNREAD makes the caller close it.
                return tcp.getInputStream().read() < 0 ? Result.CLOSED : Result.UNREAD;
            } catch (SocketTimeoutException quiet) {
                return Result.OPEN;
            } finally {
                tcp.setSoTimeout(soTimeout);
            }
        } catch (IOException e) {
            return Result.CLOSED; // reset by the peer, or the socket failed otherwise
        }
    }
}
