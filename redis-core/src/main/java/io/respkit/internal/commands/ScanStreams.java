package io.respkit.internal.commands;

import io.respkit.commands.ScanPage;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Turns a SCAN-family cursor into a lazy {@link Stream}: pages are fetched one at a time as the stream is consumed,
 * each with its own call (so a pooled client holds no connection between pages). As with any SCAN, an element may
 * appear more than once when the collection changes during the iteration.
 *
 * <p>Stateless and thread-safe; each returned stream is for one thread.
 */
public final class ScanStreams {

    private ScanStreams() {
    }

    /**
     * Creates the stream.
     *
     * @param fetch fetches the page starting at a cursor
     * @param <T> the item type
     * @return a lazy stream over every item
     */
    public static <T> Stream<T> stream(Function<String, ScanPage<T>> fetch) {
        Iterator<T> it = new Iterator<>() {
            private String cursor = "0";
            private boolean finished;
            private Iterator<T> page = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!page.hasNext()) {
                    if (finished) {
                        return false;
                    }
                    ScanPage<T> p = fetch.apply(cursor);
                    cursor = p.cursor();
                    finished = p.isFinished();
                    page = p.items().iterator();
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED), false);
    }
}
