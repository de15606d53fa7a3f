package org.framegrid.chain.web3j.embedded;

import org.framegrid.chain.api.Signatures;
import org.framegrid.chain.web3j.internal.Eip191;
import org.web3j.crypto.Credentials;

/**
 * {@link Signatures} in a plain JVM, as the node publishes them once its chain connection is up: signing as a key
 * given in hex, or recovering only.
 *
 * @since 1.1
 */
public final class MessageSignatures {

    private MessageSignatures() {
    }

    /** @return signatures made with the private key {@code hexKey} (64 hex digits, 0x optional) */
    public static Signatures of(String hexKey) {
        if (!hexKey.strip().matches("(0x)?[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("a private key is 64 hex digits");
        }
        return new Eip191(Credentials.create(hexKey.strip()));
    }

    /** @return signatures that recover signers and cannot sign */
    public static Signatures readOnly() {
        return new Eip191(null);
    }
}
