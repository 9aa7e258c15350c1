package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.ClientInfo;
import io.respkit.commands.ClientKillArgs;
import io.respkit.commands.ClientPauseMode;
import io.respkit.commands.ClientTrackingArgs;
import io.respkit.commands.ClientType;
import io.respkit.commands.Command;
import io.respkit.commands.TrackingInfo;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Definitions of the {@code CLIENT} commands beyond {@code SETNAME}/{@code GETNAME}/{@code ID}/{@code LIST} (in
 * {@link ServerDefs}). All are dedicated, as every {@code CLIENT} subcommand; {@code TRACKING} and {@code CACHING}
 * leave the connection in a tracking state, so the pool does not hand it out again as it is.
 *
 * <p>Stateless and thread-safe.
 */
public final class ClientDefs {

    private ClientDefs() {
    }

    /** CLIENT KILL with filters. */
    public static Command<Long> clientKill(RedisCodec<?> c, ClientKillArgs filters) {
        if (!filters.selectsSomething()) {
            throw new IllegalArgumentException("CLIENT KILL needs a filter (ID, ADDR, LADDR, USER, TYPE or MAXAGE)");
        }
        Command<Long> cmd = Command.create(c, AdminSpecs.CLIENT_KILL, Decoders.integer());
        if (filters.id() > 0) {
            cmd.arg("ID").arg(filters.id());
        }
        if (filters.address() != null) {
            cmd.arg("ADDR").arg(filters.address());
        }
        if (filters.localAddress() != null) {
            cmd.arg("LADDR").arg(filters.localAddress());
        }
        if (filters.user() != null) {
            cmd.arg("USER").arg(filters.user());
        }
        if (filters.type() != null) {
            cmd.arg("TYPE").arg(type(filters.type()));
        }
        if (filters.skipMe() != null) {
            cmd.arg("SKIPME").arg(filters.skipMe() ? "yes" : "no");
        }
        if (filters.maxAge() != null) {
            cmd.arg("MAXAGE").arg(filters.maxAge().toSeconds());
        }
        return cmd;
    }

    /** CLIENT LIST, parsed. */
    public static Command<List<ClientInfo>> clientListParsed(RedisCodec<?> c) {
        return Command.create(c, CommandSpecs.CLIENT_LIST, AdminDecoders.CLIENT_LIST);
    }

    /** CLIENT LIST TYPE type, parsed. */
    public static Command<List<ClientInfo>> clientListByType(RedisCodec<?> c, ClientType type) {
        return Command.create(c, CommandSpecs.CLIENT_LIST, AdminDecoders.CLIENT_LIST).arg("TYPE")
                .arg(type(Objects.requireNonNull(type, "type")));
    }

    /** CLIENT LIST ID id [id ...], parsed. */
    public static Command<List<ClientInfo>> clientListById(RedisCodec<?> c, long... ids) {
        if (ids.length == 0) {
            throw new IllegalArgumentException("CLIENT LIST ID needs at least one id");
        }
        Command<List<ClientInfo>> cmd = Command.create(c, CommandSpecs.CLIENT_LIST, AdminDecoders.CLIENT_LIST)
                .arg("ID");
        for (long id : ids) {
            cmd.arg(id);
        }
        return cmd;
    }

    /** CLIENT INFO. */
    public static Command<ClientInfo> clientInfo(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.CLIENT_INFO, AdminDecoders.CLIENT_INFO);
    }

    /** CLIENT PAUSE milliseconds [WRITE|ALL]. */
    public static Command<Boolean> clientPause(RedisCodec<?> c, Duration timeout, ClientPauseMode mode) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("CLIENT PAUSE timeout must not be negative: " + timeout);
        }
        return Command.create(c, AdminSpecs.CLIENT_PAUSE, Decoders.okOrNull()).arg(timeout.toMillis())
                .arg(Objects.requireNonNull(mode, "mode").name());
    }

    /** CLIENT UNPAUSE. */
    public static Command<Boolean> clientUnpause(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.CLIENT_UNPAUSE, Decoders.okOrNull());
    }

    /** CLIENT TRACKING ON with options. */
    public static Command<Boolean> clientTrackingOn(RedisCodec<?> c, ClientTrackingArgs args) {
        Command<Boolean> cmd = Command.create(c, CommandSpecs.CLIENT_TRACKING, Decoders.okOrNull()).arg("ON");
        if (args.redirect() > 0) {
            cmd.arg("REDIRECT").arg(args.redirect());
        }
        if (args.broadcast()) {
            cmd.arg("BCAST");
        }
        for (String prefix : args.prefixes()) {
            cmd.arg("PREFIX").arg(prefix);
        }
        if (args.optIn()) {
            cmd.arg("OPTIN");
        }
        if (args.optOut()) {
            cmd.arg("OPTOUT");
        }
        if (args.noLoop()) {
            cmd.arg("NOLOOP");
        }
        return cmd;
    }

    /** CLIENT TRACKING OFF. */
    public static Command<Boolean> clientTrackingOff(RedisCodec<?> c) {
        return Command.create(c, CommandSpecs.CLIENT_TRACKING, Decoders.okOrNull()).arg("OFF");
    }

    /** CLIENT TRACKINGINFO. */
    public static Command<TrackingInfo> clientTrackingInfo(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.CLIENT_TRACKINGINFO, AdminDecoders.TRACKING_INFO);
    }

    /** CLIENT GETREDIR. */
    public static Command<Long> clientGetRedir(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.CLIENT_GETREDIR, Decoders.integer());
    }

    /** CLIENT CACHING YES|NO. */
    public static Command<Boolean> clientCaching(RedisCodec<?> c, boolean cache) {
        return Command.create(c, AdminSpecs.CLIENT_CACHING, Decoders.okOrNull()).arg(cache ? "YES" : "NO");
    }

    /** CLIENT NO-EVICT ON|OFF. */
    public static Command<Boolean> clientNoEvict(RedisCodec<?> c, boolean on) {
        return Command.create(c, CommandSpecs.CLIENT_NO_EVICT, Decoders.okOrNull()).arg(on ? "ON" : "OFF");
    }

    /** CLIENT UNBLOCK id [TIMEOUT|ERROR]. */
    public static Command<Boolean> clientUnblock(RedisCodec<?> c, long id, boolean error) {
        return Command.create(c, CommandSpecs.CLIENT_UNBLOCK, Decoders.bool()).arg(id)
                .arg(error ? "ERROR" : "TIMEOUT");
    }

    /** RESET: the connection back to its state after connecting (the pool then closes it). */
    public static Command<String> reset(RedisCodec<?> c) {
        return Command.create(c, CommandSpecs.RESET, Decoders.string());
    }

    private static String type(ClientType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }
}
