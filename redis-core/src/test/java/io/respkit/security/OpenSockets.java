package io.respkit.security;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Counts the sockets this JVM holds open, from {@code /proc/self/fd} (Linux), to prove failed connection attempts
 * leak no file descriptors.
 *
 * <p>Thread-safe.
 */
final class OpenSockets {

    private OpenSockets() {
    }

    static long count() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false; // closed while listing
                }
            }).count();
        } catch (IOException e) {
            throw new IllegalStateException("/proc/self/fd is not readable; these tests need Linux", e);
        }
    }
}
