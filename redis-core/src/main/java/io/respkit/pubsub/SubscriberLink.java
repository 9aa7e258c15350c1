package io.respkit.pubsub;

import io.respkit.codec.RedisCodec;
import io.respkit.commands.Command;
import io.respkit.exceptions.RedisConnectionException;
import io.respkit.exceptions.RedisException;
import io.respkit.internal.commands.Decoders;
import io.respkit.internal.connection.RespChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Subscriber}'s connection and the channels, patterns and shard channels it is subscribed to, changed together under one
 * write lock, so that a subscription change is either made before a reconnection (and then resubscribed) or sent on
 * the new connection: never lost, never sent twice. The subscriber's reading, health check and reconnection policy
 * stay in {@link Subscriber}.
 *
 * <p>Thread-safe: every write and the connection swap hold the write lock; the connection is read through a volatile
 * field. The write lock is a {@link ReentrantLock}, not a monitor: it is held across socket writes, and a virtual
 * thread blocking inside a monitor pins its carrier on JDK 21–23.
 */
final class SubscriberLink {

    private static final Logger log = LoggerFactory.getLogger(Subscriber.class);

    private final RedisCodec<?> codec;
    private final String address;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    private final Set<String> patterns = ConcurrentHashMap.newKeySet();
    private final Set<String> shardChannels = ConcurrentHashMap.newKeySet();
    private volatile RespChannel channel;
    private volatile boolean closed;

    SubscriberLink(RespChannel channel, RedisCodec<?> codec) {
        this.channel = channel;
        this.codec = codec;
        this.address = channel.address();
    }

    /** @return the current connection; a reconnection may replace it */
    RespChannel channel() {
        return channel;
    }

    /** @return the channels subscribed to by the subscriber's calls (a live view) */
    Set<String> channels() {
        return channels;
    }

    /** @return the patterns subscribed to by the subscriber's calls (a live view) */
    Set<String> patterns() {
        return patterns;
    }

    /** @return the shard channels subscribed to by the subscriber's calls (a live view) */
    Set<String> shardChannels() {
        return shardChannels;
    }

    /** @return whether {@link #close()} was called */
    boolean isClosed() {
        return closed;
    }

    /**
     * Sends a subscription change and records it, both under the write lock. Without {@code deferOnFailure} the
     * change is recorded only once sent. With it, the change is recorded first and a send failure on a lost
     * connection is left to the reader, which resubscribes whatever is recorded when it reconnects.
     *
     * @param command {@code SUBSCRIBE}, {@code PSUBSCRIBE}, {@code SSUBSCRIBE} or their {@code UN} forms
     * @param names the channels or patterns; none unsubscribes from all
     * @param deferOnFailure whether the subscriber reconnects, and so resends what is recorded
     * @throws RedisConnectionException when sending failed and the change cannot be deferred, or the link is closed
     */
    void change(String command, String[] names, boolean deferOnFailure) {
        writeLock.lock();
        try {
            if (!deferOnFailure) {
                send(channel, command, names);
                record(command, names);
                return;
            }
            record(command, names);
            try {
                send(channel, command, names);
            } catch (RedisConnectionException e) {
                if (closed) {
                    throw e;
                }
                log.debug("{} on {} deferred until the subscriber reconnects: {}", command, address, e.getMessage());
            }
        } finally {
            writeLock.unlock();
        }
    }

    private void record(String command, String[] names) {
        boolean shard = command.startsWith("SSUB") || command.startsWith("SUNSUB");
        Set<String> set = command.charAt(0) == 'P' ? patterns : shard ? shardChannels : channels;
        if (!command.contains("UNSUB")) {
            set.addAll(Arrays.asList(names));
        } else if (names.length == 0) {
            set.clear();
        } else {
            set.removeAll(Arrays.asList(names));
        }
    }

    /**
     * Sends the health-check {@code PING}.
     *
     * @throws RedisConnectionException when it could not be written
     */
    void ping() {
        writeLock.lock();
        try {
            send(channel, "PING");
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Installs a fresh connection and subscribes it to what is recorded, then closes the old one.
     *
     * @param fresh the new connection
     * @return how many names it subscribed
     * @throws RedisConnectionException when the link is closed, or subscribing failed (the fresh connection is then
     *         closed)
     */
    int swap(RespChannel fresh) {
        writeLock.lock();
        try {
            if (closed) {
                fresh.close();
                throw new RedisConnectionException("Subscriber to " + address + " is closed");
            }
            try {
                if (!channels.isEmpty()) {
                    send(fresh, "SUBSCRIBE", channels.toArray(String[]::new));
                }
                if (!patterns.isEmpty()) {
                    send(fresh, "PSUBSCRIBE", patterns.toArray(String[]::new));
                }
                // one SSUBSCRIBE per shard channel: on a cluster, channels of one command must share a slot
                for (String shardChannel : shardChannels) {
                    send(fresh, "SSUBSCRIBE", shardChannel);
                }
            } catch (RedisException e) {
                fresh.close();
                throw e;
            }
            RespChannel old = channel;
            channel = fresh;
            old.close();
            return channels.size() + patterns.size() + shardChannels.size();
        } finally {
            writeLock.unlock();
        }
    }

    /** Closes the connection for good. Idempotent. */
    void close() {
        closed = true;
        // Unlocked first: a writer stuck on a dead peer's full send buffer holds the write lock, and closing the
        // socket is what frees it. Then under the lock, for a connection a reconnection may have swapped in.
        channel.close();
        writeLock.lock();
        try {
            channel.close();
        } finally {
            writeLock.unlock();
        }
    }

    private void send(RespChannel target, String command, String... names) {
        Command<Object> cmd = Command.create(codec, command, Decoders.raw());
        for (String name : names) {
            cmd.arg(name);
        }
        target.write(cmd);
        target.flush(cmd);
    }
}
