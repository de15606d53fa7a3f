package org.framegrid.trickle.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * PEM files: certificates (a chain, leaf first), private keys (PKCS#8 {@code PRIVATE KEY}, or the older
 * {@code EC PRIVATE KEY} and {@code RSA PRIVATE KEY}), and a server's identity from a certificate file and its key
 * file. Every problem is one {@link IOException} line naming the file.
 */
public final class Pem {

    private Pem() {
    }

    /** @return a server identity: the certificates of {@code certificateFile} and the key of {@code keyFile} */
    public static TlsIdentity identity(Path certificateFile, Path keyFile) throws IOException {
        List<X509Certificate> chain = certificates(certificateFile);
        PrivateKey key = privateKey(keyFile);
        if (!matches(key, chain.get(0))) {
            throw new IOException(keyFile + ": this key is not the key of the certificate in " + certificateFile);
        }
        return new TlsIdentity(key, chain);
    }

    /** @return the certificates of a PEM file, in the file's order (at least one) */
    public static List<X509Certificate> certificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> chain = new ArrayList<>();
            CertificateFactory.getInstance("X.509").generateCertificates(in)
                    .forEach(c -> chain.add((X509Certificate) c));
            if (chain.isEmpty()) {
                throw new IOException(file + ": no certificate in it (expected -----BEGIN CERTIFICATE-----)");
            }
            return chain;
        } catch (CertificateException e) {
            throw new IOException(file + ": not a PEM certificate file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(file.toString()) ? e
                    : new IOException(file + ": cannot read it (" + e.getMessage() + ")", e);
        }
    }

    /** @return the private key of a PEM file */
    public static PrivateKey privateKey(Path file) throws IOException {
        Object o;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            o = p.readObject();
        } catch (IOException | RuntimeException e) {
            throw new IOException(file + ": not a PEM private key file (" + e.getMessage() + ")", e);
        }
        JcaPEMKeyConverter convert = new JcaPEMKeyConverter();
        try {
            return switch (o) {
                case PrivateKeyInfo info -> convert.getPrivateKey(info);
                case PEMKeyPair pair -> convert.getKeyPair(pair).getPrivate();
                case null -> throw new IOException(file + ": no private key in it (expected -----BEGIN PRIVATE KEY-----)");
                default -> throw new IOException(file + ": holds a " + o.getClass().getSimpleName()
                        + ", not an unencrypted private key");
            };
        } catch (org.bouncycastle.openssl.PEMException e) {
            throw new IOException(file + ": cannot use its private key (" + e.getMessage() + ")", e);
        }
    }

    /** Writes {@code key} as a PKCS#8 PEM file readable by its owner only, replacing it atomically. */
    public static void write(Path file, PrivateKey key) throws IOException {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".key", ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // not a POSIX file system: the folder's own permissions protect it
            }
            Files.writeString(tmp, pem, StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Signs a probe with the key and checks it with the certificate's public key. */
    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> key.getAlgorithm(); // EdDSA, Ed25519
        };
        try {
            byte[] probe = "framegrid".getBytes(StandardCharsets.US_ASCII);
            Signature s = Signature.getInstance(algorithm);
            s.initSign(key);
            s.update(probe);
            byte[] signature = s.sign();
            s.initVerify(certificate.getPublicKey());
            s.update(probe);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
