package io.respkit.connection;

import io.respkit.exceptions.RedisUnsupportedCommandException;
import io.respkit.commands.Command;
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
 * because no caller could read their replies ({@link #checkSendable}). This is the one table of such rules.
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
     * Records what a command that succeeded left on the connection. Command names match case-insensitively.
     *
     * @param command the command
     * @return {@code true} when the server closes the connection after this reply ({@code QUIT})
     * @throws NumberFormatException when a {@code SELECT} argument is not a number (the server would have refused it)
     */
    boolean track(Command<?> command) {
        String first = command.argumentText(0);
        if (inMulti) {
            queuedInMulti(command);
        }
        if (!mayChangeState(first)) {
            return false; // GET, SET, HSET, ...: the hot path stays free of case conversion and string switches
        }
        String name = upper(first);
        switch (name) {
            case "SELECT" -> database = Integer.parseInt(command.argumentText(1));
            case "MULTI" -> {
                inMulti = true;
                queued = 0;
                credentialsQueued = null;
            }
            case "EXEC", "DISCARD" -> {
                inMulti = false;
                watching = false;
                credentialsQueued = null;
            }
            case "WATCH" -> watching = true;
            case "UNWATCH" -> watching = false;
            case "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE" -> subscribed = true;
            case "HELLO", "AUTH", "RESET", "MONITOR" -> altered = true;
            case "QUIT" -> {
                altered = true;
                return true;
            }
            case "CLIENT" -> {
                String sub = command.argumentCount() > 1 ? upper(command.argumentText(1)) : "";
                // Per-connection modes the next borrower would inherit (NO-EVICT, NO-TOUCH: Redis 7.x).
                if ("SETNAME".equals(sub) || "TRACKING".equals(sub) || "REPLY".equals(sub) || "NO-EVICT".equals(sub)
                        || "NO-TOUCH".equals(sub) || "SETINFO".equals(sub)) {
                    altered = true;
                }
            }
            default -> {
            }
        }
        return false;
    }

    /**
     * Refuses, before any of its bytes are buffered, a command whose replies no caller of an ordinary connection
     * could read: {@code SUBSCRIBE}, {@code PSUBSCRIBE}, {@code SSUBSCRIBE} and their {@code UN} forms (they belong on
     * a subscriber connection; over RESP3 their confirmations are push frames, so a caller waiting for a reply
     * would wait out its whole timeout), and {@code CLIENT REPLY OFF|SKIP} (the server stops answering). Subscriber
     * connections are not checked. Names match case-insensitively; the everyday commands cost a length check.
     *
     * @param command the command about to be sent on a connection that holds no subscription
     * @throws RedisUnsupportedCommandException when the command is one of those
     */
    static void checkSendable(Command<?> command) {
        String first = command.argumentText(0);
        int len = first.length();
        if (len < 6 || len > 12 || len == 7 || len == 8) {
            return; // everything but CLIENT (6) and the subscribe family (9 to 12), without looking at a letter
        }
        if (len == 6) {
            if (first.equalsIgnoreCase("CLIENT") && command.argumentCount() > 2
                    && command.argumentText(1).equalsIgnoreCase("REPLY")) {
                String mode = command.argumentText(2);
                if (mode.equalsIgnoreCase("OFF") || mode.equalsIgnoreCase("SKIP")) {
                    throw new RedisUnsupportedCommandException("CLIENT REPLY " + upper(mode) + " cannot be sent: "
                            + "the server would stop answering, and respkit reads a reply for every command it sends");
                }
            }
            return;
        }
        if ((first.charAt(len - 9) | 0x20) != 's' || (first.charAt(len - 4) | 0x20) != 'r') {
            return; // not ...SUBSCRIBE: ZREVRANGE, HRANDFIELD, INCRBYFLOAT, ... stop at two letters
        }
        boolean subscribe = first.regionMatches(true, len - 9, "SUBSCRIBE", 0, 9)
                && (len == 9 || (len == 10 && isOneOf(first.charAt(0), 'P', 'S'))
                || (len == 11 && first.regionMatches(true, 0, "UN", 0, 2))
                || (len == 12 && first.regionMatches(true, 1, "UN", 0, 2) && isOneOf(first.charAt(0), 'P', 'S')));
        if (subscribe) {
            String name = upper(first);
            throw new RedisUnsupportedCommandException(name + " cannot run through execute(...), a pipeline or a "
                    + "transaction: subscriptions turn a connection into a subscriber connection, whose messages "
                    + "arrive without a command to answer; use RedisClient.subscriber() (or Subscriber) instead");
        }
    }

    /**
     * Refuses what {@link #checkSendable} refuses and, for a command about to be queued in a transaction, the
     * commands the server runs at once instead of queueing: {@code RESET}, {@code DISCARD}, {@code EXEC},
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
        String first = command.argumentText(0);
        int len = first.length();
        if ((len == 4 || len == 5 || len == 7) && (first.equalsIgnoreCase("EXEC") || first.equalsIgnoreCase("MULTI")
                || first.equalsIgnoreCase("RESET") || first.equalsIgnoreCase("DISCARD")
                || first.equalsIgnoreCase("WATCH"))) {
            throw new RedisUnsupportedCommandException(upper(first) + " cannot be queued in a transaction: the server "
                    + "runs it at once instead of queueing it; the transaction API sends MULTI and EXEC itself "
                    + "(discard() drops it), and keys are watched before MULTI (transaction(keys, ...), or watch() "
                    + "on a transactional pipeline)");
        }
    }

    private static boolean isOneOf(char c, char upper1, char upper2) {
        char u = Character.toUpperCase(c);
        return u == upper1 || u == upper2;
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

    /**
     * A cheap filter on the first word of a command: {@code false} guarantees the command is none of those
     * {@link #track} records, judged by first letter (either case) and length.
     */
    static boolean mayChangeState(String word) {
        int len = word.length();
        if (len < 4 || len > 10) {
            return false;
        }
        return switch (word.charAt(0) | 0x20) {
            case 's' -> len == 6 || len == 9 || len == 10; // SELECT, SUBSCRIBE, SSUBSCRIBE
            case 'm' -> len == 5 || len == 7;              // MULTI, MONITOR
            case 'e', 'a', 'q' -> len == 4;                // EXEC, AUTH, QUIT
            case 'd', 'u' -> len == 7;                     // DISCARD, UNWATCH
            case 'w', 'h', 'r' -> len == 5;                // WATCH, HELLO, RESET
            case 'p' -> len == 10;                         // PSUBSCRIBE
            case 'c' -> len == 6;                          // CLIENT
            default -> false;
        };
    }

    private static String upper(String word) {
        return word.toUpperCase(Locale.ROOT);
    }
}
