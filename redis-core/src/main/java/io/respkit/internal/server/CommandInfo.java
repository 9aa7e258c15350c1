package io.respkit.internal.server;

import io.respkit.commands.RequestPolicy;
import io.respkit.commands.ResponsePolicy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a server says about one command in {@code COMMAND INFO}: name, arity, flags, ACL categories, the legacy key
 * range, key specifications and subcommands. Redis 6.x reports no key specs and no subcommands (the legacy range and
 * the {@code movablekeys} flag are all there is); Redis 7 reports both. Immutable and thread-safe.
 *
 * @param name the command name in lower case, {@code container|sub} for a subcommand (e.g. {@code object|encoding})
 * @param arity the argument count including the name when positive, the minimum count when negative
 * @param flags the command flags in lower case: {@code readonly}, {@code write}, {@code blocking}, {@code denyoom},
 *        {@code noscript}, {@code pubsub}, {@code loading}, {@code stale}, {@code fast}, {@code movablekeys},
 *        {@code no_multi}, ...; flags this class does not know are kept
 * @param legacyKeys the first-key/last-key/step triple every Redis version reports
 * @param aclCategories the ACL categories, e.g. {@code @read}, lower case; empty before Redis 6
 * @param tips the command tips, lower case; empty before Redis 7 (the cluster policies among them are read by
 *        {@link #requestPolicy()} and {@link #responsePolicy()})
 * @param keySpecs the key specifications in server order; empty before Redis 7
 * @param subcommands the subcommands by their own word in lower case (e.g. {@code encoding} for
 *        {@code OBJECT ENCODING}), in server order; empty before Redis 7 and for commands without any
 */
public record CommandInfo(String name, int arity, Set<String> flags, LegacyKeyRange legacyKeys,
                          Set<String> aclCategories, Set<String> tips, List<KeySpec> keySpecs,
                          Map<String, CommandInfo> subcommands) {

    /**
     * Checks and copies the components; names, flags, categories and tips are stored in lower case.
     *
     * @throws NullPointerException when a component is null
     */
    public CommandInfo {
        name = name.toLowerCase(Locale.ROOT);
        flags = lowerCase(flags);
        Objects.requireNonNull(legacyKeys, "legacyKeys");
        aclCategories = lowerCase(aclCategories);
        tips = lowerCase(tips);
        keySpecs = List.copyOf(keySpecs);
        Map<String, CommandInfo> subs = new LinkedHashMap<>();
        subcommands.forEach((word, info) -> subs.put(word.toLowerCase(Locale.ROOT), Objects.requireNonNull(info)));
        subcommands = Collections.unmodifiableMap(subs);
    }

    /**
     * Returns whether the server flags the command {@code flag}.
     *
     * @param flag the flag, any case
     * @return {@code true} when flagged
     */
    public boolean hasFlag(String flag) {
        return flags.contains(flag.toLowerCase(Locale.ROOT));
    }

    /**
     * Returns whether the command reads the keyspace and writes nothing (flagged {@code readonly}, not
     * {@code write}).
     *
     * @return {@code true} for a read-only command
     */
    public boolean isReadOnly() {
        return flags.contains("readonly") && !flags.contains("write");
    }

    /**
     * Returns whether the command may change the keyspace (flagged {@code write}).
     *
     * @return {@code true} for a write
     */
    public boolean isWrite() {
        return flags.contains("write");
    }

    /**
     * Returns whether the command may block the connection (flagged {@code blocking}).
     *
     * @return {@code true} for a blocking command
     */
    public boolean isBlocking() {
        return flags.contains("blocking");
    }

    /**
     * Returns whether the command's keys cannot be found from the legacy range alone (flagged
     * {@code movablekeys}): without key specs, only {@code COMMAND GETKEYS} can find them.
     *
     * @return {@code true} for movable keys
     */
    public boolean hasMovableKeys() {
        return flags.contains("movablekeys");
    }

    /**
     * Returns where a cluster client sends the command, from its {@code request_policy} tip (see
     * {@link CommandTips}).
     *
     * @return the policy; {@link RequestPolicy#DEFAULT} without the tip (always before Redis 7)
     */
    public RequestPolicy requestPolicy() {
        return CommandTips.requestPolicy(tips);
    }

    /**
     * Returns how a cluster client merges the command's replies, from its {@code response_policy} tip (see
     * {@link CommandTips}).
     *
     * @return the policy; {@link ResponsePolicy#DEFAULT} without the tip (always before Redis 7)
     */
    public ResponsePolicy responsePolicy() {
        return CommandTips.responsePolicy(tips);
    }

    /**
     * Returns the subcommand whose word is {@code word}, ignoring case.
     *
     * @param word the subcommand's own word, e.g. {@code "ENCODING"}
     * @return the subcommand, or {@code null} when there is none of that name
     */
    public CommandInfo subcommand(String word) {
        for (Map.Entry<String, CommandInfo> e : subcommands.entrySet()) {
            if (e.getKey().equalsIgnoreCase(word)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static Set<String> lowerCase(Set<String> values) {
        return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The legacy key range: keys at {@code firstKey}, {@code firstKey + step}, ... up to {@code lastKey}, which
     * counts from the end when negative ({@code -1} is the last argument). {@code firstKey == 0} means no keys.
     * Immutable and thread-safe.
     *
     * @param firstKey the position of the first key, 0 for none
     * @param lastKey the position of the last key, negative from the end
     * @param step the distance between keys
     */
    public record LegacyKeyRange(int firstKey, int lastKey, int step) {

        /** The range of a command without keys. */
        public static final LegacyKeyRange NONE = new LegacyKeyRange(0, 0, 0);

        /**
         * Returns whether the range names any key.
         *
         * @return {@code true} when {@code firstKey} is not 0
         */
        public boolean hasKeys() {
            return firstKey != 0;
        }
    }
}
