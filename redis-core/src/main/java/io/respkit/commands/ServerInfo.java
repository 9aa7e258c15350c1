package io.respkit.commands;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The reply of {@code INFO}, parsed: each section ({@code server}, {@code clients}, {@code memory},
 * {@code keyspace}, ...) as a map of its fields, in the order the server sent them. Values are kept as the server's
 * text, e.g. {@code get("server", "redis_version")} is {@code "7.0.15"} and {@code get("keyspace", "db0")} is
 * {@code "keys=3,expires=0,avg_ttl=0"}.
 *
 * <pre>{@code
 * ServerInfo info = redis.info("server");
 * String version = info.get("server", "redis_version");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param sections section name (lower case, e.g. {@code "server"}) to its fields; fields sent before any section
 *                 header are under the empty name {@code ""}
 */
public record ServerInfo(Map<String, Map<String, String>> sections) {

    /**
     * Creates the record from sections, copying them; section names are lower-cased.
     *
     * @param sections the sections
     * @throws NullPointerException when {@code sections} or a section is null
     */
    public ServerInfo {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> e : sections.entrySet()) {
            copy.put(normalize(e.getKey()),
                    Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(e.getValue(), "section"))));
        }
        sections = Collections.unmodifiableMap(copy);
    }

    /**
     * Parses the text {@code INFO} replies with: {@code # Section} headers followed by {@code field:value} lines.
     * Lines of any other shape are ignored.
     *
     * @param text the reply text
     * @return the parsed sections
     * @throws NullPointerException when {@code text} is null
     */
    public static ServerInfo parse(String text) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, String> current = null;
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            int lineEnd = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            String line = text.substring(start, lineEnd);
            start = end + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.charAt(0) == '#') {
                current = sections.computeIfAbsent(normalize(line.substring(1)), k -> new LinkedHashMap<>());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            if (current == null) {
                current = sections.computeIfAbsent("", k -> new LinkedHashMap<>());
            }
            current.put(line.substring(0, colon), line.substring(colon + 1));
        }
        return new ServerInfo(sections);
    }

    /**
     * Returns one section's fields.
     *
     * @param name the section name, in any case (e.g. {@code "Server"} or {@code "server"})
     * @return its fields in server order; empty when the reply had no such section
     */
    public Map<String, String> section(String name) {
        Map<String, String> section = sections.get(normalize(name));
        return section == null ? Collections.emptyMap() : section;
    }

    /**
     * Returns one field of one section.
     *
     * @param section the section name, in any case
     * @param key the field name, e.g. {@code "redis_version"}
     * @return the value as text, or {@code null} when the section or the field is absent
     */
    public String get(String section, String key) {
        return section(section).get(key);
    }

    /**
     * Returns a field from whichever section holds it, for callers who do not care about sections.
     *
     * @param key the field name, e.g. {@code "connected_clients"}
     * @return the value as text from the first section holding it, or {@code null} when none does
     */
    public String get(String key) {
        for (Map<String, String> section : sections.values()) {
            String value = section.get(key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String normalize(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
