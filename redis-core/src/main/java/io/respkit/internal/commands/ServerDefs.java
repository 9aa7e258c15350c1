package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.commands.ReplyDecoder;
import io.respkit.commands.ServerInfo;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Definitions of the server, connection and publish commands: name, arguments and reply decoder, written once and
 * shared by the synchronous, pipeline and transaction APIs.
 *
 * <p>Stateless and thread-safe.
 */
public final class ServerDefs {

    /** INFO: a bulk string (RESP2) or a verbatim string (RESP3), parsed into sections. */
    private static final ReplyDecoder<ServerInfo> INFO = (r, c) -> ServerInfo.parse(Decoders.text(r, c.charset()));

    /** TIME: [unix seconds, microseconds], both as bulk strings. */
    private static final ReplyDecoder<Instant> TIME = (r, c) -> {
        List<Object> parts = Decoders.elements(r);
        if (parts.size() != 2) {
            throw Decoders.shape("[seconds, microseconds]", r);
        }
        return Instant.ofEpochSecond(Decoders.toLong(parts.get(0)), Decoders.toLong(parts.get(1)) * 1000L);
    };

    /** CONFIG GET: a flat name/value array (RESP2) or a map (RESP3), as text whatever the codec. */
    private static final ReplyDecoder<Map<String, String>> STRING_MAP = (r, c) -> {
        if (r == null) {
            return Collections.emptyMap();
        }
        List<Object> items = Decoders.elements(r);
        if (items.size() % 2 != 0) {
            throw Decoders.shape("map", r);
        }
        Map<String, String> out = new LinkedHashMap<>(Math.max(16, items.size() * 2 / 3 + 1));
        for (int i = 0; i < items.size(); i += 2) {
            Object v = items.get(i + 1);
            out.put(Decoders.text(items.get(i), c.charset()), v == null ? null : Decoders.text(v, c.charset()));
        }
        return out;
    };

    /** PUBSUB NUMSUB: a flat channel/count array (or a map), in reply order. */
    static final ReplyDecoder<Map<String, Long>> COUNT_MAP = (r, c) -> {
        if (r == null) {
            return Collections.emptyMap();
        }
        List<Object> items = Decoders.elements(r);
        if (items.size() % 2 != 0) {
            throw Decoders.shape("map", r);
        }
        Map<String, Long> out = new LinkedHashMap<>(Math.max(16, items.size() * 2 / 3 + 1));
        for (int i = 0; i < items.size(); i += 2) {
            out.put(Decoders.text(items.get(i), c.charset()), Decoders.toLong(items.get(i + 1)));
        }
        return out;
    };

    private ServerDefs() {
    }

    /** PING. */
    public static Command<String> ping(RedisCodec<?> c) {
        return Command.create(c, CommandSpecs.PING, Decoders.string());
    }

    /** PING message: the server echoes the message. */
    public static <V> Command<V> ping(RedisCodec<V> c, V message) {
        return Command.create(c, CommandSpecs.PING, Decoders.<V>value()).value(message);
    }

    /** ECHO message. */
    public static <V> Command<V> echo(RedisCodec<V> c, V message) {
        return Command.create(c, CommandSpecs.ECHO, Decoders.<V>value()).value(message);
    }

    /** SELECT index (the connection tracks the database it leaves selected). */
    public static Command<Boolean> select(RedisCodec<?> c, int index) {
        return Command.create(c, CommandSpecs.SELECT, Decoders.okOrNull()).arg(index);
    }

    /** INFO [section ...]. */
    public static Command<ServerInfo> info(RedisCodec<?> c, Collection<String> sections) {
        Command<ServerInfo> cmd = Command.create(c, CommandSpecs.INFO, INFO);
        for (String section : sections) {
            cmd.arg(Objects.requireNonNull(section, "section"));
        }
        return cmd;
    }

    /** TIME. */
    public static Command<Instant> time(RedisCodec<?> c) {
        return Command.create(c, CommandSpecs.TIME, TIME);
    }

    /** CLIENT SETNAME name. */
    public static Command<Boolean> clientSetName(RedisCodec<?> c, String name) {
        return Command.create(c, CommandSpecs.CLIENT_SETNAME, Decoders.okOrNull())
                .arg(Objects.requireNonNull(name, "name"));
    }

    /** CLIENT GETNAME. */
    public static Command<String> clientGetName(RedisCodec<?> c) {
        return Command.create(c, CommandSpecs.CLIENT_GETNAME, Decoders.string());
    }

    /** CLIENT ID. */
    public static Command<Long> clientId(RedisCodec<?> c) {
        return Command.create(c, CommandSpecs.CLIENT_ID, Decoders.integer());
    }

    /** CLIENT LIST. */
    public static Command<String> clientList(RedisCodec<?> c) {
        return Command.create(c, CommandSpecs.CLIENT_LIST, Decoders.string());
    }

    /** CONFIG GET pattern. */
    public static Command<Map<String, String>> configGet(RedisCodec<?> c, String pattern) {
        return Command.create(c, CommandSpecs.CONFIG_GET, STRING_MAP).arg(Objects.requireNonNull(pattern, "pattern"));
    }

    /** CONFIG SET parameter value [parameter value ...]. */
    public static Command<Boolean> configSet(RedisCodec<?> c, Map<String, String> parameters) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("CONFIG SET needs at least one parameter");
        }
        Command<Boolean> cmd = Command.create(c, CommandSpecs.CONFIG_SET, Decoders.okOrNull());
        parameters.forEach((name, value) -> cmd.arg(Objects.requireNonNull(name, "parameter"))
                .arg(Objects.requireNonNull(value, "value")));
        return cmd;
    }

    /** PUBLISH channel message. */
    public static <V> Command<Long> publish(RedisCodec<V> c, String channel, V message) {
        return Command.create(c, CommandSpecs.PUBLISH, Decoders.integer())
                .arg(Objects.requireNonNull(channel, "channel"))
                .value(message);
    }

    /** PUBSUB CHANNELS [pattern]; {@code pattern} may be null for all. */
    public static Command<List<String>> pubsubChannels(RedisCodec<?> c, String pattern) {
        Command<List<String>> cmd = Command.create(c, CommandSpecs.PUBSUB_CHANNELS, Decoders.stringList());
        return pattern == null ? cmd : cmd.arg(pattern);
    }

    /** PUBSUB NUMSUB [channel ...]. */
    public static Command<Map<String, Long>> pubsubNumsub(RedisCodec<?> c, Collection<String> channels) {
        Command<Map<String, Long>> cmd = Command.create(c, CommandSpecs.PUBSUB_NUMSUB, COUNT_MAP);
        for (String channel : channels) {
            cmd.arg(Objects.requireNonNull(channel, "channel"));
        }
        return cmd;
    }
}
