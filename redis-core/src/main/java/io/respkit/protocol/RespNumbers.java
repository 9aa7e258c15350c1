package io.respkit.protocol;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Parses the numbers of RESP lines (lengths, integers, doubles, big numbers) straight from the reader's buffer,
 * strictly: anything RESP does not allow raises {@link io.respkit.exceptions.RedisProtocolException}.
 *
 * <p>Stateless and thread-safe.
 */
final class RespNumbers {

    /** Up to 18 decimal digits always fit a long, so only longer numbers pay for the overflow check's division. */
    private static final int MAX_SAFE_DIGITS = 18;

    private RespNumbers() {
    }

    /** Parses an aggregate or bulk length: -1, or a non-negative decimal without sign. */
    static long length(byte[] buf, int from, int to, byte type) {
        if (to - from == 2 && buf[from] == '-' && buf[from + 1] == '1') {
            return -1;
        }
        if (from == to) {
            throw RespReader.protocol("empty length for type '" + (char) type + "'");
        }
        if (buf[from] == '-') {
            throw RespReader.protocol("negative length for type '" + (char) type + "'");
        }
        long n = 0;
        boolean mayOverflow = to - from > MAX_SAFE_DIGITS;
        for (int i = from; i < to; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                throw RespReader.protocol("non-digit in length for type '" + (char) type + "'");
            }
            if (mayOverflow && n > (Long.MAX_VALUE - d) / 10) {
                throw RespReader.protocol("length overflows a 64-bit integer");
            }
            n = n * 10 + d;
        }
        return n;
    }

    static Long integer(byte[] buf, int from, int to) {
        boolean negative = false;
        int i = from;
        if (i < to && (buf[i] == '-' || buf[i] == '+')) {
            negative = buf[i] == '-';
            i++;
        }
        if (i == to) {
            throw RespReader.protocol("integer without digits");
        }
        long n = 0;
        boolean mayOverflow = to - i > MAX_SAFE_DIGITS;
        for (; i < to; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                throw RespReader.protocol("non-digit in integer");
            }
            // Accumulate negatively so that Long.MIN_VALUE parses.
            if (mayOverflow && n < (Long.MIN_VALUE + d) / 10) {
                throw RespReader.protocol("integer overflows a 64-bit integer");
            }
            n = n * 10 - d;
        }
        if (!negative) {
            if (n == Long.MIN_VALUE) {
                throw RespReader.protocol("integer overflows a 64-bit integer");
            }
            n = -n;
        }
        return n;
    }

    static Double decimal(byte[] buf, int from, int to) {
        String s = new String(buf, from, to - from, StandardCharsets.US_ASCII);
        switch (s) {
            case "inf", "+inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            case "nan", "-nan":
                return Double.NaN;
            default:
                break;
        }
        // Double.parseDouble also accepts "Infinity", hex and type suffixes; RESP allows none of them.
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+')) {
                throw RespReader.protocol("malformed double");
            }
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw RespReader.protocol("malformed double");
        }
    }

    static BigInteger bigNumber(byte[] buf, int from, int to) {
        int i = from;
        if (i < to && (buf[i] == '-' || buf[i] == '+')) {
            i++;
        }
        if (i == to) {
            throw RespReader.protocol("big number without digits");
        }
        for (int j = i; j < to; j++) {
            if (buf[j] < '0' || buf[j] > '9') {
                throw RespReader.protocol("non-digit in big number");
            }
        }
        return new BigInteger(new String(buf, from, to - from, StandardCharsets.US_ASCII));
    }
}
