package org.framegrid.chain.contracts;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/**
 * EIP-191 personal-message signatures in the form the TicketBroker and the node's certificate bindings check: 65
 * bytes, r ‖ s ‖ v (v 27 or 28).
 */
public final class PersonalSign {

    private PersonalSign() {
    }

    /** @return {@code key}'s signature of {@code message} ("\x19Ethereum Signed Message:\n32" + the message) */
    public static byte[] sign(byte[] message, ECKeyPair key) {
        Sign.SignatureData s = Sign.signPrefixedMessage(message, key);
        byte[] signature = new byte[65];
        System.arraycopy(s.getR(), 0, signature, 0, 32);
        System.arraycopy(s.getS(), 0, signature, 32, 32);
        signature[64] = s.getV()[0];
        return signature;
    }
}
