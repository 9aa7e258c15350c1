package io.respkit.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds every {@code synchronized} block and method in a source tree, for the guards that keep monitors away from
 * blocking I/O and waits: on JDK 21–23 a virtual thread that blocks (on a socket, a {@code wait()}, a lock, a
 * {@code join}) while it holds a monitor pins its carrier thread, so with a few thousand virtual threads the
 * carriers run out. The scan reads source, not bytecode (the JDK 17 this builds on has no class-file API, and ASM is
 * not a dependency): comments, strings and character literals are blanked first, so only code counts.
 *
 * <p>What it cannot see is a blocking call hidden behind a method of the class's own ({@code send(...)} that writes
 * to a socket): that is why {@link #check} asks for every monitor to be reviewed and named in an allow-list with the
 * reason it only guards memory, and flags, in each, the calls that block whatever their receiver
 * ({@link #BLOCKING}).
 *
 * <p>Stateless and thread-safe.
 */
public final class MonitorScan {

    /**
     * Calls that block (socket I/O, waits, sleeps, joins, j.u.c. parking) or may (a connection's {@code close()}
     * sends TLS close_notify, a write that can wait on a full send buffer), matched in a monitor's blanked body.
     */
    public static final Pattern BLOCKING = Pattern.compile(String.join("|",
            "\\bwait\\s*\\(", "\\btimedWait\\s*\\(", "\\.join\\s*\\(", "\\bsleep\\s*\\(", "\\.park\\w*\\s*\\(",
            "\\.await\\w*\\s*\\(", "\\.take\\s*\\(", "\\.poll\\s*\\(\\s*[^)\\s]", "\\.offer\\s*\\([^()]*,",
            "\\.acquire\\w*\\s*\\(", "\\.lock\\s*\\(", "\\.lockInterruptibly\\s*\\(", "\\.tryLock\\s*\\(\\s*[^)\\s]",
            "\\.write\\w*\\s*\\(", "\\.flush\\s*\\(", "\\.read(?:Frame|Reply|Fully|Line|N?Bytes|AllBytes)?\\s*\\(",
            "\\.connect\\s*\\(",
            "\\bopen\\w*\\s*\\(", "\\.execute\\s*\\(", "\\bsend\\w*\\s*\\(", "\\.ping\\s*\\(",
            "\\.\\w*subscribe\\s*\\(", "\\.close\\s*\\(", "\\.borrow\\s*\\(", "\\.get\\s*\\(\\s*\\w+\\s*,\\s*\\w"));

    private static final Pattern KEYWORD = Pattern.compile("\\bsynchronized\\b");

    private MonitorScan() {
    }

    /**
     * One {@code synchronized} block or method.
     *
     * @param file the source file, relative to the scanned root, with {@code /} separators
     * @param line the line of the keyword, 1-based
     * @param lock the block's lock expression, or {@code method()} for a synchronized method
     * @param body the blanked body between its braces
     */
    public record Site(String file, int line, String lock, String body) {

        /** @return {@code file#lock}, the allow-list key */
        public String key() {
            return file + "#" + lock;
        }

        /** @return the blocking calls found in the body, as written */
        public List<String> blockingCalls() {
            List<String> found = new ArrayList<>();
            Matcher m = BLOCKING.matcher(body);
            while (m.find()) {
                found.add(m.group().trim());
            }
            return found;
        }
    }

    /**
     * Scans every {@code .java} file under {@code root}.
     *
     * @param root a source root such as {@code src/main/java}
     * @return the monitors found, in file order
     * @throws IOException when a file cannot be read
     * @throws IllegalStateException when {@code root} is not a directory, or a brace does not match
     */
    public static List<Site> scan(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException(root.toAbsolutePath() + " is not a directory: run from the module's base "
                    + "directory");
        }
        List<Site> sites = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                sites.addAll(scanSource(rel, Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        return sites;
    }

    /**
     * Finds the monitors of one source file.
     *
     * @param file the name to report
     * @param source the source text
     * @return the monitors, in order
     * @throws IllegalStateException when a brace or parenthesis does not match
     */
    public static List<Site> scanSource(String file, String source) {
        String code = blank(source);
        List<Site> sites = new ArrayList<>();
        Matcher m = KEYWORD.matcher(code);
        while (m.find()) {
            int at = skipSpace(code, m.end());
            int line = lineOf(code, m.start());
            String lock;
            int open;
            if (at < code.length() && code.charAt(at) == '(') {
                int close = matching(code, at, '(', ')', file, line);
                lock = code.substring(at + 1, close).replaceAll("\\s+", " ").trim();
                open = skipSpace(code, close + 1);
            } else {
                // A modifier: the method's name stands before its parameter list, the body after it.
                int params = code.indexOf('(', m.end());
                Matcher name = Pattern.compile("(\\w+)\\s*$").matcher(code.substring(m.end(), params));
                lock = (name.find() ? name.group(1) : "?") + "()";
                open = code.indexOf('{', matching(code, params, '(', ')', file, line));
            }
            if (open < 0 || open >= code.length() || code.charAt(open) != '{') {
                throw new IllegalStateException(file + ":" + line + ": no body after synchronized");
            }
            int end = matching(code, open, '{', '}', file, line);
            sites.add(new Site(file, line, lock, code.substring(open + 1, end)));
        }
        return sites;
    }

    /**
     * The guard: every monitor under {@code root} must be in {@code allowed} (its key mapped to why it guards memory
     * only), none may contain a {@linkplain #BLOCKING blocking call}, and every allow-list entry must still match a
     * monitor (a stale entry would wave through the next monitor written on that lock).
     *
     * @param root the source root
     * @param allowed the reviewed monitors: {@link Site#key()} to the reason
     * @return the problems, one line each, empty when none
     * @throws IOException when a file cannot be read
     */
    public static List<String> check(Path root, Map<String, String> allowed) throws IOException {
        List<String> problems = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        for (Site s : scan(root)) {
            String where = s.file() + ":" + s.line() + " synchronized (" + s.lock() + ")";
            if (!allowed.containsKey(s.key())) {
                problems.add(where + " is not reviewed: a monitor held across blocking I/O or a wait pins a virtual "
                        + "thread's carrier on JDK 21-23. Use a ReentrantLock (and a Condition to wait), or, when it "
                        + "only guards memory, add \"" + s.key() + "\" to the allow-list with the reason");
            } else {
                used.add(s.key());
            }
            List<String> calls = s.blockingCalls();
            if (!calls.isEmpty()) {
                problems.add(where + " surrounds calls that block or may: " + calls + ". Move them out of the "
                        + "monitor, or use a ReentrantLock");
            }
        }
        for (String key : allowed.keySet()) {
            if (!used.contains(key)) {
                problems.add("allow-list entry " + key + " matches no synchronized block or method any more: remove "
                        + "it");
            }
        }
        return problems;
    }

    /** Replaces comments, strings, text blocks and character literals by spaces, keeping every line break. */
    static String blank(String s) {
        StringBuilder out = new StringBuilder(s);
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                int end = s.indexOf('\n', i);
                end = end < 0 ? n : end;
                fill(out, i, end);
                i = end;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                fill(out, i, end);
                i = end;
            } else if (c == '"' && s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                while (end > 0 && s.charAt(end - 1) == '\\') {
                    end = s.indexOf("\"\"\"", end + 1);
                }
                end = end < 0 ? n : end + 3;
                fill(out, i + 1, end - 1);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && s.charAt(j) != c && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                fill(out, i + 1, Math.min(j, n));
                i = j + 1;
            } else {
                i++;
            }
        }
        return out.toString();
    }

    private static void fill(StringBuilder out, int from, int to) {
        for (int k = from; k < to; k++) {
            if (out.charAt(k) != '\n') {
                out.setCharAt(k, ' ');
            }
        }
    }

    private static int skipSpace(String code, int i) {
        while (i < code.length() && Character.isWhitespace(code.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int lineOf(String code, int offset) {
        int line = 1;
        for (int k = 0; k < offset; k++) {
            if (code.charAt(k) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int matching(String code, int open, char o, char c, String file, int line) {
        int depth = 0;
        for (int k = open; k < code.length(); k++) {
            char ch = code.charAt(k);
            if (ch == o) {
                depth++;
            } else if (ch == c && --depth == 0) {
                return k;
            }
        }
        throw new IllegalStateException(file + ":" + line + ": unmatched '" + o + "'");
    }
}
