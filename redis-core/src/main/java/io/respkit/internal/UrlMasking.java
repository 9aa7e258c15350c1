package io.respkit.internal;

import java.util.Locale;

/**
 * Masks the secrets of a Redis URL (standalone, cluster or Sentinel) for messages and logs: the password of its user
 * info and the values of query options whose names suggest a secret. Works on any text, malformed URLs included,
 * masking too much rather than too little.
 *
 * <p>Stateless and thread-safe.
 */
public final class UrlMasking {

    private UrlMasking() {
    }

    /** Whether an option's value is taken for a secret, here and in the URL parsers: its name suggests one. */
    static boolean isSecretOption(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return key.contains("pass") || key.contains("pwd") || key.contains("secret") || key.contains("token")
                || key.contains("auth");
    }

    /**
     * Returns the URL with the password part of its user info replaced by {@code ****}.
     *
     * @param url the URL
     * @return the masked URL
     */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String masked = maskQuery(maskUserInfo(url));
        // A secret in the query (sentinelPassword=...) may hold a raw '@', which the user-info pass takes for the end
        // of the user info, leaving the rest of that secret in view; masking the query first catches it, but takes a
        // raw '?' in the password for the start of the query. When the two readings differ, neither can be trusted.
        if (!masked.equals(maskQuery(maskUserInfo(maskQuery(url))))) {
            int schemeEnd = url.indexOf("://");
            return (schemeEnd < 0 ? "" : url.substring(0, schemeEnd + 3)) + "****";
        }
        return masked;
    }

    /** Replaces the password part of the user info by {@code ****}. */
    private static String maskUserInfo(String url) {
        int schemeEnd = url.indexOf("://");
        int authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
        // The last '@' anywhere, not just in the authority: a malformed URL may carry a raw '/', '?', '#' or '@'
        // in its password, and masking too much is harmless while masking too little leaks the password.
        int at = url.lastIndexOf('@');
        String masked = url;
        if (at >= authorityStart) {
            int colon = url.indexOf(':', authorityStart);
            String user = colon >= 0 && colon < at ? url.substring(authorityStart, colon) : "";
            for (int i = 0; i < user.length(); i++) {
                char c = user.charAt(i);
                if (c == '/' || c == '?' || c == '#' || c == '@' || c == '[') {
                    user = "";
                    break;
                }
            }
            masked = url.substring(0, authorityStart) + user + ":****" + url.substring(at);
        } else {
            masked = maskPortlessUserInfo(url, authorityStart);
        }
        return masked;
    }

    /**
     * Masks user info that lost its {@code '@'} (the host forgotten: {@code redis://user:password},
     * {@code redis://:password/0}): its password then reads as a port. A host entry whose port is not one to five
     * digits, or whose host is empty, is masked from its colon to the end of the URL, since a raw {@code '/'},
     * {@code '?'}, {@code '#'} or {@code ','} in the password would have cut it short there.
     */
    private static String maskPortlessUserInfo(String url, int authorityStart) {
        int end = authorityStart;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        int entry = authorityStart;
        while (entry <= end) {
            int next = url.indexOf(',', entry);
            if (next < 0 || next > end) {
                next = end;
            }
            int from = entry;
            if (url.startsWith("[", entry)) {
                int close = url.indexOf(']', entry);
                from = close < 0 || close > next ? next : close;
            }
            int colon = url.indexOf(':', from);
            if (colon >= 0 && colon < next) {
                String port = url.substring(colon + 1, next);
                boolean digits = !port.isEmpty() && port.length() <= 5;
                for (int i = 0; digits && i < port.length(); i++) {
                    digits = port.charAt(i) >= '0' && port.charAt(i) <= '9';
                }
                if (!digits || colon == entry) {
                    return url.substring(0, colon + 1) + "****";
                }
            }
            entry = next + 1;
        }
        return url;
    }

    /** Masks the values of query options that look like credentials, e.g. {@code ?password=...}. */
    private static String maskQuery(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return url;
        }
        StringBuilder sb = new StringBuilder(url.length()).append(url, 0, q + 1);
        String[] pairs = url.substring(q + 1).split("&", -1);
        boolean inSecret = false;
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                sb.append('&');
            }
            String pair = pairs[i];
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (eq >= 0 && isSecretOption(key)) {
                sb.append(pair, 0, eq + 1).append("****");
                inSecret = true;
            } else if (inSecret && (eq < 0 || !UrlOptions.isKnown(key))) {
                sb.append(pair.isEmpty() ? "" : "****"); // the tail of a secret holding a raw '&'
            } else {
                sb.append(pair);
                inSecret = false;
            }
        }
        return sb.toString();
    }
}
