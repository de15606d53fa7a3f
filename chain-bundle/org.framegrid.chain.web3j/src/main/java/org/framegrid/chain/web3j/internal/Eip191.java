package org.framegrid.chain.web3j.internal;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.Locale;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.Signatures;
import org.framegrid.chain.contracts.PersonalSign;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * {@link Signatures} with web3j's secp256k1 code: EIP-191 personal messages signed with {@code key} (none: the node
 * recovers only), and any signature traced back to its address.
 */
public final class Eip191 implements Signatures {
    private final Credentials key;

    /** @param key the node's key, or {@code null} for a read-only node */
    public Eip191(Credentials key) {
        this.key = key;
    }

    @Override
    public String account() {
        return key == null ? null : key.getAddress().toLowerCase(Locale.ROOT);
    }

    @Override
    public byte[] sign(byte[] message) throws ChainException {
        if (key == null) {
            throw new ChainException("sign", "the node has no account of its own to sign with (configure a keystore)",
                    false);
        }
        return PersonalSign.sign(message, key.getEcKeyPair());
    }

    @Override
    public String signer(byte[] message, byte[] signature) throws ChainException {
        if (signature == null || signature.length != 65) {
            throw new ChainException("recover", "a signature is 65 bytes, not "
                    + (signature == null ? "missing" : signature.length), false);
        }
        byte v = signature[64] < 27 ? (byte) (signature[64] + 27) : signature[64];
        try {
            BigInteger publicKey = Sign.signedPrefixedMessageToKey(message, new Sign.SignatureData(v,
                    Arrays.copyOfRange(signature, 0, 32), Arrays.copyOfRange(signature, 32, 64)));
            return "0x" + Keys.getAddress(publicKey).toLowerCase(Locale.ROOT);
        } catch (SignatureException | RuntimeException e) {
            throw new ChainException("recover", "not a valid signature: " + e.getMessage(), false);
        }
    }

    @Override
    public String toString() {
        return "Eip191[" + account() + "]";
    }
}
