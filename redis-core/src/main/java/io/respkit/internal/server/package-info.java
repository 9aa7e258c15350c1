/**
 * What a server says about its own commands, for commands respkit does not type: {@link
 * io.respkit.internal.server.CommandInfoParser} reads {@code COMMAND INFO} replies (Redis 2.8.13 to 7.x, RESP2 and
 * RESP3) into {@link io.respkit.internal.server.CommandInfo} values, {@link io.respkit.internal.server.KeyExtraction}
 * finds a command's key arguments from them as {@code COMMAND GETKEYS} would, and
 * {@link io.respkit.internal.server.ServerCommandTable} asks each server once per command name and caches the answer.
 * Internal: not part of respkit's API, and free to change.
 */
package io.respkit.internal.server;
