package io.respkit.internal.commands;

import io.respkit.codec.StringCodec;
import io.respkit.commands.AclLogEntry;
import io.respkit.commands.AclUser;
import io.respkit.commands.ClientInfo;
import io.respkit.commands.CommandDetails;
import io.respkit.commands.CommandDoc;
import io.respkit.commands.KeyFlags;
import io.respkit.commands.LatencyEvent;
import io.respkit.commands.LatencySample;
import io.respkit.commands.ModuleInfo;
import io.respkit.commands.ReplyDecoder;
import io.respkit.commands.Role;
import io.respkit.commands.SlowLogEntry;
import io.respkit.commands.TrackingInfo;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reply decoders of the admin commands: the RESP2 arrays and RESP3 maps of {@code ACL GETUSER}, {@code ACL LOG},
 * {@code SLOWLOG GET}, {@code LATENCY}, {@code ROLE}, {@code COMMAND}, ... decoded to the same records. Replies are
 * text (names, flags, addresses), decoded as UTF-8 whatever the client's codec.
 *
 * <p>Stateless and thread-safe.
 */
final class AdminDecoders {

    private static final Charset UTF8 = StandardCharsets.UTF_8;

    static final ReplyDecoder<Instant> EPOCH_SECONDS = (r, c) -> Instant.ofEpochSecond(Decoders.toLong(r));

    /** A string list, or null as an empty list. */
    static final ReplyDecoder<List<String>> STRINGS = (r, c) -> r == null ? List.of() : texts(r);

    /** Any reply as plain Java: text, numbers, lists, maps (RESP2 arrays stay lists). */
    static final ReplyDecoder<Object> TREE = (r, c) -> Decoders.decodeTree(r, StringCodec.UTF8);

    /** A flat name/value array (RESP2) or a map (RESP3) with text keys, values as plain Java. */
    static final ReplyDecoder<Map<String, Object>> FIELDS = (r, c) -> fields(r);

    /** ACL DRYRUN: +OK when permitted (null), else the reason. */
    static final ReplyDecoder<String> DENIAL = (r, c) -> {
        String text = Decoders.text(r, UTF8);
        return "OK".equals(text) ? null : text;
    };

