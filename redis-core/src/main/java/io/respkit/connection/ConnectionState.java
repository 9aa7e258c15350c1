package io.respkit.connection;

import io.respkit.commands.Command;

import java.util.Locale;

/**
 * What the commands run on one connection left on it: the selected database, an open {@code MULTI}, a
 * {@code WATCH}, subscriptions, and changes the pool cannot undo ({@code HELLO}, {@code AUTH}, {@code RESET},
 * {@code MONITOR}, {@code CLIENT SETNAME}/{@code TRACKING}/{@code REPLY}), so that the pool can refuse to hand a
 * dirty connection to the next borrower.
 *
 * <p>Not thread-safe: owned by one {@link RedisConnection}, which serves one caller at a time.
 */
final class ConnectionState {

    private int database;
    private boolean inMulti;
    private boolean watching;
    private boolean subscribed;
    private boolean altered;

    /**
     * Records what a command that succeeded left on the connection. Command names match case-insensitively.
     *
     * @param command the command
     * @throws NumberFormatException when a {@code SELECT} argument is not a number (the server would have refused it)
     */
    void track(Command<?> command) {
        String first = command.argumentText(0);
        if (!mayChangeState(first)) {
            return; // GET, SET, HSET, ...: the hot path stays free of case conversion and string switches
        }
        String name = upper(first);
        switch (name) {
            case "SELECT" -> database = Integer.parseInt(command.argumentText(1));
            case "MULTI" -> inMulti = true;
            case "EXEC", "DISCARD" -> {
                inMulti = false;
                watching = false;
            }
            case "WATCH" -> watching = true;
            case "UNWATCH" -> watching = false;
            case "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE" -> subscribed = true;
            case "HELLO", "AUTH", "RESET", "MONITOR" -> altered = true;
            case "CLIENT" -> {
                String sub = command.argumentCount() > 1 ? upper(command.argumentText(1)) : "";
                if ("SETNAME".equals(sub) || "TRACKING".equals(sub) || "REPLY".equals(sub)) {
                    altered = true;
                }
            }
            default -> {
            }
        }
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
            case 'e', 'a' -> len == 4;                     // EXEC, AUTH
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
