package io.respkit.internal.server;

import io.respkit.protocol.RespMap;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds sample argument lists for a command from its {@code COMMAND DOCS} argument layout, for checking key
 * extraction against {@code COMMAND GETKEYS}: keys are {@code key:1}, {@code key:2}, ..., other values are distinct
 * too, a {@code multiple} argument appears twice, and a {@code numkeys} argument holds the number of keys that the
 * next key argument produced. Three variants: only the required arguments; every optional one with the first
 * alternative of each choice; every optional one with the last alternative. Not thread-safe; one per sample.
 */
final class CommandDocsSamples {

    /** One argument of a layout. */
    record Arg(String name, String type, String token, List<String> flags, List<Arg> args) {
    }

    private final List<String> out = new ArrayList<>();
    private final boolean optionals;
    private final boolean firstAlternative;
    private int counter;
    private int pendingNumKeys = -1;

    private CommandDocsSamples(boolean optionals, boolean firstAlternative) {
        this.optionals = optionals;
        this.firstAlternative = firstAlternative;
    }

    /**
     * Returns the sample argument lists for a command.
     *
     * @param words the command's words, e.g. {@code [OBJECT, ENCODING]}
     * @param layout its arguments after the words
     * @return the distinct samples
     */
    static List<List<String>> samples(List<String> words, List<Arg> layout) {
        List<List<String>> samples = new ArrayList<>();
        for (boolean[] mode : new boolean[][] {{false, true}, {true, true}, {true, false}}) {
            CommandDocsSamples s = new CommandDocsSamples(mode[0], mode[1]);
            s.out.addAll(words);
            for (Arg a : layout) {
                s.emit(a, false);
            }
            if (s.pendingNumKeys >= 0) {
                s.out.set(s.pendingNumKeys, "0");
            }
            if (!samples.contains(s.out)) {
                samples.add(s.out);
            }
        }
        return samples;
    }

    private void emit(Arg a, boolean chosen) {
        boolean optional = a.flags().contains("optional") && !chosen;
        if (optional && !optionals) {
            return;
        }
        int repeats = a.flags().contains("multiple") ? 2 : 1;
        int keysBefore = countKeys();
        for (int r = 0; r < repeats; r++) {
            if (a.token() != null && (r == 0 || a.flags().contains("multiple_token"))) {
                out.add(a.token());
            }
            switch (a.type()) {
                case "pure-token" -> { }
                case "key" -> out.add("key:" + (++counter));
                case "integer" -> {
                    if (a.name().toLowerCase(Locale.ROOT).contains("numkeys")) {
                        pendingNumKeys = out.size();
                        out.add("?");
                    } else {
                        out.add("1");
                    }
                }
                case "double" -> out.add("1.5");
                case "unix-time" -> out.add("1700000000");
                case "oneof" -> {
                    List<Arg> alternatives = a.args();
                    emit(alternatives.get(firstAlternative ? 0 : alternatives.size() - 1), true);
                }
                case "block" -> {
                    for (Arg child : a.args()) {
                        emit(child, false);
                    }
                }
                default -> out.add("v:" + (++counter));
            }
        }
        if (a.type().equals("key") && pendingNumKeys >= 0) {
            out.set(pendingNumKeys, Integer.toString(countKeys() - keysBefore));
            pendingNumKeys = -1;
        }
    }

    private int countKeys() {
        int n = 0;
        for (String s : out) {
            if (s.startsWith("key:")) {
                n++;
            }
        }
        return n;
    }

    /**
     * Reads a {@code COMMAND DOCS} reply (RESP2 or RESP3) into argument layouts by full command name
     * ({@code object|encoding} for a subcommand).
     *
     * @param reply the raw reply
     * @return the layouts
     */
    static Map<String, List<Arg>> layouts(Object reply) {
        Map<String, List<Arg>> layouts = new LinkedHashMap<>();
        fields(reply).forEach((name, doc) -> addLayouts(name, doc, layouts));
        return layouts;
    }

    private static void addLayouts(String name, Object doc, Map<String, List<Arg>> layouts) {
        Map<String, Object> fields = fields(doc);
        layouts.put(name.toLowerCase(Locale.ROOT), args(fields.get("arguments")));
        if (fields.get("subcommands") != null) {
            fields(fields.get("subcommands")).forEach((sub, subDoc) -> addLayouts(sub, subDoc, layouts));
        }
    }

    private static List<Arg> args(Object raw) {
        List<Arg> args = new ArrayList<>();
        if (raw == null) {
            return args;
        }
        for (Object a : (List<?>) raw) {
            Map<String, Object> f = fields(a);
            List<String> flags = new ArrayList<>();
            if (f.get("flags") != null) {
                for (Object flag : (List<?>) (f.get("flags") instanceof io.respkit.protocol.RespSet s
                        ? s.elements() : f.get("flags"))) {
                    flags.add(text(flag));
                }
            }
            args.add(new Arg(text(f.get("name")), text(f.get("type")),
                    f.get("token") == null ? null : text(f.get("token")), flags, args(f.get("arguments"))));
        }
        return args;
    }

    private static Map<String, Object> fields(Object raw) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (raw instanceof RespMap map) {
            for (int i = 0; i < map.size(); i++) {
                fields.put(text(map.key(i)), map.value(i));
            }
        } else {
            List<?> list = (List<?>) raw;
            for (int i = 0; i < list.size(); i += 2) {
                fields.put(text(list.get(i)), list.get(i + 1));
            }
        }
        return fields;
    }

    private static String text(Object raw) {
        return raw instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(raw);
    }
}
