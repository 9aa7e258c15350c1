package io.respkit.commands;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * A Lua script with its SHA1 digest, computed locally (lower-case hex of the SHA1 of the UTF-8 source, exactly as
 * the server computes it), so that {@link ScriptingCommands#eval(Script, java.util.List, java.util.List)} can run
 * it with {@code EVALSHA} and send the source only when the server does not have it cached.
 *
 * <pre>{@code
 * static final Script INCR_AND_DOUBLE = Script.of(
 *         "local n = redis.call('INCR', KEYS[1]) redis.call('SET', KEYS[2], n * 2) return n");
 * Object n = redis.eval(INCR_AND_DOUBLE, List.of("counter", "result"), List.of());
 * }</pre>
 *
 * <p>Immutable and thread-safe; define scripts once, as constants.
 */
public final class Script {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String source;
    private final String sha1;

    private Script(String source) {
        this.source = source;
        this.sha1 = sha1Hex(source);
    }

    /**
     * Creates a script and computes its digest.
     *
     * @param source the Lua source
     * @return the script
     * @throws NullPointerException when the source is null
     * @throws IllegalArgumentException when the source is blank
     */
    public static Script of(String source) {
        Objects.requireNonNull(source, "source");
        if (source.isBlank()) {
            throw new IllegalArgumentException("a script must not be blank");
        }
        return new Script(source);
    }

    /**
     * Returns the Lua source; it is sent encoded as UTF-8.
     *
     * @return the source
     */
    public String source() {
        return source;
    }

    /**
     * Returns the SHA1 digest of the UTF-8 source, as {@code EVALSHA} and {@code SCRIPT LOAD} use it.
     *
     * @return 40 lower-case hex digits
     */
    public String sha1() {
        return sha1;
    }

    /**
     * Computes the SHA1 digest of a script's UTF-8 source.
     *
     * @param source the Lua source
     * @return 40 lower-case hex digits
     */
    public static String sha1Hex(String source) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available in this JVM", e);
        }
        char[] out = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new String(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Script other && source.equals(other.source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    /**
     * Returns the digest only; the source may be long.
     *
     * @return e.g. {@code "Script[sha1=a42059b3...]"}
     */
    @Override
    public String toString() {
        return "Script[sha1=" + sha1 + "]";
    }
}
