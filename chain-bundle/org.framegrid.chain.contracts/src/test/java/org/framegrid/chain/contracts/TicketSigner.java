package org.framegrid.chain.contracts;

import java.math.BigInteger;

import org.framegrid.chain.contracts.generated.TicketBroker;
import org.framegrid.payment.api.ticket.Ticket;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Builds and signs tickets as a sender would (EIP-191 over the ticket hash, r || s || v). The hash is the one the
 * TicketBroker itself computes ({@code getTicketHash}) and auxData is written by the payment SPI's
 * {@link Ticket#auxData()}: the node has one Java ticket hash (payment.tickets), checked against the contract there.
 */
final class TicketSigner {

    static final BigInteger ALWAYS_WINS = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private TicketSigner() {
    }

    record Signed(TicketBroker.Ticket ticket, byte[] hash, byte[] sig, BigInteger recipientRand) {
    }

    /** A ticket of the current round, named with its block hash. */
    static Signed ticket(Protocol p, int recipient, Credentials sender, BigInteger faceValue, BigInteger winProb,
            long nonce, BigInteger recipientRand) throws Exception {
        BigInteger round = p.rounds(0).currentRound().send();
        byte[] blockHash = p.rounds(0).blockHashForRound(round).send();
        return ticket(p, p.address(recipient), sender, faceValue, winProb, nonce, recipientRand,
                auxData(round.longValueExact(), blockHash));
    }

    /** A ticket with the given auxData (which may be wrong on purpose). */
    static Signed ticket(Protocol p, String recipient, Credentials sender, BigInteger faceValue, BigInteger winProb,
            long nonce, BigInteger recipientRand, byte[] auxData) throws Exception {
        BigInteger senderNonce = BigInteger.valueOf(nonce);
        TicketBroker.Ticket ticket = new TicketBroker.Ticket(recipient, sender.getAddress(), faceValue, winProb,
                senderNonce, recipientRandHash(recipientRand), auxData);
        byte[] hash = p.broker(0).getTicketHash(ticket).send();
        return new Signed(ticket, hash, sign(hash, sender), recipientRand);
    }

    /** {@code creationRound (uint256) || creationRoundBlockHash (bytes32)}, as the payment SPI writes it. */
    static byte[] auxData(long creationRound, byte[] creationRoundBlockHash) {
        byte[] unused = new byte[32];
        return new Ticket("0x" + "00".repeat(20), "0x" + "00".repeat(20), BigInteger.ZERO, BigInteger.ZERO,
                BigInteger.ZERO, unused, creationRound, creationRoundBlockHash).auxData();
    }

    /** {@code keccak256(abi.encodePacked(recipientRand))}: what a ticket commits to as recipientRandHash. */
    static byte[] recipientRandHash(BigInteger recipientRand) {
        return Hash.sha3(Numeric.toBytesPadded(recipientRand, 32));
    }

    /** The win rule: {@code uint256(keccak256(abi.encodePacked(sig, recipientRand))) < winProb}. */
    static boolean isWinning(byte[] sig, BigInteger recipientRand, BigInteger winProb) {
        byte[] packed = new byte[sig.length + 32];
        System.arraycopy(sig, 0, packed, 0, sig.length);
        System.arraycopy(Numeric.toBytesPadded(recipientRand, 32), 0, packed, sig.length, 32);
        return new BigInteger(1, Hash.sha3(packed)).compareTo(winProb) < 0;
    }

    static byte[] sign(byte[] hash, Credentials signer) {
        return PersonalSign.sign(hash, signer.getEcKeyPair());
    }
}
