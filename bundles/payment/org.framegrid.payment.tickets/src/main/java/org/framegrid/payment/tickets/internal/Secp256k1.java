package org.framegrid.payment.tickets.internal;

import java.util.Arrays;

/**
 * ECDSA over secp256k1 the Ethereum way: 65-byte r||s||v signatures (low s, v = 27 or 28) and recovery of the
 * signer's address. An implementation does the curve's part (r||s, public key recovery); the Ethereum encoding is
 * written here once.
 */
interface Secp256k1 {
    /** @return "libsecp256k1 (native)" or "BouncyCastle (pure Java)", for logs and the bench */
    String name();

    /** @return the 64-byte uncompressed public key (x||y, no 0x04 prefix) of a 32-byte private key */
    byte[] publicKey(byte[] privateKey);

    /** @return r||s (64 bytes, low s) of a deterministic (RFC 6979) signature of a 32-byte digest */
    byte[] signCompact(byte[] digest32, byte[] privateKey);

    /**
     * @param recId the recovery id, 0 or 1
     * @return the 64-byte public key that made the r||s signature {@code compact64} of {@code digest32}, or null when
     *     there is none
     */
    byte[] recoverPublicKey(byte[] digest32, byte[] compact64, int recId);

    /** Signs a 32-byte digest deterministically (RFC 6979): r||s||v. */
    default byte[] sign(byte[] digest32, byte[] privateKey, byte[] publicKey64) {
        byte[] compact = signCompact(digest32, privateKey);
        byte[] signature = Arrays.copyOf(compact, 65);
        // Neither library returns the recovery id. A valid signature recovers to our key with exactly one of ids 0
        // and 1 (ids 2 and 3 need r >= n, which has probability ~2^-128), so one recovery decides it.
        signature[64] = (byte) (Arrays.equals(recoverPublicKey(digest32, compact, 0), publicKey64) ? 27 : 28);
        return signature;
    }

    /** @return the 20-byte address that signed {@code digest32}, or null if the signature is invalid */
    default byte[] recoverAddress(byte[] digest32, byte[] signature65) {
        if (signature65.length != 65) {
            return null;
        }
        int v = signature65[64] & 0xff;
        int recId = v >= 27 ? v - 27 : v;
        if (recId != 0 && recId != 1) {
            return null;
        }
        byte[] publicKey = recoverPublicKey(digest32, Arrays.copyOf(signature65, 64), recId);
        return publicKey == null ? null : address(publicKey);
    }

    /** @return the Ethereum address of a 64-byte public key: the last 20 bytes of its keccak256 */
    static byte[] address(byte[] publicKey64) {
        byte[] hash = Keccak.keccak256(publicKey64);
        byte[] address = new byte[20];
        System.arraycopy(hash, 12, address, 0, 20);
        return address;
    }
}
