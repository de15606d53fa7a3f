package org.framegrid.chain.contracts;

import java.math.BigInteger;

import org.framegrid.chain.contracts.generated.TicketBroker;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Sign;

/** Builds and signs tickets as a sender would (EIP-191 over the ticket hash, r || s || v). */
final class Tickets {

    static final BigInteger ALWAYS_WINS = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private Tickets() {
    }

    record Signed(TicketBroker.Ticket ticket, byte[] hash, byte[] sig, BigInteger recipientRand) {
    }

    static Signed ticket(Protocol p, int recipient, Credentials sender, BigInteger faceValue, BigInteger winProb,
            long nonce, BigInteger recipientRand) throws Exception {
        BigInteger round = p.rounds(0).currentRound().send();
        byte[] blockHash = p.rounds(0).blockHashForRound(round).send();
        return ticket(p.address(recipient), sender, faceValue, winProb, nonce, recipientRand,
                TicketHashes.auxData(round, blockHash));
    }

    static Signed ticket(String recipient, Credentials sender, BigInteger faceValue, BigInteger winProb, long nonce,
            BigInteger recipientRand, byte[] auxData) {
        byte[] randHash = TicketHashes.recipientRandHash(recipientRand);
        BigInteger senderNonce = BigInteger.valueOf(nonce);
        byte[] hash = TicketHashes.ticketHash(recipient, sender.getAddress(), faceValue, winProb, senderNonce,
                randHash, auxData);
        return new Signed(new TicketBroker.Ticket(recipient, sender.getAddress(), faceValue, winProb, senderNonce,
                randHash, auxData), hash, sign(hash, sender), recipientRand);
    }

    static byte[] sign(byte[] hash, Credentials signer) {
        Sign.SignatureData s = Sign.signPrefixedMessage(hash, signer.getEcKeyPair());
        byte[] sig = new byte[65];
        System.arraycopy(s.getR(), 0, sig, 0, 32);
        System.arraycopy(s.getS(), 0, sig, 32, 32);
        sig[64] = s.getV()[0];
        return sig;
    }
}
