package org.framegrid.payment.api.ticket;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A ticket's fields, exactly those of the TicketBroker's {@code Ticket} struct. {@code auxData} on chain is
 * {@code creationRound} (uint256) followed by {@code creationRoundBlockHash} (bytes32).
 *
 * @param recipient the orchestrator's address, 0x-prefixed hex
 * @param sender the gateway's address, 0x-prefixed hex
 * @param faceValue paid if the ticket wins, in wei
 * @param winProb the winning probability scaled to 2^256 - 1
 * @param senderNonce the sender's nonce, unique per recipientRandHash
 * @param recipientRandHash keccak256 of the recipient's random number, 32 bytes
 * @param creationRound the round the ticket was created in
 * @param creationRoundBlockHash the block hash of that round, 32 bytes
 */
public record Ticket(String recipient, String sender, BigInteger faceValue, BigInteger winProb,
        BigInteger senderNonce, byte[] recipientRandHash, long creationRound, byte[] creationRoundBlockHash) {
    public Ticket {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(faceValue, "faceValue");
        Objects.requireNonNull(winProb, "winProb");
        Objects.requireNonNull(senderNonce, "senderNonce");
        if (creationRound < 0) {
            throw new IllegalArgumentException("ticket: creationRound must not be negative, got " + creationRound);
        }
        if (recipientRandHash.length != 32 || creationRoundBlockHash.length != 32) {
            throw new IllegalArgumentException("ticket: recipientRandHash and creationRoundBlockHash must be 32 bytes");
        }
        recipientRandHash = recipientRandHash.clone();
        creationRoundBlockHash = creationRoundBlockHash.clone();
    }

    @Override
    public byte[] recipientRandHash() {
        return recipientRandHash.clone();
    }

    @Override
    public byte[] creationRoundBlockHash() {
        return creationRoundBlockHash.clone();
    }

    /**
     * @return the TicketBroker's {@code auxData}: {@code creationRound} as a uint256 (32 bytes, big-endian) followed by
     *     {@code creationRoundBlockHash}, 64 bytes
     * @since 2.0
     */
    public byte[] auxData() {
        byte[] aux = new byte[64];
        long round = creationRound;
        for (int i = 31; i >= 24; i--) {
            aux[i] = (byte) round;
            round >>>= 8;
        }
        System.arraycopy(creationRoundBlockHash, 0, aux, 32, 32);
        return aux;
    }
}
