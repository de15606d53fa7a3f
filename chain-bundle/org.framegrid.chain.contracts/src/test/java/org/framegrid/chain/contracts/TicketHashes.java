package org.framegrid.chain.contracts;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The ticket hash and win rule computed in Java exactly as TicketBroker does on chain (protocol.md §5): the contract
 * tests check TicketBroker against this independent computation. Test code: no main code uses it.
 */
public final class TicketHashes {

    private TicketHashes() {
    }

    /**
     * {@code keccak256(abi.encodePacked(recipient, sender, faceValue, winProb, senderNonce, recipientRandHash,
     * auxData))}: addresses as 20 bytes, integers as 32-byte big-endian words, the hash as 32 bytes, auxData as is.
     */
    public static byte[] ticketHash(String recipient, String sender, BigInteger faceValue, BigInteger winProb,
            BigInteger senderNonce, byte[] recipientRandHash, byte[] auxData) {
        if (recipientRandHash.length != 32) {
            throw new IllegalArgumentException("recipientRandHash must be 32 bytes, got " + recipientRandHash.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(168 + auxData.length);
        out.writeBytes(address(recipient, "recipient"));
        out.writeBytes(address(sender, "sender"));
        out.writeBytes(word(faceValue, "faceValue"));
        out.writeBytes(word(winProb, "winProb"));
        out.writeBytes(word(senderNonce, "senderNonce"));
        out.writeBytes(recipientRandHash);
        out.writeBytes(auxData);
        return Hash.sha3(out.toByteArray());
    }

    /** {@code creationRound (uint256) || creationRoundBlockHash (bytes32)}: the 64-byte auxData of a ticket. */
    public static byte[] auxData(BigInteger creationRound, byte[] creationRoundBlockHash) {
        if (creationRoundBlockHash.length != 32) {
            throw new IllegalArgumentException("creation round block hash must be 32 bytes, got "
                    + creationRoundBlockHash.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.writeBytes(word(creationRound, "creationRound"));
        out.writeBytes(creationRoundBlockHash);
        return out.toByteArray();
    }

    /** {@code keccak256(abi.encodePacked(recipientRand))}: what a ticket commits to as recipientRandHash. */
    public static byte[] recipientRandHash(BigInteger recipientRand) {
        return Hash.sha3(word(recipientRand, "recipientRand"));
    }

    /** The win rule: {@code uint256(keccak256(abi.encodePacked(sig, recipientRand))) < winProb}. */
    public static boolean isWinning(byte[] sig, BigInteger recipientRand, BigInteger winProb) {
        byte[] packed = new byte[sig.length + 32];
        System.arraycopy(sig, 0, packed, 0, sig.length);
        System.arraycopy(word(recipientRand, "recipientRand"), 0, packed, sig.length, 32);
        return new BigInteger(1, Hash.sha3(packed)).compareTo(winProb) < 0;
    }

    private static byte[] address(String hex, String what) {
        byte[] bytes = Numeric.hexStringToByteArray(hex);
        if (bytes.length != 20) {
            throw new IllegalArgumentException(what + " must be a 20-byte address, got " + hex);
        }
        return bytes;
    }

    private static byte[] word(BigInteger value, String what) {
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException(what + " must fit in a uint256, got " + value);
        }
        return Numeric.toBytesPadded(value, 32);
    }
}
