package io.respkit.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * A Javadoc comment split into its description paragraphs and block tags, with whitespace collapsed, and rendered
 * back wrapped at the project's 120 columns.
 *
 * <p>Immutable, so thread-safe.
 *
 * @param paragraphs the description, one entry per paragraph; every entry after the first starts with {@code <p>}
 * @param tags the block tags in their order
 */
record DocComment(List<String> paragraphs, List<Tag> tags) {

    private static final int WIDTH = 120;

    /**
     * One block tag.
     *
     * @param name the tag name without {@code @}, e.g. {@code param}
     * @param text the rest of the tag, whitespace collapsed (for {@code @param} it starts with the parameter name)
     */
    record Tag(String name, String text) {
    }

    DocComment {
        paragraphs = List.copyOf(paragraphs);
        tags = List.copyOf(tags);
    }

    /**
     * Parses the text {@link javax.lang.model.util.Elements#getDocComment} returns.
     *
     * @param raw the comment text without its {@code /**}, {@code *}s and closing; {@code null} for none
     * @return the parsed comment, empty when there is none
     */
    static DocComment parse(String raw) {
        if (raw == null) {
            return new DocComment(List.of(), List.of());
        }
        StringBuilder description = new StringBuilder();
        List<Tag> tags = new ArrayList<>();
        StringBuilder tag = null;
        for (String line : raw.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("@")) {
                if (tag != null) {
                    tags.add(toTag(tag));
                }
                tag = new StringBuilder(trimmed);
            } else if (tag != null) {
                tag.append(' ').append(trimmed);
            } else {
                description.append(' ').append(trimmed);
            }
        }
        if (tag != null) {
            tags.add(toTag(tag));
        }
        return new DocComment(splitParagraphs(collapse(description)), tags);
    }

    /**
     * Splits a description into paragraphs at each {@code <p>}.
     *
     * @param text the description, whitespace collapsed
     * @return the paragraphs, every one after the first starting with {@code <p>}; empty for a blank text
     */
    static List<String> splitParagraphs(String text) {
        List<String> paragraphs = new ArrayList<>();
        int start = 0;
        int p;
        while ((p = text.indexOf("<p>", start + 1)) > 0) {
            addParagraph(paragraphs, text.substring(start, p));
            start = p;
        }
        addParagraph(paragraphs, text.substring(start));
        return paragraphs;
    }

    private static void addParagraph(List<String> paragraphs, String paragraph) {
        String p = paragraph.strip();
        if (!p.isEmpty()) {
            paragraphs.add(p);
        }
    }

    private static Tag toTag(StringBuilder tag) {
        String text = collapse(tag);
        int space = text.indexOf(' ');
        return space < 0 ? new Tag(text.substring(1), "") : new Tag(text.substring(1, space),
                text.substring(space + 1));
    }

    private static String collapse(CharSequence text) {
        return text.toString().strip().replaceAll("\\s+", " ");
    }

    /**
     * Returns the tags with a given name.
     *
     * @param name the tag name without {@code @}
     * @return those tags, in order
     */
    List<Tag> tags(String name) {
        return tags.stream().filter(t -> t.name().equals(name)).toList();
    }

    /**
     * Renders the comment, {@code /**} to its closing, each line indented.
     *
     * @param indent the indentation of the commented declaration
     * @return the source text, ending with a line break
     */
    String render(String indent) {
        StringBuilder out = new StringBuilder(indent).append("/**\n");
        int width = WIDTH - indent.length() - 3;
        for (int i = 0; i < paragraphs.size(); i++) {
            if (i > 0) {
                out.append(indent).append(" *\n");
            }
            wrap(out, indent, paragraphs.get(i), width, "");
        }
        if (!tags.isEmpty()) {
            if (!paragraphs.isEmpty()) {
                out.append(indent).append(" *\n");
            }
            for (Tag tag : tags) {
                wrap(out, indent, "@" + tag.name() + (tag.text().isEmpty() ? "" : " " + tag.text()), width,
                        "        ");
            }
        }
        return out.append(indent).append(" */\n").toString();
    }

    /** Splits at spaces outside inline tags, so that a line never breaks inside {@code {@code ...}}. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == ' ' && depth == 0) {
                words.add(text.substring(start, i));
                start = i + 1;
            }
        }
        words.add(text.substring(start));
        return words;
    }

    private static void wrap(StringBuilder out, String indent, String text, int width, String continuation) {
        StringBuilder line = new StringBuilder();
        for (String word : words(text)) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.append(indent).append(" * ").append(line).append('\n');
                line.setLength(0);
                line.append(continuation);
            }
            if (line.length() > 0 && !line.toString().equals(continuation)) {
                line.append(' ');
            }
            line.append(word);
        }
        out.append(indent).append(" * ").append(line).append('\n');
    }
}
