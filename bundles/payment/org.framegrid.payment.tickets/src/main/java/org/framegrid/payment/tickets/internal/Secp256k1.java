package org.framegrid.payment.tickets.internal;

/**
 * ECDSA over secp256k1 the Ethereum way: 65-byte r||s||v signatures (low s, v = 27 or 28) and recovery of the
 * signer's address.
 */
interface Secp256k1 {
    /** @return "libsecp256k1 (native)" or "BouncyCastle (pure Java)", for logs and the bench */
    String name();

    /** @return the 64-byte uncompressed public key (x||y, no 0x04 prefix) of a 32-byte private key */
    byte[] publicKey(byte[] privateKey);

    /** Signs a 32-byte digest deterministically (RFC 6979). */
    byte[] sign(byte[] digest32, byte[] privateKey, byte[] publicKey64);

    /** @return the 20-byte address that signed {@code digest32}, or null if the signature is invalid */
    byte[] recoverAddress(byte[] digest32, byte[] signature65);

    /** @return the Ethereum address of a 64-byte public key: the last 20 bytes of its keccak256 */
    static byte[] address(byte[] publicKey64) {
        byte[] hash = Keccak.keccak256(publicKey64);
        byte[] address = new byte[20];
        System.arraycopy(hash, 12, address, 0, 20);
        return address;
    }
}
