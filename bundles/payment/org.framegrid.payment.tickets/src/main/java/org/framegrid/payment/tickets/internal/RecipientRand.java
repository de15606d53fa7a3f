package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The recipient's random numbers, derived statelessly from a secret: recipientRand = HMAC-SHA256(secret, seed ‖ sender
 * ‖ faceValue ‖ winProb ‖ expirationBlock ‖ creationRound ‖ blockHash). As in go-livepeer, the parameters go into the
 * HMAC too, so the recipient keeps no state per issued parameter set and a sender cannot alter them.
 *
 * <p>The secret is drawn fresh for every instance: parameters issued before a restart (or by a replaced bundle) no
 * longer validate, so nonces used before the restart, which only memory remembers, cannot be replayed. Winners keep
 * their recipientRand in the store, so redeeming them needs no secret. Thread-safe.
 */
final class RecipientRand {
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec secret;

    RecipientRand() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        this.secret = new SecretKeySpec(key, "HmacSHA256");
    }

    /** @return a fresh 32-byte seed for one parameter set */
    byte[] seed() {
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        return seed;
    }

    /** @return the recipientRand of the parameters issued with {@code seed} to {@code sender} */
    BigInteger of(byte[] seed, String sender, BigInteger faceValue, BigInteger winProb, long expirationBlock,
            long creationRound, byte[] blockHash) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            mac.update(seed);
            mac.update(Bytes.address(sender));
            mac.update(Bytes.uint256(faceValue));
            mac.update(Bytes.uint256(winProb));
            mac.update(ByteBuffer.allocate(16).putLong(expirationBlock).putLong(creationRound).array());
            mac.update(blockHash);
            return Bytes.unsigned(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable: " + e);
        }
    }

    /** @return the recipientRand behind {@code params}, for their {@code sender} */
    BigInteger of(TicketParams params, String sender) {
        return of(params.seed(), sender, params.faceValue(), params.winProb(), params.expirationBlock(),
                params.creationRound(), params.creationRoundBlockHash());
    }
}
