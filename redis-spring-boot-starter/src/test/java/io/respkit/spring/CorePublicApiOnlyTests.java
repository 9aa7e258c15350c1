package io.respkit.spring;

import io.respkit.spring.boot.autoconfigure.RedisProperties;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests (no server): the starter uses only redis-core's exported packages. redis-core's module descriptor does
 * not export {@code io.respkit.internal.*}, but the starter runs on the class path, where nothing enforces that; so
 * its sources and its compiled classes are searched for any reference to an internal package, fully qualified names
 * included.
 */
class CorePublicApiOnlyTests {

    @Test
    void noStarterSourceMentionsACoreInternalPackage() throws IOException {
        Path sources = Path.of("src", "main", "java");
        assertThat(sources).as("run from the starter's directory").isDirectory();
        assertThat(filesContaining(sources, ".java", "io.respkit.internal")).isEmpty();
    }

    @Test
    void noStarterClassReferencesACoreInternalType() throws IOException, URISyntaxException {
        Path classes = Path.of(RedisProperties.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(classes).isDirectory();
        // A class file names every type it uses in its constant pool, in internal form.
        assertThat(filesContaining(classes, ".class", "io/respkit/internal/")).isEmpty();
    }

    private static List<Path> filesContaining(Path root, String suffix, String needle) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(suffix))
                    .filter(f -> contains(f, needle))
                    .collect(Collectors.toList());
        }
    }

    private static boolean contains(Path file, String needle) {
        try {
            // ISO-8859-1 maps every byte to one char, so a class file's bytes are searchable as text.
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(needle);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
