package io.respkit.internal.commands;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.AclLogEntry;
import io.respkit.commands.AclUser;
import io.respkit.commands.Command;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Definitions of the {@code ACL} commands. Every one carries the {@code ACL} credential rule (and {@code ACL SETUSER}
 * its own), so a password in a rule is never shown in a log, an error or {@code toString()}.
 *
 * <p>Stateless and thread-safe.
 */
public final class AclDefs {

    private AclDefs() {
    }

    /** ACL CAT [category]; {@code category} may be null for the list of categories. */
    public static Command<List<String>> aclCat(RedisCodec<?> c, String category) {
        Command<List<String>> cmd = Command.create(c, AdminSpecs.ACL_CAT, AdminDecoders.STRINGS);
        return category == null ? cmd : cmd.arg(category);
    }

    /** ACL DELUSER user [user ...]. */
    public static Command<Long> aclDelUser(RedisCodec<?> c, Collection<String> users) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("ACL DELUSER needs at least one user");
        }
        Command<Long> cmd = Command.create(c, AdminSpecs.ACL_DELUSER, Decoders.integer());
        users.forEach(u -> cmd.arg(Objects.requireNonNull(u, "user")));
        return cmd;
    }

    /** ACL DRYRUN user command [arg ...]: null when permitted, else the reason. */
    public static Command<String> aclDryRun(RedisCodec<?> c, String user, String command, List<String> args) {
        Command<String> cmd = Command.create(c, AdminSpecs.ACL_DRYRUN, AdminDecoders.DENIAL)
                .arg(Objects.requireNonNull(user, "user")).arg(Objects.requireNonNull(command, "command"));
        args.forEach(a -> cmd.arg(Objects.requireNonNull(a, "argument")));
        return cmd;
    }

    /** ACL GENPASS [bits]; {@code bits} null for the default 256. */
    public static Command<String> aclGenPass(RedisCodec<?> c, Integer bits) {
        if (bits != null && (bits < 1 || bits > 4096)) {
            throw new IllegalArgumentException("ACL GENPASS bits must be 1 to 4096: " + bits);
        }
        Command<String> cmd = Command.create(c, AdminSpecs.ACL_GENPASS, Decoders.string());
        return bits == null ? cmd : cmd.arg(bits.longValue());
    }

    /** ACL GETUSER user: null when there is no such user. */
    public static Command<AclUser> aclGetUser(RedisCodec<?> c, String user) {
        return Command.create(c, AdminSpecs.ACL_GETUSER, AdminDecoders.ACL_USER)
                .arg(Objects.requireNonNull(user, "user"));
    }

    /** ACL LIST. */
    public static Command<List<String>> aclList(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.ACL_LIST, AdminDecoders.STRINGS);
    }

    /** ACL LOAD. */
    public static Command<Boolean> aclLoad(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.ACL_LOAD, Decoders.okOrNull());
    }

    /** ACL LOG [count]; {@code count} null for the server's default (10). */
    public static Command<List<AclLogEntry>> aclLog(RedisCodec<?> c, Integer count) {
        if (count != null && count < 1) {
            throw new IllegalArgumentException("ACL LOG count must be positive: " + count);
        }
        Command<List<AclLogEntry>> cmd = Command.create(c, AdminSpecs.ACL_LOG, AdminDecoders.ACL_LOG);
        return count == null ? cmd : cmd.arg(count.longValue());
    }

    /** ACL LOG RESET. */
    public static Command<Boolean> aclLogReset(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.ACL_LOG, Decoders.okOrNull()).arg("RESET");
    }

    /** ACL SAVE. */
    public static Command<Boolean> aclSave(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.ACL_SAVE, Decoders.okOrNull());
    }

    /** ACL SETUSER user [rule ...]: the password rules are masked by the spec's credential rule. */
    public static Command<Boolean> aclSetUser(RedisCodec<?> c, String user, List<String> rules) {
        Command<Boolean> cmd = Command.create(c, CommandSpecs.ACL_SETUSER, Decoders.okOrNull())
                .arg(Objects.requireNonNull(user, "user"));
        rules.forEach(r -> cmd.arg(Objects.requireNonNull(r, "rule")));
        return cmd;
    }

    /** ACL USERS. */
    public static Command<List<String>> aclUsers(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.ACL_USERS, AdminDecoders.STRINGS);
    }

    /** ACL WHOAMI. */
    public static Command<String> aclWhoAmI(RedisCodec<?> c) {
        return Command.create(c, AdminSpecs.ACL_WHOAMI, Decoders.string());
    }
}
