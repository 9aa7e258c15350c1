package io.respkit.connection;

import io.respkit.exceptions.RedisUnsupportedCommandException;
import io.respkit.commands.Command;
import io.respkit.commands.CommandSpec;
import io.respkit.commands.ConnectionEffect;
import io.respkit.internal.CredentialArguments;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the commands run on one connection left on it: the selected database, an open {@code MULTI}, a
 * {@code WATCH}, subscriptions, and changes the pool cannot undo ({@code HELLO}, {@code AUTH}, {@code RESET},
 * {@code MONITOR}, {@code QUIT}, {@code CLIENT SETNAME}/{@code TRACKING}/{@code REPLY}/{@code NO-EVICT}/{@code NO-TOUCH}/
 * {@code SETINFO}), so that the pool can refuse
 * to hand a dirty connection to the next borrower; and which commands a connection must refuse to send at all,
 * because no caller could read their replies ({@link #checkSendable}). Which command does what is not listed
 * here but read from each command's {@linkplain Command#spec() spec}.
 *
 * <p>Not thread-safe: owned by one {@link RedisConnection}, which serves one caller at a time.
 */
final class ConnectionState {

    private int database;
    private boolean inMulti;
    private boolean watching;
    private boolean subscribed;
    private boolean altered;
    /** Commands queued since a hand-written MULTI; see {@link #queuedInMulti}. */
    private int queued;
    /** The credential-carrying ones among them, by their place in the queue; {@code null} when there are none. */
    private Map<Integer, Command<?>> credentialsQueued;

    /**
     * Records what a command that succeeded left on the connection, as its {@linkplain Command#spec() spec}'s
     * {@linkplain CommandSpec#effect() effect} says; for an ordinary command this costs one bit test.
     *
     * @param command the command
     * @return {@code true} when the server closes the connection after this reply ({@code QUIT})
     * @throws NumberFormatException when a {@code SELECT} argument is not a number (the server would have refused it)
     */
    boolean track(Command<?> command) {
        if (inMulti) {
            queuedInMulti(command);
        }
        CommandSpec spec = command.spec();
        if (!spec.changesConnectionState()) {
            return false; // GET, SET, HSET, ...: the hot path stays free of case conversion and string switches
        }
        switch (spec.effect()) {
            case DATABASE -> database = Integer.parseInt(command.argumentText(1));
            case TRANSACTION_START -> {
                inMulti = true;
                queued = 0;
                credentialsQueued = null;
            }
            case TRANSACTION_END -> {
                inMulti = false;
                watching = false;
                credentialsQueued = null;
            }
            case WATCH -> watching = true;
            case UNWATCH -> watching = false;
            case SUBSCRIBE -> subscribed = true;
            // Per-connection modes the next borrower would inherit (NO-EVICT, NO-TOUCH: Redis 7.x).
            case PROTOCOL, AUTH, RESET, MONITOR, NAME, TRACKING, REPLY_MODE, CLIENT_MODE -> altered = true;
            case QUIT -> {
                altered = true;
                return true;
            }
            default -> {
            }
        }
        return false;
    }

    /**
     * Refuses, before any of its bytes are buffered, a command whose replies no caller of an ordinary connection
     * could read: those whose spec {@linkplain CommandSpec#hasNoReply() has no single reply}, {@code SUBSCRIBE},
     * {@code PSUBSCRIBE}, {@code SSUBSCRIBE} and their {@code UN} forms (they belong on a subscriber connection; over
     * RESP3 their confirmations are push frames, so a caller waiting for a reply would wait out its whole timeout),
     * and {@code CLIENT REPLY OFF|SKIP} (the server stops answering). Subscriber connections are not checked. Names
     * match case-insensitively; the everyday commands cost a bit test of their spec.
     *
     * @param command the command about to be sent on a connection that holds no subscription
     * @throws RedisUnsupportedCommandException when the command is one of those
     */
    static void checkSendable(Command<?> command) {
        CommandSpec spec = command.spec();
        if (!spec.changesConnectionState()) {
            return; // both kinds refused change connection state: everything else stops at one bit test
        }
        if (spec.hasNoReply()) {
            throw new RedisUnsupportedCommandException(spec.name() + " cannot run through execute(...), a pipeline "
                    + "or a transaction: subscriptions turn a connection into a subscriber connection, whose messages "
                    + "arrive without a command to answer; use RedisClient.subscriber() (or Subscriber) instead");
        }
        if (spec.effect() == ConnectionEffect.REPLY_MODE && command.argumentCount() > 2) {
            String mode = command.argumentText(2);
            if (mode.equalsIgnoreCase("OFF") || mode.equalsIgnoreCase("SKIP")) {
                throw new RedisUnsupportedCommandException("CLIENT REPLY " + upper(mode) + " cannot be sent: "
                        + "the server would stop answering, and respkit reads a reply for every command it sends");
            }
        }
    }

    /**
     * Refuses what {@link #checkSendable} refuses and, for a command about to be queued in a transaction, the
     * commands the server runs at once instead of queueing (their spec is not
     * {@linkplain CommandSpec#isQueueable() queueable}): {@code RESET}, {@code DISCARD}, {@code EXEC},
     * {@code MULTI} and {@code WATCH}. The first four end or break the {@code MULTI}, so the commands queued after
     * them would run one by one, outside the transaction ({@code RESET} also moves the connection to database 0 and
     * the default user); {@code WATCH} is answered with an error at once, so {@code EXEC} would return one result
     * fewer than was queued.
     *
     * @param command the command about to be queued
     * @throws RedisUnsupportedCommandException when the command is one of those
     */
    static void checkQueueable(Command<?> command) {
        checkSendable(command);
        CommandSpec spec = command.spec();
        if (!spec.isQueueable()) {
            throw new RedisUnsupportedCommandException(spec.name() + " cannot be queued in a transaction: the "
                    + "server runs it at once instead of queueing it; the transaction API sends MULTI and EXEC itself "
                    + "(discard() drops it), and keys are watched before MULTI (transaction(keys, ...), or watch() "
                    + "on a transactional pipeline)");
        }
    }

    /**
     * Records a command the server queued after a hand-written {@code MULTI} (its reply was {@code QUEUED}), so that
     * the errors in the {@code EXEC} result can be scrubbed of that command's secrets. {@link io.respkit.Transaction}
     * does not need this: it knows its queued commands.
     */
    private void queuedInMulti(Command<?> command) {
        int index = queued++;
        if (CredentialArguments.carriesCredentials(command)) {
            if (credentialsQueued == null) {
                credentialsQueued = new HashMap<>();
            }
            credentialsQueued.put(index, command);
        }
    }

    /** @return whether a credential-carrying command was queued since {@code MULTI} */
    boolean credentialsQueued() {
        return credentialsQueued != null;
    }

    /**
     * Returns the credential-carrying command queued at {@code index} since {@code MULTI}.
     *
     * @param index the place in the queue, and in the {@code EXEC} result
     * @return the command, or {@code null} when the command there carries no credentials
     */
    Command<?> credentialsQueuedAt(int index) {
        return credentialsQueued == null ? null : credentialsQueued.get(index);
    }

    /** Records the database the handshake selected. */
    void selected(int db) {
        database = db;
    }

    /** @return whether a command may be slipped in ahead of the next one: not inside MULTI, not subscribed */
    boolean mayAskClientId() {
        return !inMulti && !subscribed;
    }

    /** @return whether the connection holds subscriptions */
    boolean subscribed() {
        return subscribed;
    }

    /** Marks the connection as being in subscriber mode, or not. */
    void subscribed(boolean on) {
        subscribed = on;
    }

    /**
     * Returns whether nothing is left that a new borrower would not expect.
     *
     * @param configuredDatabase the database the configuration selects
     * @return {@code true} when the connection can be handed out as is
     */
    boolean isClean(int configuredDatabase) {
        return !inMulti && !watching && !subscribed && !altered && database == configuredDatabase;
    }

    private static String upper(String word) {
        return word.toUpperCase(Locale.ROOT);
    }
}
