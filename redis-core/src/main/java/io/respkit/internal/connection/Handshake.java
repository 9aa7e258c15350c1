package io.respkit.internal.connection;

import io.respkit.connection.RedisConfig;
import io.respkit.connection.RedisConnection;

import io.respkit.exceptions.RedisServerException;

import io.respkit.exceptions.RedisAuthenticationException;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisProtocolException;
import io.respkit.exceptions.RedisInterruptedException;
import io.respkit.codec.StringCodec;
import io.respkit.commands.Command;
import io.respkit.internal.AuthErrors;
import io.respkit.internal.Errors;
import io.respkit.internal.commands.Decoders;
import io.respkit.protocol.ErrorReply;
import io.respkit.protocol.PushMessage;
import io.respkit.protocol.RespMap;
import io.respkit.protocol.RespVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InterruptedIOException;
import java.util.List;

/**
 * The connection handshake of a freshly opened {@link RespChannel}. Not thread-safe: it runs once, on the thread
 * that opens the connection, before the connection is handed to anyone.
 *
 * <p>With RESP3 configured it sends {@code HELLO 3} carrying {@code AUTH} and {@code SETNAME}, and falls back to
 * RESP2 on a server without {@code HELLO} or RESP3 ({@code NOPROTO}, or the command unknown); over RESP2 it sends
 * {@code AUTH} and {@code CLIENT SETNAME}. Then {@code SELECT} for a database other than 0. A client name that cannot
 * be set is dropped ({@link ClientNameFallback}). Refused credentials become a typed
 * {@link RedisAuthenticationException}, other refusals a {@link io.respkit.exceptions.RedisServerException}, and every error is
 * scrubbed of secrets first. Each step is one round trip through the channel's own {@code write}, {@code flush}
 * and {@code readReply}, so the handshake's I/O failures are the channel's (and break it).
 */
final class Handshake {

    /** The connection's logger: a handshake's messages are the connection's. */
    private static final Logger log = LoggerFactory.getLogger(RedisConnection.class);

    /** The server's id for the connection is not known. */
    static final long ID_UNKNOWN = -1;

    private final RespChannel connection;
    private final RedisConfig config;
    private final String address;
    private final SecretScrubber scrubber;
    private String serverVersion;
    private long clientId = ID_UNKNOWN;

    private Handshake(RespChannel connection, SecretScrubber scrubber) {
        this.connection = connection;
        this.config = connection.config();
        this.address = connection.address();
        this.scrubber = scrubber;
    }

    /**
     * What the handshake negotiated.
     *
     * @param protocol the protocol spoken from now on
     * @param serverVersion the server version {@code HELLO} reported, or {@code null} over RESP2
     * @param clientId the server's id for the connection as {@code HELLO} reported it, or {@link #ID_UNKNOWN}
     */
    record Outcome(RespVersion protocol, String serverVersion, long clientId) {
    }

    /**
     * Runs the handshake on {@code connection}; afterwards the configured database is selected.
     *
     * @param connection the channel, open and not yet used
     * @param scrubber the connection's scrubber, which masks the configured password in errors
     * @return what was negotiated
     * @throws RedisConnectionException when the connection failed (it is broken); the message says what an operator
     *         needs to know (see {@link Sockets#handshakeFailure})
     * @throws RedisAuthenticationException when the server refused the credentials
     * @throws io.respkit.exceptions.RedisServerException when the server refused another step
     * @throws RedisProtocolException when a reply was malformed, or the server sent more replies than asked for
     */
    static Outcome run(RespChannel connection, SecretScrubber scrubber) {
        try {
            return new Handshake(connection, scrubber).run();
        } catch (RedisConnectionException e) {
            throw Sockets.handshakeFailure(connection.config(), e);
        }
    }

