package io.respkit.commands;

/**
 * The integer type of a {@code BITFIELD} field: signed of 1 to 64 bits ({@code i1} ... {@code i64}) or unsigned of
 * 1 to 63 bits ({@code u1} ... {@code u63}), as the server accepts.
 *
 * <pre>{@code
 * BitFieldType.signed(8)      // i8
 * BitFieldType.unsigned(4)    // u4
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param signed whether the field is signed
 * @param bits its width in bits
 */
public record BitFieldType(boolean signed, int bits) {

    private static final String[] SIGNED = names('i', 64);
    private static final String[] UNSIGNED = names('u', 63);

    /**
     * Validates the width, as the server would.
     *
     * @throws IllegalArgumentException when a signed width is outside 1..64 or an unsigned width outside 1..63
     */
    public BitFieldType {
        int max = signed ? 64 : 63;
        if (bits < 1 || bits > max) {
            throw new IllegalArgumentException("BITFIELD " + (signed ? "signed" : "unsigned") + " types have 1 to "
                    + max + " bits, not " + bits);
        }
    }

    /**
     * Returns a signed type.
     *
     * @param bits 1 to 64
     * @return {@code i<bits>}
     * @throws IllegalArgumentException when {@code bits} is outside 1..64
     */
    public static BitFieldType signed(int bits) {
        return new BitFieldType(true, bits);
    }

    /**
     * Returns an unsigned type.
     *
     * @param bits 1 to 63
     * @return {@code u<bits>}
     * @throws IllegalArgumentException when {@code bits} is outside 1..63
     */
    public static BitFieldType unsigned(int bits) {
        return new BitFieldType(false, bits);
    }

    /**
     * Returns the type as the server spells it.
     *
     * @return e.g. {@code "i8"} or {@code "u4"}
     */
    public String text() {
        return (signed ? SIGNED : UNSIGNED)[bits];
    }

    @Override
    public String toString() {
        return text();
    }

    private static String[] names(char prefix, int max) {
        String[] names = new String[max + 1];
        for (int i = 1; i <= max; i++) {
            names[i] = prefix + Integer.toString(i);
        }
        return names;
    }
}
