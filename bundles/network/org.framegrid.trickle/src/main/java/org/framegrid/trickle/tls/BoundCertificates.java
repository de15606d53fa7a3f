package org.framegrid.trickle.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates bound to an orchestrator's on-chain identity. The TLS key pair (EC P-256) is made once and kept in a
 * file of the node's data folder; each start makes a self-signed certificate over it that carries, in extension
 * {@link #BINDING_OID}, the orchestrator's Ethereum signature of {@link #message(PublicKey)}. A gateway that selected
 * address A for a service URI accepts the connection only if that signature recovers to A ({@link NodeTrust}).
 */
public final class BoundCertificates {
    /** The binding extension (a UUID-based OID, ITU-T X.667: no registry needed). */
    public static final String BINDING_OID = "2.25.175616126161242387198994277151914960392";
    private static final String CURVE = "secp256r1";
    private static final Duration VALIDITY = Duration.ofDays(397);

    /** Signs a message with the orchestrator's Ethereum key (EIP-191): 65 bytes r||s||v. */
    @FunctionalInterface
    public interface Signer {
        byte[] sign(byte[] message) throws Exception;
    }

    private BoundCertificates() {
    }

    /**
     * The orchestrator's TLS identity: the key pair in {@code keyFile} (made and written there the first time), and a
     * fresh self-signed certificate over it whose binding {@code signer} signs.
     *
     * @param address the orchestrator's address, named in the certificate's subject
     * @throws IOException when the key file cannot be read or written, or the signer fails
     */
    public static TlsIdentity identity(Path keyFile, String address, Signer signer) throws IOException {
        KeyPair pair = Files.exists(keyFile) ? read(keyFile) : create(keyFile);
        byte[] signature;
        try {
            signature = signer.sign(message(pair.getPublic()));
        } catch (Exception e) {
            throw new IOException("cannot sign the TLS key's fingerprint as " + address + ": " + e.getMessage(), e);
        }
        return new TlsIdentity(pair.getPrivate(), List.of(certificate(pair, address, signature)));
    }

    /** @return what the orchestrator's Ethereum key signs: {@code "Framegrid TLS key sha256:" + hex(sha256(SPKI))} */
    public static byte[] message(PublicKey key) {
        try {
            byte[] fingerprint = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return ("Framegrid TLS key sha256:" + HexFormat.of().formatHex(fingerprint))
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** @return the binding signature a certificate carries, or {@code null} when it has none */
    public static byte[] signature(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(BINDING_OID);
        if (extension == null) {
            return null;
        }
        try {
            byte[] value = ASN1OctetString.getInstance(extension).getOctets();
            return ASN1OctetString.getInstance(value).getOctets();
        } catch (IllegalArgumentException malformed) {
            return new byte[0]; // present but unreadable: a signature that recovers to nobody
        }
    }

    private static X509Certificate certificate(KeyPair pair, String address, byte[] signature) throws IOException {
        X500Name name = new X500Name("CN=" + address + ", O=Framegrid orchestrator");
        Instant now = Instant.now();
        try {
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(63, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(VALIDITY)), name, pair.getPublic());
            b.addExtension(new ASN1ObjectIdentifier(BINDING_OID), false, new DEROctetString(signature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IOException("cannot make the TLS certificate for " + address + ": " + e.getMessage(), e);
        }
    }

    private static KeyPair create(Path keyFile) throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(CURVE));
            KeyPair pair = g.generateKeyPair();
            Pem.write(keyFile, pair.getPrivate());
            return pair;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make a TLS key pair: " + e.getMessage(), e);
        }
    }

    /** Reads the private key and computes its public key (Q = dG on P-256). */
    private static KeyPair read(Path keyFile) throws IOException {
        PrivateKey key = Pem.privateKey(keyFile);
        if (!(key instanceof ECPrivateKey ec)) {
            throw new IOException(keyFile + ": expected the node's EC P-256 TLS key, found " + key.getAlgorithm());
        }
        X9ECParameters curve = ECNamedCurveTable.getByName(CURVE);
        ECPoint q = curve.getG().multiply(ec.getS()).normalize();
        try {
            PublicKey pub = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new java.security.spec.ECPoint(
                    q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), ec.getParams()));
            return new KeyPair(pub, key);
        } catch (GeneralSecurityException e) {
            throw new IOException(keyFile + ": not a P-256 key (" + e.getMessage() + ")", e);
        }
    }
}
