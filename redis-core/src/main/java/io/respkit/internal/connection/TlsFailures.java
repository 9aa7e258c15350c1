package io.respkit.internal.connection;

import io.respkit.connection.RedisConfig;

import javax.net.ssl.SSLException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;

/**
 * Turns JSSE's TLS failures into messages that say what went wrong in words an operator can act on (untrusted
 * certificate, host name mismatch, client certificate refused, not a TLS port) instead of JSSE's internal wording.
 *
 * <p>Stateless and thread-safe.
 */
final class TlsFailures {

    private TlsFailures() {
    }

    /**
     * Returns whether {@code e} or one of its causes is a TLS failure.
     *
     * @param e the failure
     * @return {@code true} when an {@link SSLException} is in the cause chain
     */
    static boolean isTls(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Describes a TLS failure.
     *
     * @param e the failure, an {@link SSLException} or one caused by it
     * @param config the configuration, for the host name and whether hostname verification is on
     * @return e.g. {@code the server certificate does not match the host name 'db.example.com' ...}
     */
    static String describe(Throwable e, RedisConfig config) {
        String all = messages(e);
        String host = config.host();
        if (has(e, CertificateExpiredException.class) || has(e, CertificateNotYetValidException.class)) {
            return "the server certificate has expired or is not yet valid";
        }
        if (all.contains("no subject alternative") || all.contains("no name matching")
                || all.contains("no ip address") || all.contains("subject alternative names")) {
            return "the server certificate does not match the " + (isIp(host) ? "IP address" : "host name") + " '"
                    + host + "' (hostname verification is on: the certificate's subject alternative names must "
                    + "include it)";
        }
        if (has(e, CertPathValidatorException.class) || all.contains("pkix path")
                || all.contains("unable to find valid certification path")) {
            return "the server certificate is not trusted: it does not chain to a CA certificate in the trust store";
        }
        if (all.contains("certificate_required") || all.contains("bad_certificate") || all.contains("unknown_ca")
                || all.contains("certificate_unknown") || all.contains("access_denied")) {
            return "the server rejected the client certificate (it requires mutual TLS: configure a key store with a "
                    + "client certificate its CA trusts)";
        }
        if (all.contains("unrecognized ssl message") || all.contains("plaintext connection")) {
            return "the server did not answer with TLS; is this a plain (non-TLS) port?";
        }
        if (all.contains("remote host terminated") || has(e, java.io.EOFException.class)) {
            return "the server closed the connection during the TLS handshake; is this a plain (non-TLS) port?";
        }
        if (all.contains("no appropriate protocol") || all.contains("handshake_failure")) {
            return "no TLS version or cipher suite in common with the server";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String messages(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                sb.append(t.getMessage().toLowerCase(Locale.ROOT)).append('\n');
            }
        }
        return sb.toString();
    }

    static boolean isIp(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }
}
