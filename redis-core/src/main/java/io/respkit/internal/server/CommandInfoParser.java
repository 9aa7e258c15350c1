package io.respkit.internal.server;

import io.respkit.exceptions.RedisProtocolException;
import io.respkit.internal.server.CommandInfo.LegacyKeyRange;
import io.respkit.internal.server.KeySpec.BeginSearch;
import io.respkit.internal.server.KeySpec.FindKeys;
import io.respkit.protocol.RespMap;
import io.respkit.protocol.RespSet;
import io.respkit.protocol.VerbatimString;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code COMMAND} and {@code COMMAND INFO} replies into {@link CommandInfo} values, from RESP2 (arrays, key
 * spec maps as flat key/value arrays) or RESP3 (sets and maps), as {@link io.respkit.protocol.RespReader} produces
 * them or as a decoded tree ({@code Map}, {@code Set}, {@code String}). Every shape from Redis 2.8.13 on is read:
 * six fields before 6.0, seven with the ACL categories of 6.x, ten with the tips, key specs and subcommands of 7.x;
 * fields added by later versions are ignored. Stateless and thread-safe.
 */
public final class CommandInfoParser {

    private CommandInfoParser() {
    }

    /**
     * Reads a {@code COMMAND INFO name...} reply: one entry per name asked for, empty for a name the server does not
     * know.
     *
     * @param reply the raw reply
     * @return the entries in the order the names were asked
     * @throws RedisProtocolException when the reply is not a {@code COMMAND INFO} reply
     */
    public static List<Optional<CommandInfo>> parseInfo(Object reply) {
        List<Optional<CommandInfo>> result = new ArrayList<>();
        for (Object entry : elements(reply, "COMMAND INFO reply")) {
            result.add(entry == null ? Optional.empty() : Optional.of(parseEntry(entry)));
        }
        return result;
    }

    /**
     * Reads a {@code COMMAND} reply (the whole table) into a map by lower-case name, in server order.
     *
     * @param reply the raw reply
     * @return the commands by name
     * @throws RedisProtocolException when the reply is not a {@code COMMAND} reply
     */
    public static Map<String, CommandInfo> parseTable(Object reply) {
        Map<String, CommandInfo> table = new LinkedHashMap<>();
        for (Object entry : elements(reply, "COMMAND reply")) {
            if (entry != null) {
                CommandInfo info = parseEntry(entry);
                table.put(info.name(), info);
            }
        }
        return table;
    }

    /**
     * Reads one command entry, subcommands included.
     *
     * @param entry the raw entry: an array of at least six fields
     * @return the command
     * @throws RedisProtocolException when the entry has another shape
     */
    public static CommandInfo parseEntry(Object entry) {
        List<Object> fields = elements(entry, "command entry");
        if (fields.size() < 6) {
            throw shape("command entry of at least 6 fields", entry);
        }
        String name = text(fields.get(0), "command name");
        Set<String> aclCategories = fields.size() > 6 ? texts(fields.get(6), "ACL categories") : Set.of();
        Set<String> tips = fields.size() > 7 ? texts(fields.get(7), "command tips") : Set.of();
        List<KeySpec> keySpecs = new ArrayList<>();
        if (fields.size() > 8) {
            for (Object spec : elements(fields.get(8), "key specs")) {
                keySpecs.add(keySpec(spec));
            }
        }
        Map<String, CommandInfo> subcommands = new LinkedHashMap<>();
        if (fields.size() > 9) {
            for (Object sub : elements(fields.get(9), "subcommands")) {
                CommandInfo info = parseEntry(sub);
                String subName = info.name();
                subcommands.put(subName.substring(subName.indexOf('|') + 1), info);
            }
        }
        LegacyKeyRange legacy = new LegacyKeyRange(integer(fields.get(3), "first key"),
                integer(fields.get(4), "last key"), integer(fields.get(5), "key step"));
        return new CommandInfo(name, integer(fields.get(1), "arity"), texts(fields.get(2), "command flags"), legacy,
                aclCategories, tips, keySpecs, subcommands);
    }

