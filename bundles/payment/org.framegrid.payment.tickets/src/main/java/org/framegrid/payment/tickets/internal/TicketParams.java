package org.framegrid.payment.tickets.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Objects;

/**
 * What a recipient hands a sender (go-livepeer's TicketParams): every ticket of a batch made under them shares
 * these fields; the sender adds its address, a nonce and a signature per ticket.
 *
 * @param recipient the recipient's address
 * @param faceValue wei paid by a winning ticket
 * @param winProb the win probability scaled to 2^256 − 1
 * @param recipientRandHash keccak256 of the recipient's random number
 * @param seed the recipient's seed for that number (the recipient re-derives it from the seed, statelessly)
 * @param expirationBlock the last block in which the recipient accepts tickets made under these parameters
 * @param creationRound the round the tickets are created in
 * @param creationRoundBlockHash that round's block hash
 */
record TicketParams(String recipient, BigInteger faceValue, BigInteger winProb, byte[] recipientRandHash,
        byte[] seed, long expirationBlock, long creationRound, byte[] creationRoundBlockHash) {
    TicketParams {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(faceValue, "faceValue");
        Objects.requireNonNull(winProb, "winProb");
        check(recipientRandHash, "recipientRandHash");
        check(seed, "seed");
        check(creationRoundBlockHash, "creationRoundBlockHash");
    }

    private static void check(byte[] word, String name) {
        if (word.length != 32) {
            throw new IllegalArgumentException("ticket params: " + name + " must be 32 bytes, got " + word.length);
        }
    }

    /** @return the expected value of one ticket made under these parameters, in wei */
    BigInteger expectedValue() {
        return TicketRules.expectedValue(faceValue, winProb);
    }

    void write(DataOutputStream out) throws IOException {
        out.write(Bytes.address(recipient));
        out.write(Bytes.uint256(faceValue));
        out.write(Bytes.uint256(winProb));
        out.write(recipientRandHash);
        out.write(seed);
        out.writeLong(expirationBlock);
        out.writeLong(creationRound);
        out.write(creationRoundBlockHash);
    }

    static TicketParams read(DataInputStream in) throws IOException {
        String recipient = Bytes.hex(in.readNBytes(20));
        BigInteger faceValue = Bytes.unsigned(readFully(in, 32));
        BigInteger winProb = Bytes.unsigned(readFully(in, 32));
        byte[] randHash = readFully(in, 32);
        byte[] seed = readFully(in, 32);
        long expirationBlock = in.readLong();
        long creationRound = in.readLong();
        byte[] blockHash = readFully(in, 32);
        return new TicketParams(recipient, faceValue, winProb, randHash, seed, expirationBlock, creationRound,
                blockHash);
    }

    static byte[] readFully(DataInputStream in, int length) throws IOException {
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }
}
