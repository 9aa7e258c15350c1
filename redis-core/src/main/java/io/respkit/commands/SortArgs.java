package io.respkit.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Options of {@code SORT} and {@code SORT_RO}: {@code BY} a pattern (or {@code BY nosort}), {@code LIMIT offset count},
 * {@code GET} patterns ({@code "#"} for the element itself), {@code DESC} and {@code ALPHA}.
 *
 * <pre>{@code
 * redis.sort("ids", SortArgs.NONE.by("weight_*").get("#").get("name_*").limit(0, 10).desc());
 * redis.sort("names", SortArgs.NONE.alpha());
 * }</pre>
 *
 * <p>Immutable and thread-safe; each method returns a new instance.
 *
 * @param byPattern the {@code BY} pattern ({@code "nosort"} skips sorting), or {@code null} to sort by the elements
 * @param offset how many elements to skip ({@code LIMIT offset}), at least 0
 * @param count how many elements to return at most ({@code LIMIT ... count}); negative for no {@code LIMIT}
 * @param getPatterns the {@code GET} patterns, in order; empty to return the elements themselves
 * @param descending whether to sort highest first ({@code DESC})
 * @param alphabetical whether to sort lexicographically rather than numerically ({@code ALPHA})
 */
public record SortArgs(String byPattern, long offset, long count, List<String> getPatterns, boolean descending,
        boolean alphabetical) {

    /** No options: the elements themselves, numerically, ascending, all of them. */
    public static final SortArgs NONE = new SortArgs(null, 0, -1, List.of(), false, false);

    /**
     * Validates the options and copies the patterns into an unmodifiable list.
     *
     * @throws NullPointerException when the patterns or one of them is null
     * @throws IllegalArgumentException when the offset is negative, a {@code LIMIT} offset is given without a count,
     *         or a pattern is empty
     */
    public SortArgs {
        if (offset < 0) {
            throw new IllegalArgumentException("SORT LIMIT offset must not be negative");
        }
        if (byPattern != null && byPattern.isEmpty()) {
            throw new IllegalArgumentException("SORT BY pattern must not be empty");
        }
        getPatterns = List.copyOf(getPatterns);
        for (String p : getPatterns) {
            if (p.isEmpty()) {
                throw new IllegalArgumentException("SORT GET pattern must not be empty");
            }
        }
    }

    /**
     * Returns a copy sorting by the values of the keys a pattern names ({@code BY weight_*}, {@code BY h_*->field}).
     *
     * @param pattern the pattern, with {@code *} standing for the element
     * @return the options
     * @throws NullPointerException when the pattern is null
     * @throws IllegalArgumentException when the pattern is empty
     */
    public SortArgs by(String pattern) {
        return new SortArgs(Objects.requireNonNull(pattern, "pattern"), offset, count, getPatterns, descending, alphabetical);
    }

    /**
     * Returns a copy that does not sort ({@code BY nosort}): useful with {@code GET} or {@code LIMIT} alone.
     *
     * @return the options
     */
    public SortArgs noSort() {
        return by("nosort");
    }

    /**
     * Returns a copy with {@code LIMIT offset count}.
     *
     * @param newOffset how many elements to skip, at least 0
     * @param newCount how many to return at most; negative for all after the offset
     * @return the options
     * @throws IllegalArgumentException when the offset is negative
     */
    public SortArgs limit(long newOffset, long newCount) {
        return new SortArgs(byPattern, newOffset, newCount, getPatterns, descending, alphabetical);
    }

    /**
     * Returns a copy with one more {@code GET} pattern: {@code "#"} for the element itself, {@code "name_*"} or
     * {@code "h_*->field"} for a value the element names. The reply holds, for each element, one entry per pattern.
     *
     * @param pattern the pattern
     * @return the options
     * @throws NullPointerException when the pattern is null
     * @throws IllegalArgumentException when the pattern is empty
     */
    public SortArgs get(String pattern) {
        List<String> all = new ArrayList<>(getPatterns);
        all.add(Objects.requireNonNull(pattern, "pattern"));
        return new SortArgs(byPattern, offset, count, all, descending, alphabetical);
    }

    /** @return a copy sorting highest first ({@code DESC}) */
    public SortArgs desc() {
        return new SortArgs(byPattern, offset, count, getPatterns, true, alphabetical);
    }

    /** @return a copy sorting lowest first ({@code ASC}, the default) */
    public SortArgs asc() {
        return new SortArgs(byPattern, offset, count, getPatterns, false, alphabetical);
    }

    /** @return a copy sorting lexicographically ({@code ALPHA}) */
    public SortArgs alpha() {
        return new SortArgs(byPattern, offset, count, getPatterns, descending, true);
    }

    /**
     * Appends the options to a command whose key was just added.
     *
     * @param command the command
     */
    public void appendTo(Command<?> command) {
        if (byPattern != null) {
            command.arg("BY").arg(byPattern);
        }
        if (offset > 0 || count >= 0) {
            command.arg("LIMIT").arg(offset).arg(count);
        }
        for (int i = 0; i < getPatterns.size(); i++) {
            command.arg("GET").arg(getPatterns.get(i));
        }
        if (descending) {
            command.arg("DESC");
        }
        if (alphabetical) {
            command.arg("ALPHA");
        }
    }
}
