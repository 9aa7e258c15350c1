package io.respkit.codegen;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a synchronous method's Javadoc into the Javadoc of its pipeline or async counterpart: the first sentence
 * names the command and what happens to it ("Queues {@code GET}: returns the value of ..."), {@code @param}s and
 * argument checks ({@code @throws IllegalArgumentException ...}) stay, {@code @return} describes the handle or future,
 * and the command's own errors ({@code @throws Redis...Exception}), which the result reports instead of the call,
 * become sentences about the result. Links to synchronous-only methods are pointed at the synchronous interface.
 *
 * <p>Stateless, so thread-safe.
 */
final class DocTranslator {

    /** A {@code {@code ...}}, and one right after an opening parenthesis, where the docs name a method's command. */
    private static final Pattern CODE = Pattern.compile("\\{@code ([^}]*)}");
    private static final Pattern PARENTHESIZED_CODE = Pattern.compile("\\(\\{@code ([^}]*)}");
    /** Upper-case words in {@code {@code ...}} that are arguments or error codes, not commands. */
    private static final Set<String> NOT_COMMANDS = Set.of("AFTER", "AGGREGATE", "BEFORE", "BYLEX", "BYSCORE", "CH",
            "COUNT", "ERR", "EX", "EXAT", "GT", "KEEPTTL", "LEFT", "LIMIT", "LT", "MATCH", "MAXLEN", "NOSCRIPT",
            "NX", "PX", "PXAT", "RANK", "REV", "RIGHT", "WEIGHTS", "WITHSCORES", "WRONGTYPE", "XX");
    private static final Pattern COMMAND_WORD = Pattern.compile("[A-Z][A-Z0-9]+");
    /** Commands whose second word is a subcommand, as in {@code CONFIG SET}. */
    private static final Set<String> CONTAINERS = Set.of("ACL", "CLIENT", "CLUSTER", "COMMAND", "CONFIG", "FUNCTION",
            "MEMORY", "OBJECT", "PUBSUB", "SCRIPT", "XGROUP", "XINFO");
    private static final Pattern MEMBER_LINK = Pattern.compile("\\{@(link|linkplain)\\s+#(\\w+)(\\(([^)]*)\\))?");
    private static final Pattern REDIS_EXCEPTION = Pattern.compile("(?:[\\w.]*\\.)?Redis\\w*Exception");

    private DocTranslator() {
    }

    /**
     * Translates a method comment.
     *
     * @param sync the synchronous method's comment
     * @param description a replacement for its description, or {@code null} to keep it
     * @param surface the form being generated
     * @param syncType the simple name of the synchronous interface, for links that only it can resolve
     * @param resolves tells whether {@code #name(params)} resolves in the generated interface (params {@code null}
     *        when the link has none)
     * @param see the reference to the synchronous method, for the closing {@code @see}
     * @return the translated comment
     */
    static DocComment translate(DocComment sync, String description, Surface surface, String syncType,
            BiPredicate<String, String> resolves, String see) {
        List<String> paragraphs = new ArrayList<>(description == null ? sync.paragraphs()
                : DocComment.splitParagraphs(description.strip().replaceAll("\\s+", " ")));
        paragraphs.replaceAll(p -> relink(p, syncType, resolves));
        if (paragraphs.isEmpty()) {
            paragraphs.add("Runs {@link " + see + "}.");
        }
        paragraphs.set(0, firstSentence(paragraphs.get(0), surface));

        List<DocComment.Tag> params = new ArrayList<>();
        List<DocComment.Tag> throwsTags = new ArrayList<>();
        List<DocComment.Tag> others = new ArrayList<>();
        String returns = null;
        for (DocComment.Tag tag : sync.tags()) {
            DocComment.Tag t = new DocComment.Tag(tag.name(), relink(tag.text(), syncType, resolves));
            switch (t.name()) {
                case "param" -> params.add(t);
                case "return" -> returns = t.text();
                case "throws", "exception" -> {
                    String type = t.text().split(" ", 2)[0];
                    if (REDIS_EXCEPTION.matcher(type).matches()) {
                        String rest = t.text().substring(type.length()).strip();
                        paragraphs.add("<p>" + surface.failurePrefix() + " {@link " + type + "}"
                                + (rest.isEmpty() ? "." : " " + rest + (rest.endsWith(".") ? "" : ".")));
                    } else {
                        throwsTags.add(t);
                    }
                }
                default -> others.add(t);
            }
        }
        List<DocComment.Tag> tags = new ArrayList<>(params);
        tags.add(new DocComment.Tag("return", surface.returnPrefix()
                + (returns == null || returns.isEmpty() ? "" : "; the result is " + returns)));
        tags.addAll(throwsTags);
        tags.addAll(others);
        tags.add(new DocComment.Tag("see", see));
        return new DocComment(paragraphs, tags);
    }

    /** "Returns the value of ..." becomes "Queues {@code GET}: returns the value of ...". */
    private static String firstSentence(String paragraph, Surface surface) {
        int end = firstSentenceEnd(paragraph);
        Set<String> commands = commands(paragraph.substring(0, end));
        StringBuilder lead = new StringBuilder(surface.verb()).append(' ');
        if (commands.isEmpty()) {
            lead.append("the command");
        } else {
            int i = 0;
            for (String command : commands) {
                if (i > 0) {
                    lead.append(i == commands.size() - 1 ? " or " : ", ");
                }
                lead.append("{@code ").append(command).append('}');
                i++;
            }
        }
        return lead.append(surface.manner()).append(": ").append(lowerFirst(paragraph)).toString();
    }

    /** Where Javadoc's summary sentence ends: a period followed by white space, outside inline tags. */
    static int firstSentenceEnd(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == '.' && depth == 0 && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)))) {
                return i + 1;
            }
        }
        return text.length();
    }

    /**
     * The command names a sentence gives in {@code {@code ...}}, in order, without repeats: those in parentheses
     * ("Returns the value ({@code GET})") when there are any, else all.
     */
    static Set<String> commands(String sentence) {
        Set<String> commands = commands(sentence, PARENTHESIZED_CODE);
        return commands.isEmpty() ? commands(sentence, CODE) : commands;
    }

    private static Set<String> commands(String sentence, Pattern pattern) {
        Set<String> commands = new LinkedHashSet<>();
        Matcher code = pattern.matcher(sentence);
        while (code.find()) {
            String[] words = code.group(1).strip().split(" ");
            if (!COMMAND_WORD.matcher(words[0]).matches() || NOT_COMMANDS.contains(words[0])) {
                continue;
            }
            String command = words[0];
            if (CONTAINERS.contains(command) && words.length > 1 && COMMAND_WORD.matcher(words[1]).matches()) {
                command += " " + words[1];
            }
            commands.add(command);
        }
        return commands;
    }

    private static String lowerFirst(String text) {
        if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1))) {
            return Character.toLowerCase(text.charAt(0)) + text.substring(1);
        }
        return text;
    }

    /** Points {@code {@link #m(...)}} at the synchronous interface when the generated one has no such method. */
    private static String relink(String text, String syncType, BiPredicate<String, String> resolves) {
        Matcher link = MEMBER_LINK.matcher(text);
        StringBuilder out = new StringBuilder();
        while (link.find()) {
            String replacement = link.group();
            if (!resolves.test(link.group(2), link.group(4))) {
                replacement = "{@" + link.group(1) + " " + syncType + "#" + link.group(2)
                        + (link.group(3) == null ? "" : link.group(3));
            }
            link.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        link.appendTail(out);
        return out.toString();
    }
}
