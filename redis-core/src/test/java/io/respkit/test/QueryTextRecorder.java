package io.respkit.test;

import io.respkit.connection.CommandObserver;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link CommandObserver} for tests that asks for query text in one mode and records each call's text (as
 * {@code String.valueOf}: {@code "null"} when none was given), handing the call on to another observer when one is
 * given. Thread-safe.
 */
public final class QueryTextRecorder implements CommandObserver {

    private final QueryText mode;
    private final CommandObserver next;
    private final List<String> texts = new CopyOnWriteArrayList<>();

    /**
     * @param mode the query text to ask for
     * @param next the observer each call goes on to, or {@code null} for a call that ignores its end
     */
    public QueryTextRecorder(QueryText mode, CommandObserver next) {
        this.mode = mode;
        this.next = next;
    }

    /** @return the texts seen, in start order */
    public List<String> texts() {
        return texts;
    }

    @Override
    public QueryText queryText() {
        return mode;
    }

    @Override
    public Call start(Operation op) {
        texts.add(String.valueOf(op.queryText()));
        return next != null ? next.start(op) : null;
    }
}
