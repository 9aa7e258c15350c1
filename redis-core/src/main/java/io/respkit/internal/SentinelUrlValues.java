package io.respkit.internal;

import io.respkit.connection.HostAndPort;
import io.respkit.connection.ReadFrom;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a {@code redis-sentinel://} URL sets beyond the data-node template, held until the whole URL is read so that
 * a refused URL leaves the {@code SentinelConfig} builder as it was.
 *
 * <p>Not thread-safe: one parse, one thread.
 */
public final class SentinelUrlValues implements SentinelUrlTarget {
    private final Set<HostAndPort> sentinels = new LinkedHashSet<>();
    private String masterName;
    private String sentinelUsername;
    private String sentinelPassword;
    private ReadFrom readFrom;
    private Duration checkInterval;

    @Override
    public void sentinel(String host, int port) {
        sentinels.add(new HostAndPort(host, port));
    }

    @Override
    public void masterName(String masterName) {
        this.masterName = masterName;
    }

    @Override
    public void readFrom(String readFrom) {
        this.readFrom = ReadFrom.parse(readFrom);
    }

    @Override
    public void checkInterval(Duration interval) {
        this.checkInterval = interval;
    }

    @Override
    public void sentinelUsername(String username) {
        if (username.isEmpty()) {
            throw new IllegalArgumentException("sentinel user name must not be empty");
        }
        this.sentinelUsername = username;
    }

    @Override
    public void sentinelPassword(String password) {
        if (password.isEmpty()) {
            throw new IllegalArgumentException("sentinel password must not be empty");
        }
        this.sentinelPassword = password;
    }

    /** @return the sentinels, in the URL's order */
    public Set<HostAndPort> sentinels() {
        return sentinels;
    }

    /** @return the master name */
    public String masterName() {
        return masterName;
    }

    /** @return the sentinels' user, or {@code null} */
    public String sentinelUsername() {
        return sentinelUsername;
    }

    /** @return the sentinels' password, or {@code null} when the URL gave none */
    public String sentinelPassword() {
        return sentinelPassword;
    }

    /** @return the read-from option, or {@code null} when absent */
    public ReadFrom readFrom() {
        return readFrom;
    }

    /** @return the check interval, or {@code null} when absent */
    public Duration checkInterval() {
        return checkInterval;
    }
}
