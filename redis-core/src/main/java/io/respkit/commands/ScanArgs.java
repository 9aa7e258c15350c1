package io.respkit.commands;

/**
 * Options of the {@code SCAN} family: {@code MATCH} pattern, {@code COUNT} hint and (for {@code SCAN} only)
 * {@code TYPE}.
 *
 * <pre>{@code client.scan(ScanArgs.match("user:*").count(500))}</pre>
 *
 * <p>Immutable and thread-safe; each method returns a new instance.
 *
 * @param match the glob pattern, or {@code null} for all
 * @param count the per-call work hint, or 0 for the server default
 * @param type the key type filter ({@code SCAN} only), or {@code null}
 */
public record ScanArgs(String match, long count, String type) {

    /** No options. */
    public static final ScanArgs NONE = new ScanArgs(null, 0, null);

    /**
     * Returns options matching a glob pattern.
     *
     * @param pattern the pattern, e.g. {@code "k*"}
     * @return the options
     */
    public static ScanArgs match(String pattern) {
        return new ScanArgs(pattern, 0, null);
    }

    /**
     * Returns a copy with a {@code COUNT} hint.
     *
     * @param n how much work per call, at least 1
     * @return the options
     * @throws IllegalArgumentException when {@code n} is less than 1
     */
    public ScanArgs count(long n) {
        if (n < 1) {
            throw new IllegalArgumentException("count must be at least 1");
        }
        return new ScanArgs(match, n, type);
    }

    /**
     * Returns a copy that only yields keys of a type ({@code SCAN ... TYPE}).
     *
     * @param keyType e.g. {@code "string"}, {@code "hash"}
     * @return the options
     */
    public ScanArgs type(String keyType) {
        return new ScanArgs(match, count, keyType);
    }

    /**
     * Appends the options to a command.
     *
     * @param command the command
     */
    public void appendTo(Command<?> command) {
        if (match != null) {
            command.arg("MATCH").arg(match);
        }
        if (count > 0) {
            command.arg("COUNT").arg(count);
        }
        if (type != null) {
            command.arg("TYPE").arg(type);
        }
    }
}
