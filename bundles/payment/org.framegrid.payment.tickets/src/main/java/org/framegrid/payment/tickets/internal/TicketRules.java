package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.framegrid.payment.api.ticket.Ticket;

/** The TicketBroker's ticket hash, EIP-191 digest and win rule, byte for byte. */
final class TicketRules {
    private static final byte[] EIP191_PREFIX = "\u0019Ethereum Signed Message:\n32".getBytes(StandardCharsets.US_ASCII);

    private TicketRules() {
    }

    /**
     * @return keccak256(abi.encodePacked(recipient, sender, faceValue, winProb, senderNonce, recipientRandHash,
     *     auxData)): addresses as 20 bytes, uint256 as 32, bytes32 as 32, bytes as-is
     */
    static byte[] hash(Ticket ticket) {
        return Keccak.keccak256(Bytes.address(ticket.recipient()), Bytes.address(ticket.sender()),
                Bytes.uint256(ticket.faceValue()), Bytes.uint256(ticket.winProb()),
                Bytes.uint256(ticket.senderNonce()), ticket.recipientRandHash(), ticket.auxData());
    }

    /**
     * The hash of many tickets that differ only in their nonce (a batch): the fields before and after the nonce are
     * packed once. Gives the same bytes as {@link #hash(Ticket)}.
     */
    static final class BatchHasher {
        private final byte[] head;
        private final byte[] tail;

        BatchHasher(Ticket template) {
            head = new byte[20 + 20 + 32 + 32];
            System.arraycopy(Bytes.address(template.recipient()), 0, head, 0, 20);
            System.arraycopy(Bytes.address(template.sender()), 0, head, 20, 20);
            System.arraycopy(Bytes.uint256(template.faceValue()), 0, head, 40, 32);
            System.arraycopy(Bytes.uint256(template.winProb()), 0, head, 72, 32);
            tail = new byte[32 + 64];
            System.arraycopy(template.recipientRandHash(), 0, tail, 0, 32);
            System.arraycopy(template.auxData(), 0, tail, 32, 64);
        }

        byte[] hash(BigInteger senderNonce) {
            return Keccak.keccak256(head, Bytes.uint256(senderNonce), tail);
        }
    }

    /** @return keccak256("\x19Ethereum Signed Message:\n32" || hash): what the sender's key signs */
    static byte[] ethSignedMessageHash(byte[] hash32) {
        return Keccak.keccak256(EIP191_PREFIX, hash32);
    }

    /** @return uint256(keccak256(abi.encodePacked(sig, recipientRand))) < winProb */
    static boolean wins(byte[] signature, BigInteger recipientRand, BigInteger winProb) {
        return Bytes.unsigned(Keccak.keccak256(signature, Bytes.uint256(recipientRand))).compareTo(winProb) < 0;
    }

    /** @return faceValue × winProb / (2^256 − 1), the expected value of one ticket, in wei (rounded down) */
    static BigInteger expectedValue(BigInteger faceValue, BigInteger winProb) {
        return faceValue.multiply(winProb).divide(Bytes.MAX_UINT256);
    }

    /** @return the winProb that makes a ticket of {@code faceValue} worth {@code ev}: ev × (2^256 − 1) / faceValue */
    static BigInteger winProb(BigInteger ev, BigInteger faceValue) {
        BigInteger p = ev.multiply(Bytes.MAX_UINT256).divide(faceValue);
        return p.min(Bytes.MAX_UINT256);
    }
}
