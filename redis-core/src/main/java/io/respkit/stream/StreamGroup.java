package io.respkit.stream;

import io.respkit.commands.RedisCommands;
import io.respkit.commands.StreamEntryId;
import io.respkit.commands.StreamOffset;
import io.respkit.commands.XGroupCreateArgs;
import io.respkit.exceptions.RedisServerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The consumer group as a {@link StreamConsumer}'s workers share it: creates it when missing and remembers the
 * highest id any worker read, so that a group lost with a server restart is recreated where the consumer left off
 * rather than at {@code $} (which would skip what producers added since the restart) or {@code 0} (which would
 * deliver again everything still in the stream).
 *
 * <p>Thread-safe.
 */
final class StreamGroup {

    private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);

    private final String stream;
    private final String group;
    private final StreamOffset startId;
    private final AtomicReference<StreamEntryId> lastSeen = new AtomicReference<>();
    /** Set once the group is known to exist; a creation after that means it was lost. */
    private final AtomicBoolean existed = new AtomicBoolean();

    StreamGroup(String stream, String group, StreamOffset startId) {
        this.stream = stream;
        this.group = group;
        this.startId = startId;
    }

    /** Records that a worker read {@code id}. */
    void seen(StreamEntryId id) {
        lastSeen.accumulateAndGet(id, (a, b) -> a == null || b.compareTo(a) > 0 ? b : a);
    }

    /**
     * Creates the group with {@code MKSTREAM} unless it exists ({@code BUSYGROUP} is success). When the group existed
     * before, it was lost (a restart without persistence, a failover to a replica that had not got it, a
     * {@code XGROUP DESTROY}): the one worker whose creation succeeds logs the gap once at WARN.
     *
     * @param commands where to run {@code XGROUP CREATE}
     * @throws RedisServerException for any error reply but {@code BUSYGROUP} (e.g. {@code WRONGTYPE})
     */
    void ensure(RedisCommands<?> commands) {
        StreamEntryId resumeAfter = lastSeen.get();
        StreamOffset from = resumeAfter != null ? resumeAfter : startId;
        try {
            commands.xgroupCreate(stream, group, from, XGroupCreateArgs.NONE.withMkStream());
        } catch (RedisServerException e) {
            if ("BUSYGROUP".equals(e.code())) {
                existed.set(true);
                return;
            }
            throw e;
        }
        if (existed.getAndSet(true)) {
            log.warn("Consumer group '{}' of stream '{}' was missing (server restart or failover without the group, "
                    + "or XGROUP DESTROY); recreated it after id {}: entries pending before, and entries added to a "
                    + "stream that survived at or before that id, are not delivered again", group, stream,
                    from.offsetText());
        } else {
            log.info("Created consumer group '{}' on stream '{}' starting at {}", group, stream, from.offsetText());
        }
    }

    /**
     * Returns whether an error reply means the stream or the group is gone.
     *
     * @param e the error
     * @return {@code true} for {@code NOGROUP}
     */
    static boolean isNoGroup(RedisServerException e) {
        return "NOGROUP".equals(e.code());
    }
}