    private Outcome run() {
        RespVersion protocol = RespVersion.RESP2;
        String clientName = config.clientName();
        if (config.protocol() == RespVersion.RESP3) {
            Object reply = call(hello(clientName));
            if (clientName != null && reply instanceof ErrorReply error
                    && ClientNameFallback.unsettable(error, true)) {
                // The name may be the problem: if HELLO works without it, connect without it rather than not at all.
                reply = call(hello(null));
                if (!(reply instanceof ErrorReply)) {
                    ClientNameFallback.refused(config, address, scrubber.scrub(error));
                    clientName = null;
                }
            }
            if (reply instanceof ErrorReply error) {
                String code = error.code();
                if (isAuthCode(code)) {
                    throw authFailure(error);
                }
                if (!"NOPROTO".equals(code) && !error.message().startsWith("ERR unknown command")) {
                    throw Errors.fromReply(scrubber.scrub(error), "HELLO", address);
                }
                log.debug("Server at {} does not speak RESP3; falling back to RESP2", address);
            } else {
                protocol = RespVersion.RESP3;
                readHelloReply(reply);
            }
        }
        if (protocol == RespVersion.RESP2) {
            if (config.password() != null) {
                Command<Object> auth = Command.create(StringCodec.UTF8, "AUTH", Decoders.raw());
                if (config.username() != null) {
                    auth.arg(config.username());
                }
                auth.arg(config.password());
                Object reply = call(auth);
                if (reply instanceof ErrorReply error) {
                    throw authFailure(error);
                }
            }
            if (clientName != null) {
                Object reply = call(Command.create(StringCodec.UTF8, "CLIENT SETNAME", Decoders.raw())
                        .arg(clientName));
                if (reply instanceof ErrorReply error && ClientNameFallback.unsettable(error, false)) {
                    ClientNameFallback.refused(config, address, scrubber.scrub(error));
                } else {
                    check(reply, "CLIENT SETNAME");
                }
            }
        }
        if (config.database() != 0) {
            check(call(Command.create(StringCodec.UTF8, "SELECT", Decoders.raw()).arg(config.database())), "SELECT");
        }
        if (connection.hasUnreadInput()) { // a reply too many, which the first command would take for its own
            throw new RedisProtocolException("Server at " + address
                    + " sent more replies than the handshake asked for");
        }
        return new Outcome(protocol, serverVersion, clientId);
    }

    private Command<Object> hello(String clientName) {
        Command<Object> hello = Command.create(StringCodec.UTF8, "HELLO", Decoders.raw()).arg(3);
        if (config.password() != null) {
            hello.arg("AUTH").arg(config.username() != null ? config.username() : "default").arg(config.password());
        }
        if (clientName != null) {
            hello.arg("SETNAME").arg(clientName);
        }
        return hello;
    }

    /**
     * One round trip; the reply is raw, an error reply a value (already scrubbed for the command's secrets). Push
     * frames that arrive first are skipped.
     */
    private Object call(Command<?> command) {
        connection.write(command);
        connection.flush(command);
        try {
            for (;;) {
                Object reply = connection.readReply(command, null);
                if (reply instanceof PushMessage push) {
                    log.debug("Ignoring push frame '{}' during the handshake", push.kind());
                    continue;
                }
                return reply instanceof ErrorReply error ? scrubber.scrub(command, error) : reply;
            }
        } catch (InterruptedIOException e) {
            throw new RedisInterruptedException("Interrupted while waiting for the reply to " + command.name()
                    + " from " + address + "; the connection will not serve another caller", e);
        }
    }

    private void check(Object reply, String command) {
        if (reply instanceof ErrorReply error) {
            throw Errors.fromReply(scrubber.scrub(error), command, address);
        }
    }

    private void readHelloReply(Object reply) {
        if (reply instanceof RespMap map) {
            for (int i = 0; i < map.size(); i++) {
                helloField(Decoders.text(map.key(i), config.charset()), map.value(i));
            }
        } else if (reply instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                helloField(Decoders.text(list.get(i), config.charset()), list.get(i + 1));
            }
        }
    }

    private void helloField(String key, Object value) {
        if ("version".equals(key)) {
            serverVersion = Decoders.text(value, config.charset());
        } else if ("id".equals(key) && value instanceof Long id) {
            clientId = id; // for CLIENT UNBLOCK should a caller give up on a blocking command
        }
    }

    private static boolean isAuthCode(String code) {
        return AuthErrors.isAuthCode(code) || "AUTH".equals(code);
    }

    private RedisAuthenticationException authFailure(ErrorReply error) {
        ErrorReply clean = scrubber.scrub(error);
        String code = clean.code();
        if (("ERR".equals(code) || "AUTH".equals(code)) && clean.message().contains("AUTH")) {
            // Servers before 6.0 answer a wrong password with "ERR invalid password" (or "-AUTH failed").
            code = "WRONGPASS";
        }
        String serverMessage = Errors.clean(clean.message());
        String message;
        if ("NOAUTH".equals(code) && config.password() == null) {
            message = "Authentication to " + address + " required: the server answered NOAUTH and no password is "
                    + "configured";
        } else {
            message = "Authentication to " + address + " failed"
                    + (config.username() != null ? " for user '" + config.username() + "'" : "") + ": "
                    + serverMessage;
        }
        return AuthErrors.create(code, serverMessage, message);
    }
}
