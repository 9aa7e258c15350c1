package io.respkit.security;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates a throw-away PKI at test time with {@code openssl} (EC P-256 keys, so it takes milliseconds): a CA, an
 * unrelated "rogue" CA, server and client certificates with chosen subject alternative names, and PKCS12 trust and
 * key stores (written with the JDK's {@link KeyStore}, so Java reads them whatever openssl's defaults are).
 *
 * <p>Not thread-safe; create one per test class in {@code @BeforeAll}.
 */
public final class TestCertificates {

    /** The password of every store this class writes. */
    public static final char[] STORE_PASSWORD = "store-Pa55-4417".toCharArray();

    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() & 0xFFFFFFL);

    private final Path dir;
    private final Pem ca;
    private final Pem rogueCa;

    /**
     * A PEM certificate and its unencrypted PKCS#8 PEM private key.
     *
     * @param cert the certificate file
     * @param key the private key file
     */
    public record Pem(Path cert, Path key) {
    }

    private TestCertificates(Path dir) {
        this.dir = dir;
        this.ca = selfSignedCa("ca", "respkit test CA");
        this.rogueCa = selfSignedCa("rogue-ca", "respkit rogue CA");
    }

    /**
     * Creates the two CAs in {@code dir}.
     *
     * @param dir a temporary directory
     * @return the generator
     */
    public static TestCertificates create(Path dir) {
        return new TestCertificates(dir);
    }

    /** @return the trusted CA */
    public Pem ca() {
        return ca;
    }

    /**
     * Issues a server certificate signed by the trusted CA.
     *
     * @param name a file name stem
     * @param sans subject alternative names, e.g. {@code DNS:localhost}, {@code IP:127.0.0.1}
     * @return the certificate and key
     */
    public Pem server(String name, String... sans) {
        return issue(ca, name, "serverAuth", sans);
    }

    /**
     * Issues a server certificate for {@code localhost} and {@code 127.0.0.1} signed by the rogue CA, which no
     * trust store here contains except {@link #rogueTrustStore()}.
     *
     * @param name a file name stem
     * @return the certificate and key
     */
    public Pem serverFromRogueCa(String name) {
        return issue(rogueCa, name, "serverAuth", "DNS:localhost", "IP:127.0.0.1");
    }

    /**
     * Issues a client certificate signed by the trusted CA.
     *
     * @param name a file name stem, also the common name
     * @return the certificate and key
     */
    public Pem client(String name) {
        return issue(ca, name, "clientAuth");
    }

    /** @return a PKCS12 trust store holding the trusted CA, protected by {@link #STORE_PASSWORD} */
    public Path trustStore() {
        return trustStore("trust.p12", ca);
    }

    /** @return a PKCS12 trust store holding only the rogue CA */
    public Path rogueTrustStore() {
        return trustStore("rogue-trust.p12", rogueCa);
    }

    /**
     * Writes a PKCS12 key store with {@code pem}'s key and its chain up to the trusted CA.
     *
     * @param pem a certificate issued by this generator
     * @return the store, protected by {@link #STORE_PASSWORD}
     */
    public Path keyStore(Pem pem) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der(pem.key())));
            store.setKeyEntry("key", key, STORE_PASSWORD, new Certificate[] {cert(pem.cert()), cert(ca.cert())});
            return save(store, pem.cert().getFileName().toString().replace(".crt", ".p12"));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not write a key store for " + pem.cert(), e);
        }
    }

    private Path trustStore(String file, Pem authority) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("ca", cert(authority.cert()));
            return save(store, file);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Could not write a trust store", e);
        }
    }

    private Path save(KeyStore store, String file) throws IOException, GeneralSecurityException {
        Path path = dir.resolve(file);
        try (OutputStream out = Files.newOutputStream(path)) {
            store.store(out, STORE_PASSWORD);
        }
        return path;
    }

    private Pem selfSignedCa(String name, String cn) {
        Path key = dir.resolve(name + ".key");
        Path cert = dir.resolve(name + ".crt");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=" + cn,
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return new Pem(cert, key);
    }

    private Pem issue(Pem authority, String name, String usage, String... sans) {
        Path key = dir.resolve(name + ".key");
        Path csr = dir.resolve(name + ".csr");
        Path cert = dir.resolve(name + ".crt");
        Path ext = dir.resolve(name + ".ext");
        openssl("req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=" + name);
        StringBuilder extensions = new StringBuilder("basicConstraints=CA:FALSE\n")
                .append("keyUsage=critical,digitalSignature\n")
                .append("extendedKeyUsage=").append(usage).append('\n');
        if (sans.length > 0) {
            extensions.append("subjectAltName=").append(String.join(",", sans)).append('\n');
        }
        try {
            Files.writeString(ext, extensions.toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        openssl("x509", "-req", "-in", csr.toString(), "-CA", authority.cert().toString(),
                "-CAkey", authority.key().toString(), "-set_serial", Long.toString(SERIAL.incrementAndGet()),
                "-days", "2", "-extfile", ext.toString(), "-out", cert.toString());
        return new Pem(cert, key);
    }

    private void openssl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            byte[] output = p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openssl " + args[0] + " failed: "
                        + new String(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run openssl", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running openssl", e);
        }
    }

    private static Certificate cert(Path pem) throws IOException, GeneralSecurityException {
        try (var in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static byte[] der(Path pem) throws IOException {
        String text = Files.readString(pem);
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
