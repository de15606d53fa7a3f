package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Curve;

/** The pure-Java fallback: BouncyCastle's secp256k1 (its optimised custom curve). */
final class JavaSecp256k1 implements Secp256k1 {
    private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    private static final ECDomainParameters CURVE = new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(),
            PARAMS.getN(), PARAMS.getH());
    private static final BigInteger N = PARAMS.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);

    @Override
    public String name() {
        return "BouncyCastle (pure Java)";
    }

    @Override
    public byte[] publicKey(byte[] privateKey) {
        ECPoint point = new FixedPointCombMultiplier().multiply(CURVE.getG(), Bytes.unsigned(privateKey));
        byte[] encoded = point.normalize().getEncoded(false);
        return Arrays.copyOfRange(encoded, 1, 65);
    }

    @Override
    public byte[] signCompact(byte[] digest32, byte[] privateKey) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(Bytes.unsigned(privateKey), CURVE));
        BigInteger[] rs = signer.generateSignature(digest32);
        BigInteger r = rs[0];
        // Ethereum (and OpenZeppelin's ECDSA) accept only the low-s form.
        BigInteger s = rs[1].compareTo(HALF_N) > 0 ? N.subtract(rs[1]) : rs[1];
        byte[] compact = new byte[64];
        System.arraycopy(Bytes.uint256(r), 0, compact, 0, 32);
        System.arraycopy(Bytes.uint256(s), 0, compact, 32, 32);
        return compact;
    }

    @Override
    public byte[] recoverPublicKey(byte[] digest32, byte[] compact64, int recId) {
        BigInteger r = Bytes.unsigned(Arrays.copyOfRange(compact64, 0, 32));
        BigInteger s = Bytes.unsigned(Arrays.copyOfRange(compact64, 32, 64));
        if (r.signum() == 0 || s.signum() == 0 || r.compareTo(N) >= 0 || s.compareTo(N) >= 0) {
            return null;
        }
        return recover(digest32, r, s, recId);
    }

    /** SEC 1 §4.1.6 public key recovery, for r below the field prime (x = r; r + n never fits secp256k1's field). */
    private static byte[] recover(byte[] digest32, BigInteger r, BigInteger s, int recId) {
        if (r.compareTo(SecP256K1Curve.q) >= 0) {
            return null;
        }
        byte[] compressed = new byte[33];
        compressed[0] = (byte) (recId == 1 ? 0x03 : 0x02);
        System.arraycopy(Bytes.uint256(r), 0, compressed, 1, 32);
        ECPoint bigR;
        try {
            bigR = CURVE.getCurve().decodePoint(compressed);
        } catch (IllegalArgumentException notOnCurve) {
            return null;
        }
        BigInteger e = Bytes.unsigned(digest32);
        BigInteger rInv = r.modInverse(N);
        BigInteger eInvR = N.subtract(e).multiply(rInv).mod(N);
        BigInteger sInvR = s.multiply(rInv).mod(N);
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), eInvR, bigR, sInvR).normalize();
        if (q.isInfinity()) {
            return null;
        }
        return Arrays.copyOfRange(q.getEncoded(false), 1, 65);
    }
}
