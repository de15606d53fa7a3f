package org.framegrid.testing;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test's own certificate authority: a CA certificate and the server certificates it issues (EC P-256), each
 * written as PEM files the way an operator would configure them. Also a self-signed server certificate, the way an
 * impostor would make one.
 */
public final class TestPki {
    private final KeyPair caKey;
    private final X509Certificate ca;

    private TestPki(KeyPair caKey, X509Certificate ca) {
        this.caKey = caKey;
        this.ca = ca;
    }

    /** A server's key and certificate. */
    public record Leaf(PrivateKey key, X509Certificate certificate) {
        /** Writes {@code NAME.crt} and {@code NAME.key} into {@code dir}. @return the certificate file */
        public Path write(Path dir, String name) throws IOException {
            writePem(dir.resolve(name + ".key"), "PRIVATE KEY", key.getEncoded());
            return writeCertificate(dir.resolve(name + ".crt"), certificate);
        }
    }

    /** @return a new CA named {@code CN=name} */
    public static TestPki create(String name) {
        KeyPair key = keyPair();
        X500Name subject = new X500Name("CN=" + name);
        return new TestPki(key, sign(subject, subject, key.getPublic(), key.getPrivate(), null, true));
    }

    /** @return the CA's certificate */
    public X509Certificate ca() {
        return ca;
    }

    /** Writes the CA's certificate as PEM. @return {@code file} */
    public Path writeCa(Path file) throws IOException {
        return writeCertificate(file, ca);
    }

    /** @return a server certificate for {@code host} (an IP address or a DNS name) issued by this CA */
    public Leaf issue(String host) {
        KeyPair key = keyPair();
        return new Leaf(key.getPrivate(), sign(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
                new X500Name("CN=" + host), key.getPublic(), caKey.getPrivate(), host, false));
    }

    /** @return a self-signed server certificate for {@code host}, trusted by nobody */
    public static Leaf selfSigned(String host) {
        KeyPair key = keyPair();
        X500Name name = new X500Name("CN=" + host);
        return new Leaf(key.getPrivate(), sign(name, name, key.getPublic(), key.getPrivate(), host, false));
    }

    private static X509Certificate sign(X500Name issuer, X500Name subject, java.security.PublicKey key,
                                        PrivateKey signer, String host, boolean isCa) {
        Instant now = Instant.now();
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(63, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(30))), subject, key);
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            if (isCa) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            }
            if (host != null) {
                int type = host.matches("[0-9.]+|.*:.*") ? GeneralName.iPAddress : GeneralName.dNSName;
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(type, host)));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test certificate: " + e.getMessage(), e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 is missing from this JVM", e);
        }
    }

    private static Path writeCertificate(Path file, X509Certificate certificate) throws IOException {
        try {
            return writePem(file, "CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IOException(e);
        }
    }

    private static Path writePem(Path file, String type, byte[] der) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n",
                StandardCharsets.US_ASCII);
    }
}
