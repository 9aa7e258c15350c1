package io.respkit.commands;

import io.respkit.internal.commands.AclDefs;

import java.util.Arrays;
import java.util.List;

/**
 * Synchronous access-control commands ({@code ACL}). Each method is defined once in
 * {@code io.respkit.internal.commands.AclDefs} and runs through {@link #execute(Command)}. Passwords given in
 * {@link #aclSetUser(String, String...)} rules are never shown in logs, exception messages or {@code toString()}.
 *
 * <p>Thread-safe when the implementation is ({@link io.respkit.RedisClient} is).
 *
 * <p>Every method throws {@link io.respkit.exceptions.RedisServerException} ({@code NOPERM}) when the connection's
 * user may not run it, and {@link io.respkit.exceptions.RedisConnectionException} when the connection fails.
 *
 * @param <V> the value type
 */
@GenerateSurfaces(subject = "Access-control (ACL) commands",
        pipelineNote = "Rules with passwords are masked in errors and logs here too.",
        asyncNote = "Rules with passwords are masked in errors and logs here too.")
public interface AclCommands<V> extends BaseCommands<V> {

    /**
     * Lists the ACL categories ({@code ACL CAT}).
     *
     * @return the categories, e.g. {@code keyspace}, {@code read}, {@code dangerous}
     */
    default List<String> aclCat() {
        return execute(AclDefs.aclCat(codec(), null));
    }

    /**
     * Lists the commands of an ACL category ({@code ACL CAT category}).
     *
     * @param category the category, e.g. {@code "geo"}
     * @return the command names, lower case
     * @throws io.respkit.exceptions.RedisServerException for an unknown category
     */
    default List<String> aclCat(String category) {
        return execute(AclDefs.aclCat(codec(), category));
    }

    /**
     * Deletes users and closes their connections ({@code ACL DELUSER}).
     *
     * @param users the user names, at least one
     * @return how many existed and were deleted
     * @throws IllegalArgumentException when no user is given
     * @throws io.respkit.exceptions.RedisServerException when asked to delete {@code default}
     */
    default long aclDelUser(String... users) {
        return execute(AclDefs.aclDelUser(codec(), Arrays.asList(users)));
    }

    /**
     * Checks, without running it, whether a user may run a command ({@code ACL DRYRUN}, Redis 7.0+).
     *
     * @param user the user
     * @param command the command name
     * @param args its arguments
     * @return {@code null} when permitted, otherwise the server's reason
     * @throws io.respkit.exceptions.RedisServerException for an unknown user or command
     */
    default String aclDryRun(String user, String command, String... args) {
        return execute(AclDefs.aclDryRun(codec(), user, command, Arrays.asList(args)));
    }

    /**
     * Generates a random password of 256 bits, as 64 hex characters ({@code ACL GENPASS}).
     *
     * @return the password
     */
    default String aclGenPass() {
        return execute(AclDefs.aclGenPass(codec(), null));
    }

    /**
     * Generates a random password of {@code bits} bits, as hex characters ({@code ACL GENPASS bits}).
     *
     * @param bits 1 to 4096
     * @return the password, {@code bits / 4} characters rounded up
     * @throws IllegalArgumentException when {@code bits} is out of range
     */
    default String aclGenPass(int bits) {
        return execute(AclDefs.aclGenPass(codec(), bits));
    }

    /**
     * Returns a user's rules ({@code ACL GETUSER}).
     *
     * @param user the user
     * @return the rules, or {@code null} when there is no such user
     */
    default AclUser aclGetUser(String user) {
        return execute(AclDefs.aclGetUser(codec(), user));
    }

    /**
     * Lists every user's rules in {@code ACL} file form ({@code ACL LIST}): password hashes included.
     *
     * @return one line per user, e.g. {@code user default on nopass ~* &* +@all}
     */
    default List<String> aclList() {
        return execute(AclDefs.aclList(codec()));
    }

    /**
     * Reloads the users from the ACL file ({@code ACL LOAD}).
     *
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when the server has no ACL file or it is invalid
     */
    default boolean aclLoad() {
        return execute(AclDefs.aclLoad(codec()));
    }

    /**
     * Returns the latest 10 denials of the ACL log ({@code ACL LOG}).
     *
     * @return the entries, newest first
     */
    default List<AclLogEntry> aclLog() {
        return execute(AclDefs.aclLog(codec(), null));
    }

    /**
     * Returns the latest denials of the ACL log ({@code ACL LOG count}).
     *
     * @param count how many, at least 1
     * @return the entries, newest first
     * @throws IllegalArgumentException when {@code count} is not positive
     */
    default List<AclLogEntry> aclLog(int count) {
        return execute(AclDefs.aclLog(codec(), count));
    }

    /**
     * Empties the ACL log ({@code ACL LOG RESET}).
     *
     * @return {@code true}
     */
    default boolean aclLogReset() {
        return execute(AclDefs.aclLogReset(codec()));
    }

    /**
     * Writes the users to the ACL file ({@code ACL SAVE}).
     *
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException when the server has no ACL file
     */
    default boolean aclSave() {
        return execute(AclDefs.aclSave(codec()));
    }

    /**
     * Creates a user or changes its rules ({@code ACL SETUSER}), e.g.
     * {@code aclSetUser("app", "on", ">s3cret", "~app:*", "+@read")}. Password rules ({@code >}, {@code <},
     * {@code #}, {@code !}) are masked in errors, logs and {@code toString()}.
     *
     * @param user the user name
     * @param rules the rules, applied in order
     * @return {@code true}
     * @throws io.respkit.exceptions.RedisServerException for an invalid rule (the rule itself is not quoted back)
     */
    default boolean aclSetUser(String user, String... rules) {
        return execute(AclDefs.aclSetUser(codec(), user, Arrays.asList(rules)));
    }

    /**
     * Lists the user names ({@code ACL USERS}).
     *
     * @return the names, sorted
     */
    default List<String> aclUsers() {
        return execute(AclDefs.aclUsers(codec()));
    }

    /**
     * Returns the user of the connection the call runs on ({@code ACL WHOAMI}).
     *
     * @return the user name, {@code default} unless the connection authenticated as another
     */
    default String aclWhoAmI() {
        return execute(AclDefs.aclWhoAmI(codec()));
    }
}
