package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.framegrid.chain.api.RoundInfo;
import org.framegrid.payment.api.Rejection;
import org.framegrid.payment.api.RejectionReason;
import org.framegrid.payment.tickets.internal.TicketCodec.Batch;
import org.framegrid.payment.tickets.internal.TicketCodec.SignedNonce;

/**
 * The checks a payment's tickets pass (go-livepeer's Validator): addressed to this recipient, parameters unexpired and
 * issued by this node for that sender, each signature recovering to the sender, each nonce used once per
 * recipientRandHash. Thread-safe.
 */
final class TicketValidator {
    private final String recipient;
    private final byte[] recipientBytes;
    private final RecipientRand rand;
    private final Secp256k1 ec;
    private final ChainCache chain;
    /** Nonces seen per recipientRandHash (hex), dropped once their parameters have expired. */
    private final Map<String, UsedNonces> nonces = new ConcurrentHashMap<>();

    private volatile long prunedAtBlock = -1;

    private record UsedNonces(long expirationBlock, Set<BigInteger> seen) {
    }

    /**
     * A batch's parameters passed: the round they were checked in and the recipientRand behind them; or why not.
     *
     * @param rejection why the batch is refused as a whole, or {@code null}
     */
    record ParamsCheck(Rejection rejection, RoundInfo now, BigInteger recipientRand) {
        static ParamsCheck refused(RejectionReason reason, String detail) {
            return new ParamsCheck(new Rejection(reason, detail), null, null);
        }
    }

    TicketValidator(String recipient, RecipientRand rand, Secp256k1 ec, ChainCache chain) {
        this.recipient = Bytes.normalize(recipient);
        this.recipientBytes = Bytes.address(recipient);
        this.rand = rand;
        this.ec = ec;
        this.chain = chain;
    }

    /** Checks what every ticket of {@code batch} shares: its addressing, its parameters' age and origin. */
    ParamsCheck params(Batch batch) {
        TicketParams params = batch.params();
        String sender = batch.sender();
        if (!Arrays.equals(Bytes.address(params.recipient()), recipientBytes)) {
            return ParamsCheck.refused(RejectionReason.WRONG_RECIPIENT, "tickets are for " + params.recipient()
                    + ", this node is " + recipient);
        }
        if (Bytes.unsigned(Bytes.address(sender)).signum() == 0) {
            return ParamsCheck.refused(RejectionReason.MALFORMED, "ticket sender is the zero address");
        }
        RoundInfo now;
        long validity;
        try {
            now = chain.round(false);
            if (params.expirationBlock() < now.blockNumber()) {
                return ParamsCheck.refused(RejectionReason.EXPIRED, "ticket params expired at block "
                        + params.expirationBlock() + ", chain is at block " + now.blockNumber());
            }
            validity = chain.ticketValidityPeriod();
        } catch (IllegalStateException chainDown) {
            return ParamsCheck.refused(RejectionReason.UNAVAILABLE, chainDown.getMessage());
        }
        if (params.creationRound() + validity <= now.lastInitializedRound()) {
            return ParamsCheck.refused(RejectionReason.EXPIRED, "ticket creation round " + params.creationRound()
                    + " is too old for round " + now.lastInitializedRound());
        }
        BigInteger recipientRand = rand.of(params, sender);
        if (!Arrays.equals(Keccak.keccak256(Bytes.uint256(recipientRand)), params.recipientRandHash())) {
            return ParamsCheck.refused(RejectionReason.TERMS_MISMATCH, "ticket params from " + sender
                    + " were not issued by this node (since its last start) for that sender, or were altered");
        }
        return new ParamsCheck(null, now, recipientRand);
    }

    /** The per-ticket checks of one batch whose parameters passed. */
    final class TicketChecks {
        private final Batch batch;
        private final byte[] senderBytes;
        private final TicketRules.BatchHasher hasher;
        private final UsedNonces used;

        private TicketChecks(Batch batch) {
            this.batch = batch;
            this.senderBytes = Bytes.address(batch.sender());
            this.hasher = new TicketRules.BatchHasher(batch.ticket(batch.tickets().get(0)));
            TicketParams params = batch.params();
            this.used = nonces.computeIfAbsent(Bytes.hex(params.recipientRandHash()),
                    k -> new UsedNonces(params.expirationBlock(), ConcurrentHashMap.newKeySet()));
        }

        /** @return why {@code ticket} is refused, or {@code null}: then its nonce counts as used */
        Rejection check(SignedNonce ticket) {
            byte[] digest = TicketRules.ethSignedMessageHash(hasher.hash(ticket.nonce()));
            byte[] signer = ec.recoverAddress(digest, ticket.signature());
            if (signer == null || !Arrays.equals(signer, senderBytes)) {
                return new Rejection(RejectionReason.BAD_SIGNATURE, "ticket nonce " + ticket.nonce()
                        + ": signature does not recover to sender " + batch.sender());
            }
            if (!used.seen().add(ticket.nonce())) {
                return new Rejection(RejectionReason.REPLAYED, "ticket nonce " + ticket.nonce()
                        + " was already used with recipientRandHash " + Bytes.hex(batch.params().recipientRandHash()));
            }
            return null;
        }
    }

    TicketChecks tickets(Batch batch) {
        return new TicketChecks(batch);
    }

    /**
     * Forgets the nonces of parameters that expired before {@code blockNumber}, once per block. Before, only when more
     * than 64 parameter sets were kept: up to 64 expired sets, every nonce used with them, stayed in memory.
     */
    void forgetExpiredNonces(long blockNumber) {
        if (blockNumber != prunedAtBlock) {
            prunedAtBlock = blockNumber;
            nonces.values().removeIf(used -> used.expirationBlock() < blockNumber);
        }
    }

    /** @return the parameter sets whose nonces are kept */
    int nonceSets() {
        return nonces.size();
    }
}