    static final ReplyDecoder<AclUser> ACL_USER = (r, c) -> {
        if (r == null) {
            return null;
        }
        Map<String, Object> f = fields(r);
        List<Map<String, String>> selectors = new ArrayList<>();
        Object raw = f.get("selectors");
        if (raw instanceof List<?> list) {
            for (Object selector : list) {
                // RESP3: a map; RESP2: a flat name/value list
                Map<String, String> s = new LinkedHashMap<>();
                if (selector instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> s.put(String.valueOf(k), String.valueOf(v)));
                } else {
                    List<?> pairs = (List<?>) selector;
                    for (int i = 0; i + 1 < pairs.size(); i += 2) {
                        s.put(String.valueOf(pairs.get(i)), String.valueOf(pairs.get(i + 1)));
                    }
                }
                selectors.add(s);
            }
        }
        return new AclUser(strings(f.get("flags")), strings(f.get("passwords")), text(f.get("commands")),
                joined(f.get("keys")), joined(f.get("channels")), selectors);
    };

    static final ReplyDecoder<List<AclLogEntry>> ACL_LOG = (r, c) -> {
        List<AclLogEntry> out = new ArrayList<>();
        for (Object e : Decoders.elements(r)) {
            Map<String, Object> f = fields(e);
            double age = f.get("age-seconds") == null ? 0 : Double.parseDouble(text(f.get("age-seconds")));
            out.add(new AclLogEntry(number(f.get("count")), text(f.get("reason")), text(f.get("context")),
                    text(f.get("object")), text(f.get("username")), Duration.ofNanos((long) (age * 1e9)),
                    text(f.get("client-info"))));
        }
        return out;
    };

    static final ReplyDecoder<List<ClientInfo>> CLIENT_LIST = (r, c) -> {
        List<ClientInfo> out = new ArrayList<>();
        for (String line : Decoders.text(r, UTF8).split("\n")) {
            if (!line.isBlank()) {
                out.add(ClientInfo.parse(line));
            }
        }
        return out;
    };

    static final ReplyDecoder<ClientInfo> CLIENT_INFO = (r, c) -> ClientInfo.parse(Decoders.text(r, UTF8).trim());

    static final ReplyDecoder<TrackingInfo> TRACKING_INFO = (r, c) -> {
        Map<String, Object> f = fields(r);
        return new TrackingInfo(strings(f.get("flags")), number(f.get("redirect")), strings(f.get("prefixes")));
    };

    static final ReplyDecoder<List<SlowLogEntry>> SLOWLOG = (r, c) -> {
        List<SlowLogEntry> out = new ArrayList<>();
        for (Object e : Decoders.elements(r)) {
            List<Object> p = Decoders.elements(e);
            out.add(new SlowLogEntry(Decoders.toLong(p.get(0)), Instant.ofEpochSecond(Decoders.toLong(p.get(1))),
                    Duration.ofNanos(Decoders.toLong(p.get(2)) * 1000L), texts(p.get(3)),
                    p.size() > 4 ? text(p.get(4)) : "", p.size() > 5 ? text(p.get(5)) : ""));
        }
        return out;
    };

    static final ReplyDecoder<List<LatencyEvent>> LATENCY_LATEST = (r, c) -> {
        List<LatencyEvent> out = new ArrayList<>();
        for (Object e : Decoders.elements(r)) {
            List<Object> p = Decoders.elements(e);
            out.add(new LatencyEvent(text(p.get(0)), Instant.ofEpochSecond(Decoders.toLong(p.get(1))),
                    Duration.ofMillis(Decoders.toLong(p.get(2))), Duration.ofMillis(Decoders.toLong(p.get(3)))));
        }
        return out;
    };

    static final ReplyDecoder<List<LatencySample>> LATENCY_HISTORY = (r, c) -> {
        List<LatencySample> out = new ArrayList<>();
        for (Object e : Decoders.elements(r)) {
            List<Object> p = Decoders.elements(e);
            out.add(new LatencySample(Instant.ofEpochSecond(Decoders.toLong(p.get(0))),
                    Duration.ofMillis(Decoders.toLong(p.get(1)))));
        }
        return out;
    };

    static final ReplyDecoder<Role> ROLE = (r, c) -> {
        List<Object> p = Decoders.elements(r);
        String kind = text(p.get(0));
        switch (kind) {
            case "master": {
                List<Role.ReplicaPosition> replicas = new ArrayList<>();
                for (Object replica : Decoders.elements(p.get(2))) {
                    List<Object> q = Decoders.elements(replica);
                    replicas.add(new Role.ReplicaPosition(text(q.get(0)), (int) number(q.get(1)), number(q.get(2))));
                }
                return new Role.Primary(Decoders.toLong(p.get(1)), replicas);
            }
            case "slave":
                return new Role.Replica(text(p.get(1)), (int) Decoders.toLong(p.get(2)), text(p.get(3)),
                        Decoders.toLong(p.get(4)));
            case "sentinel":
                return new Role.Sentinel(texts(p.get(1)));
            default:
                throw Decoders.shape("master, slave or sentinel", kind);
        }
    };

    static final ReplyDecoder<List<ModuleInfo>> MODULES = (r, c) -> {
        List<ModuleInfo> out = new ArrayList<>();
        for (Object e : Decoders.elements(r)) {
            Map<String, Object> f = fields(e);
            out.add(new ModuleInfo(text(f.get("name")), number(f.get("ver")),
                    f.containsKey("path") ? text(f.get("path")) : "", strings(f.get("args"))));
        }
        return out;
    };

    static final ReplyDecoder<List<KeyFlags>> KEYS_AND_FLAGS = (r, c) -> {
        List<KeyFlags> out = new ArrayList<>();
        for (Object e : Decoders.elements(r)) {
            List<Object> p = Decoders.elements(e);
            out.add(new KeyFlags(text(p.get(0)), new LinkedHashSet<>(texts(p.get(1)))));
        }
        return out;
    };

    static final ReplyDecoder<Map<String, CommandDoc>> COMMAND_DOCS = (r, c) -> {
        Map<String, CommandDoc> out = new LinkedHashMap<>();
        fields(r).forEach((name, doc) -> out.put(name, doc(name, doc)));
        return out;
    };

    static final ReplyDecoder<List<CommandDetails>> COMMAND_INFO = (r, c) -> {
        List<CommandDetails> out = new ArrayList<>();
        for (Object e : Decoders.elements(r)) {
            if (e != null) {
                out.add(details(e));
            }
        }
        return out;
    };

    private AdminDecoders() {
    }

    @SuppressWarnings("unchecked")
    private static CommandDoc doc(String name, Object raw) {
        Map<String, Object> f = raw instanceof Map<?, ?> m ? (Map<String, Object>) m : fields(raw);
        return new CommandDoc(name, text(f.get("summary")), text(f.get("since")), text(f.get("group")),
                f.containsKey("complexity") ? text(f.get("complexity")) : "", f);
    }

    private static CommandDetails details(Object raw) {
        List<Object> p = Decoders.elements(raw);
        List<CommandDetails> subs = new ArrayList<>();
        if (p.size() > 9 && p.get(9) != null) {
            for (Object sub : Decoders.elements(p.get(9))) {
                subs.add(details(sub));
            }
        }
        return new CommandDetails(text(p.get(0)), (int) Decoders.toLong(p.get(1)), new LinkedHashSet<>(texts(p.get(2))),
                (int) Decoders.toLong(p.get(3)), (int) Decoders.toLong(p.get(4)), (int) Decoders.toLong(p.get(5)),
                p.size() > 6 ? new LinkedHashSet<>(texts(p.get(6))) : Set.of(), subs);
    }

    /** A RESP2 name/value array or a RESP3 map as name to plain-Java value, in reply order. */
    static Map<String, Object> fields(Object reply) {
        List<Object> items = Decoders.elements(reply);
        if (items.size() % 2 != 0) {
            throw Decoders.shape("name/value pairs", reply);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            out.put(Decoders.text(items.get(i), UTF8), Decoders.decodeTree(items.get(i + 1), StringCodec.UTF8));
        }
        return out;
    }

    static List<String> texts(Object reply) {
        List<String> out = new ArrayList<>();
        for (Object o : Decoders.elements(reply)) {
            out.add(o == null ? null : Decoders.text(o, UTF8));
        }
        return out;
    }

    /** A value of {@link #fields}: a list of text, a single text as a one-element list, null as empty. */
    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof java.util.Collection<?> items) {
            List<String> out = new ArrayList<>();
            items.forEach(item -> out.add(String.valueOf(item)));
            return out;
        }
        return List.of(String.valueOf(value));
    }

    /** A Redis 7 string field, or a Redis 6 list of patterns joined by spaces. */
    private static String joined(Object value) {
        return value instanceof java.util.Collection<?> ? String.join(" ", strings(value)) : text(value);
    }

    private static String text(Object value) {
        return value == null ? null : value instanceof String s ? s : Decoders.text(value, UTF8);
    }

    private static long number(Object value) {
        return value == null ? 0 : Decoders.toLong(value);
    }
}
