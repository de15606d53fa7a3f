package org.framegrid.payment.tickets.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A secp256k1 key pair and its Ethereum address. */
final class EthKey {
    private final byte[] privateKey;
    private final byte[] publicKey;
    private final String address;
    private final Secp256k1 ec;

    EthKey(byte[] privateKey, Secp256k1 ec) {
        if (privateKey.length != 32) {
            throw new IllegalArgumentException("private key: expected 32 bytes, got " + privateKey.length);
        }
        this.privateKey = privateKey.clone();
        this.ec = ec;
        this.publicKey = ec.publicKey(privateKey);
        this.address = Bytes.hex(Secp256k1.address(publicKey));
    }

    /** Reads a hex private key (0x-prefixed or not, surrounding white space ignored) from {@code file}. */
    static EthKey read(Path file, Secp256k1 ec) {
        try {
            String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return new EthKey(Bytes.unhex(hex), ec);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("private key: cannot read " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("private key in " + file + ": " + e.getMessage());
        }
    }

    String address() {
        return address;
    }

    /** @return the 65-byte EIP-191 signature of a 32-byte hash */
    byte[] signPrefixed(byte[] hash32) {
        return ec.sign(TicketRules.ethSignedMessageHash(hash32), privateKey, publicKey);
    }
}
