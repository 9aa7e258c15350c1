package io.respkit.commands;

import java.time.Duration;

/**
 * One entry of the ACL log ({@code ACL LOG}): a command or authentication the ACLs denied. Immutable and thread-safe.
 *
 * @param count how many times this denial happened (similar denials are grouped)
 * @param reason why: {@code command}, {@code key}, {@code channel} or {@code auth}
 * @param context where: {@code toplevel}, {@code multi}, {@code lua} or {@code module}
 * @param object the denied command, key or channel name ({@code AUTH} for a failed authentication)
 * @param username the user
 * @param age how long ago the last such denial happened
 * @param clientInfo the denied client's description, as one {@code CLIENT LIST} line
 */
public record AclLogEntry(long count, String reason, String context, String object, String username, Duration age,
                          String clientInfo) {
}
