package io.respkit.internal.commands;

import io.respkit.commands.FunctionInfo;
import io.respkit.commands.FunctionStats;
import io.respkit.commands.LibraryInfo;
import io.respkit.commands.ReplyDecoder;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decoders for {@code FUNCTION LIST} and {@code FUNCTION STATS}, whose replies are maps: flat
 * {@code [name, value, ...]} arrays in RESP2, maps (and sets for flags) in RESP3; both decode to the same records.
 *
 * <p>Stateless and thread-safe.
 */
final class FunctionDecoders {

    static final ReplyDecoder<List<LibraryInfo>> LIBRARIES = (r, c) -> libraries(r, c.charset());
    static final ReplyDecoder<FunctionStats> STATS = (r, c) -> stats(r, c.charset());

    private FunctionDecoders() {
    }

    private static List<LibraryInfo> libraries(Object reply, Charset cs) {
        List<Object> items = Decoders.elements(reply);
        List<LibraryInfo> out = new ArrayList<>(items.size());
        for (Object item : items) {
            Map<String, Object> lib = fields(item, cs);
            List<FunctionInfo> functions = new ArrayList<>();
            for (Object f : Decoders.elements(lib.get("functions"))) {
                Map<String, Object> fn = fields(f, cs);
                Object description = fn.get("description");
                functions.add(new FunctionInfo(Decoders.text(fn.get("name"), cs),
                        description == null ? null : Decoders.text(description, cs), texts(fn.get("flags"), cs)));
            }
            Object code = lib.get("library_code");
            out.add(new LibraryInfo(Decoders.text(lib.get("library_name"), cs), Decoders.text(lib.get("engine"), cs),
                    functions, code == null ? null : Decoders.text(code, cs)));
        }
        return out;
    }

    private static FunctionStats stats(Object reply, Charset cs) {
        Map<String, Object> top = fields(reply, cs);
        FunctionStats.Running running = null;
        Object script = top.get("running_script");
        if (script != null && !Decoders.elements(script).isEmpty()) {
            Map<String, Object> s = fields(script, cs);
            running = new FunctionStats.Running(Decoders.text(s.get("name"), cs),
                    textList(s.get("command"), cs),
                    Duration.ofMillis(Decoders.toLong(s.get("duration_ms"))));
        }
        Map<String, FunctionStats.Engine> engines = new LinkedHashMap<>();
        Object all = top.get("engines");
        if (all != null) {
            for (Map.Entry<String, Object> e : fields(all, cs).entrySet()) {
                Map<String, Object> counts = fields(e.getValue(), cs);
                engines.put(e.getKey(), new FunctionStats.Engine(Decoders.toLong(counts.get("libraries_count")),
                        Decoders.toLong(counts.get("functions_count"))));
            }
        }
        return new FunctionStats(running, engines);
    }

    /** A RESP3 map or a RESP2 flat name/value array, by name; values left raw. */
    private static Map<String, Object> fields(Object reply, Charset cs) {
        List<Object> items = Decoders.elements(reply);
        if (items.size() % 2 != 0) {
            throw Decoders.shape("map", reply);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i += 2) {
            out.put(Decoders.text(items.get(i), cs), items.get(i + 1));
        }
        return out;
    }

    private static List<String> textList(Object reply, Charset cs) {
        List<Object> items = Decoders.elements(reply);
        List<String> out = new ArrayList<>(items.size());
        for (Object o : items) {
            out.add(Decoders.text(o, cs));
        }
        return out;
    }

    private static Set<String> texts(Object reply, Charset cs) {
        Set<String> out = new LinkedHashSet<>();
        if (reply != null) {
            for (Object o : Decoders.elements(reply)) {
                out.add(Decoders.text(o, cs));
            }
        }
        return out;
    }
}
