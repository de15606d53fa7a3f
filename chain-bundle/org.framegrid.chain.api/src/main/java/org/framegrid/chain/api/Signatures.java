package org.framegrid.chain.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Ethereum signed messages (EIP-191, {@code personal_sign}): the node's account signs, and anyone's signature is
 * traced back to its address. Registered while the chain connection is up; a read-only connection recovers but does
 * not sign. An orchestrator signs its TLS key's fingerprint with it; a gateway checks that signature.
 *
 * @since 2.2
 */
@ProviderType
public interface Signatures {

    /** @return the address {@link #sign} signs as (lower case), or {@code null} when the node has no account */
    String account();

    /**
     * @return the 65-byte signature r||s||v (v = 27 or 28) of {@code keccak256("\x19Ethereum Signed Message:\n" +
     *     length + message)}
     * @throws ChainException when the node has no account of its own
     */
    byte[] sign(byte[] message) throws ChainException;

    /**
     * @return the 0x address (lower case) whose key made {@code signature} of {@code message}
     * @throws ChainException when {@code signature} is not a valid signature
     */
    String signer(byte[] message, byte[] signature) throws ChainException;
}
