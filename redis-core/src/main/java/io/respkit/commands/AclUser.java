package io.respkit.commands;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user's ACL rules as {@code ACL GETUSER} reports them. The password hashes are not passwords, but they still let
 * an attacker try passwords offline: {@link #toString()} shows only how many there are. Immutable and thread-safe.
 *
 * @param flags the user's flags, e.g. {@code on}, {@code nopass}, {@code sanitize-payload}
 * @param passwordHashes the SHA-256 hashes of the user's passwords, in hex
 * @param commands the command rules, e.g. {@code "+@all -debug"}
 * @param keys the key patterns of the root selector, e.g. {@code "~*"} (Redis 7: one string)
 * @param channels the channel patterns of the root selector, e.g. {@code "&*"}
 * @param selectors the additional selectors (Redis 7), each as its fields ({@code commands}, {@code keys},
 *        {@code channels}); empty when none
 */
public record AclUser(List<String> flags, List<String> passwordHashes, String commands, String keys,
                      String channels, List<Map<String, String>> selectors) {

    /**
     * Copies the lists.
     *
     * @throws NullPointerException when a list is null
     */
    public AclUser {
        flags = List.copyOf(flags);
        passwordHashes = List.copyOf(passwordHashes);
        selectors = List.copyOf(selectors);
    }

    /**
     * Returns whether the user is enabled (its {@code on} flag).
     *
     * @return {@code true} when the user may authenticate
     */
    public boolean isEnabled() {
        return flags.contains("on");
    }

    @Override
    public String toString() {
        return "AclUser[flags=" + flags + ", passwordHashes=" + passwordHashes.size() + " hidden, commands="
                + commands + ", keys=" + keys + ", channels=" + channels + ", selectors=" + selectors + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AclUser u && flags.equals(u.flags) && passwordHashes.equals(u.passwordHashes)
                && Objects.equals(commands, u.commands) && Objects.equals(keys, u.keys)
                && Objects.equals(channels, u.channels) && selectors.equals(u.selectors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(flags, passwordHashes, commands, keys, channels, selectors);
    }
}
