package io.respkit.internal.server;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One key specification of a command, as Redis 7 reports it in {@code COMMAND INFO}: where the search for keys
 * begins, how the keys are found from there, and what the command does to them. See
 * <a href="https://redis.io/docs/reference/key-specs/">Redis key specifications</a>. Immutable and thread-safe.
 *
 * @param flags the spec's flags, lower case as in {@code ro}, {@code rw}, {@code ow}, {@code rm}, {@code access},
 *        {@code update}, {@code insert}, {@code delete}, {@code not_key}, {@code incomplete},
 *        {@code variable_flags}; flags this class does not know are kept
 * @param beginSearch where the search for the first key begins
 * @param findKeys how the keys are found from the beginning
 * @param notes the server's free-text note, or the empty string
 */
public record KeySpec(Set<String> flags, BeginSearch beginSearch, FindKeys findKeys, String notes) {

    /**
     * Checks and copies the components; flags are stored in lower case.
     *
     * @throws NullPointerException when a component is null
     */
    public KeySpec {
        flags = flags.stream().map(f -> f.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(beginSearch, "beginSearch");
        Objects.requireNonNull(findKeys, "findKeys");
        Objects.requireNonNull(notes, "notes");
    }

    /**
     * Returns whether the arguments this spec finds are not keys but share their slot rules (the channels of
     * {@code SPUBLISH} and {@code SSUBSCRIBE}); {@code COMMAND GETKEYS} leaves them out.
     *
     * @return {@code true} for a {@code not_key} spec
     */
    public boolean isNotKey() {
        return flags.contains("not_key");
    }

    /**
     * Returns whether the spec may miss keys (such as {@code MIGRATE}'s {@code KEYS}), so that only the server can
     * say which arguments are keys.
     *
     * @return {@code true} for an {@code incomplete} spec
     */
    public boolean isIncomplete() {
        return flags.contains("incomplete");
    }

    /**
     * Returns whether the spec can be resolved from the arguments alone: both its parts are of a known type and it
     * is not {@link #isIncomplete() incomplete}.
     *
     * @return {@code true} when the key positions follow from the arguments
     */
    public boolean isStatic() {
        return !isIncomplete() && !(beginSearch instanceof BeginSearch.Unknown)
                && !(findKeys instanceof FindKeys.Unknown);
    }

    /**
     * Where the search for a spec's first key begins. Immutable and thread-safe.
     */
    public sealed interface BeginSearch {

        /**
         * The first key is at a fixed argument position. Immutable and thread-safe.
         *
         * @param index the position, counted from the command name at 0
         */
        record Index(int index) implements BeginSearch {
        }

        /**
         * The first key follows a keyword, found by scanning the arguments from {@code startFrom}: forwards when
         * positive, backwards from the end when negative ({@code -1} is the last argument). Immutable and
         * thread-safe.
         *
         * @param keyword the keyword, matched ignoring case
         * @param startFrom where the scan starts
         */
        record Keyword(String keyword, int startFrom) implements BeginSearch {

            /**
             * Checks the keyword.
             *
             * @throws NullPointerException when the keyword is null
             */
            public Keyword {
                Objects.requireNonNull(keyword, "keyword");
            }
        }

        /**
         * The server cannot say statically where the keys begin ({@code SORT}'s {@code BY}/{@code GET} patterns and
         * {@code STORE}); only {@code COMMAND GETKEYS} can. Immutable and thread-safe.
         *
         * @param type the type the server reported, {@code unknown} or a type newer than this client
         */
        record Unknown(String type) implements BeginSearch {

            /**
             * Checks the type.
             *
             * @throws NullPointerException when the type is null
             */
            public Unknown {
                Objects.requireNonNull(type, "type");
            }
        }
    }

    /**
     * How a spec's keys are found once the search has begun. Immutable and thread-safe.
     */
    public sealed interface FindKeys {

        /**
         * The keys are a range of arguments from the beginning. Immutable and thread-safe.
         *
         * @param lastKey the last key relative to the beginning; negative counts from the end of the arguments
         *        ({@code -1} is the last argument)
         * @param keyStep the distance between keys, 2 for {@code MSET}'s key/value pairs
         * @param limit with {@code lastKey == -1}, the part of the remaining arguments that are keys: 0 or 1 all,
         *        2 half (the streams of {@code XREAD}, followed by as many IDs)
         */
        record Range(int lastKey, int keyStep, int limit) implements FindKeys {
        }

        /**
         * An argument says how many keys follow ({@code EVAL}'s and {@code ZUNIONSTORE}'s {@code numkeys}).
         * Immutable and thread-safe.
         *
         * @param keyNumIndex the position of the count, relative to the beginning
         * @param firstKey the position of the first key, relative to the beginning
         * @param keyStep the distance between keys
         */
        record KeyNum(int keyNumIndex, int firstKey, int keyStep) implements FindKeys {
        }

        /**
         * The server cannot say statically how the keys are found; only {@code COMMAND GETKEYS} can. Immutable and
         * thread-safe.
         *
         * @param type the type the server reported, {@code unknown} or a type newer than this client
         */
        record Unknown(String type) implements FindKeys {

            /**
             * Checks the type.
             *
             * @throws NullPointerException when the type is null
             */
            public Unknown {
                Objects.requireNonNull(type, "type");
            }
        }
    }
}
