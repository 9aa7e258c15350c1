package io.respkit.internal.multiplex;

import io.respkit.exceptions.RedisException;
import io.respkit.commands.Command;

/**
 * A command waiting on a {@link MultiplexedConnection}, and where its reply goes: a {@link SyncCall} for a caller
 * that waits, a {@link MultiplexedConnection.Pending} future for an asynchronous one.
 *
 * <p>Each slot is completed exactly once, by the one thread that took it off a queue of the connection (the
 * reader for a reply, whichever thread fails the connection otherwise), so implementations need no atomic
 * compare-and-set; they must publish the outcome safely to the thread that waits for it.
 */
interface Slot {

    /** @return the command */
    Command<?> command();

    /** @return the {@link System#nanoTime()} at which the command was submitted, for the timeout watchdog */
    long submittedAt();

    /**
     * Completes the slot with its reply. Runs on the reader thread: keep it short.
     *
     * @param frame the raw reply, possibly an {@link io.respkit.protocol.ErrorReply}
     * @param address the server address, for messages
     */
    void reply(Object frame, String address);

    /**
     * Completes the slot with a failure of the connection.
     *
     * @param cause why
     */
    void fail(RedisException cause);
}