    private static KeySpec keySpec(Object raw) {
        Map<String, Object> spec = fields(raw, "key spec");
        Object notes = spec.get("notes");
        return new KeySpec(spec.containsKey("flags") ? texts(spec.get("flags"), "key spec flags") : Set.of(),
                beginSearch(fields(spec.get("begin_search"), "begin_search")),
                findKeys(fields(spec.get("find_keys"), "find_keys")),
                notes == null ? "" : text(notes, "key spec notes"));
    }

    private static BeginSearch beginSearch(Map<String, Object> search) {
        String type = lower(text(search.get("type"), "begin_search type"));
        Map<String, Object> spec = search.get("spec") == null ? Map.of() : fields(search.get("spec"), "spec");
        return switch (type) {
            case "index" -> new BeginSearch.Index(integer(spec.get("index"), "index"));
            case "keyword" -> new BeginSearch.Keyword(text(spec.get("keyword"), "keyword"),
                    integer(spec.get("startfrom"), "startfrom"));
            default -> new BeginSearch.Unknown(type);
        };
    }

    private static FindKeys findKeys(Map<String, Object> find) {
        String type = lower(text(find.get("type"), "find_keys type"));
        Map<String, Object> spec = find.get("spec") == null ? Map.of() : fields(find.get("spec"), "spec");
        return switch (type) {
            case "range" -> new FindKeys.Range(integer(spec.get("lastkey"), "lastkey"),
                    integer(spec.get("keystep"), "keystep"),
                    spec.containsKey("limit") ? integer(spec.get("limit"), "limit") : 0);
            case "keynum" -> new FindKeys.KeyNum(integer(spec.get("keynumidx"), "keynumidx"),
                    integer(spec.get("firstkey"), "firstkey"), integer(spec.get("keystep"), "keystep"));
            default -> new FindKeys.Unknown(type);
        };
    }

    /** The elements of an array, a set or any collection; a RESP2 nil array is empty. */
    @SuppressWarnings("unchecked")
    private static List<Object> elements(Object raw, String what) {
        if (raw instanceof List<?> list) {
            return (List<Object>) list;
        }
        if (raw instanceof RespSet set) {
            return set.elements();
        }
        if (raw instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (raw == null) {
            return List.of();
        }
        throw shape(what + " as an array or set", raw);
    }

    /** A RESP3 map, a decoded map, or a RESP2 flat array of alternating names and values, by lower-case name. */
    private static Map<String, Object> fields(Object raw, String what) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (raw instanceof RespMap map) {
            for (int i = 0; i < map.size(); i++) {
                fields.put(lower(text(map.key(i), what + " field name")), map.value(i));
            }
        } else if (raw instanceof Map<?, ?> map) {
            map.forEach((k, v) -> fields.put(lower(text(k, what + " field name")), v));
        } else if (raw instanceof List<?> list && list.size() % 2 == 0) {
            for (int i = 0; i < list.size(); i += 2) {
                fields.put(lower(text(list.get(i), what + " field name")), list.get(i + 1));
            }
        } else {
            throw shape(what + " as a map", raw);
        }
        return fields;
    }

    private static Set<String> texts(Object raw, String what) {
        Set<String> texts = new LinkedHashSet<>();
        for (Object e : elements(raw, what)) {
            texts.add(text(e, what));
        }
        return texts;
    }

    private static String text(Object raw, String what) {
        if (raw instanceof String s) {
            return s;
        }
        if (raw instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (raw instanceof VerbatimString v) {
            return new String(v.content(), StandardCharsets.UTF_8);
        }
        throw shape(what + " as text", raw);
    }

    private static int integer(Object raw, String what) {
        if (raw instanceof Long || raw instanceof Integer) {
            long v = ((Number) raw).longValue();
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                return (int) v;
            }
        } else if (raw instanceof String || raw instanceof byte[]) {
            try {
                return Integer.parseInt(text(raw, what));
            } catch (NumberFormatException e) {
                throw shape(what + " as an integer", raw);
            }
        }
        throw shape(what + " as an integer", raw);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    private static RedisProtocolException shape(String expected, Object raw) {
        // The type only: a reply is never quoted in a message.
        String got = raw == null ? "null" : raw.getClass().getSimpleName();
        return new RedisProtocolException("Unexpected COMMAND INFO reply: expected " + expected + ", got " + got);
    }
}
