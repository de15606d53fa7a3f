package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.framegrid.payment.api.PaymentException;
import org.framegrid.payment.api.PaymentRequiredException;
import org.framegrid.payment.api.Price;
import org.framegrid.payment.api.Receipt;
import org.framegrid.payment.api.Rejection;
import org.framegrid.payment.api.RejectionReason;
import org.framegrid.chain.api.RoundInfo;
import org.framegrid.payment.api.ticket.SenderState;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.payment.api.ticket.WinningTicket;
import org.framegrid.payment.tickets.internal.TicketCodec.Batch;
import org.framegrid.payment.tickets.internal.TicketCodec.SignedNonce;

/**
 * The recipient's side of the ticket scheme (go-livepeer's pm.Recipient + Validator + SenderMonitor, in one): issues
 * ticket parameters, validates payments, credits expected value to session balances, and stores winners durably
 * before answering.
 */
final class TicketReceiver {
    /**
     * @param ticketEv expected value per ticket, in wei
     * @param faceValueMultiplier face value = redemption gas cost × this, so redeeming is always worth it
     * @param redeemGas gas a redeemWinningTicket transaction uses
     * @param paramsValidityBlocks how many blocks issued parameters stay acceptable
     * @param chainCacheMillis how long a read of the round or a sender's funds is reused
     */
    record Settings(BigInteger ticketEv, long faceValueMultiplier, long redeemGas, long paramsValidityBlocks,
            long chainCacheMillis) {
    }

    private final String recipient;
    private final byte[] recipientBytes;
    private final SecretKeySpec secret;
    private final TicketChain chain;
    private final WinningTicketStore store;
    private final Secp256k1 ec;
    private final Settings settings;
    private final LongConsumer onWinner;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, BigInteger> balances = new ConcurrentHashMap<>();
    /** Nonces seen per recipientRandHash (hex), dropped once their parameters have expired. */
    private final Map<String, UsedNonces> nonces = new ConcurrentHashMap<>();
    /** Face value of each sender's winners not yet redeemed: it no longer backs new tickets. */
    private final Map<String, BigInteger> pendingFaceValue = new ConcurrentHashMap<>();
    private final Map<String, Cached<SenderState>> senders = new ConcurrentHashMap<>();
    private volatile Cached<RoundInfo> round;
    private volatile Cached<Long> validityPeriod;

    private record Cached<T>(T value, long readAtNanos) {
    }

    private record UsedNonces(long expirationBlock, Set<BigInteger> seen) {
    }

    /**
     * The secret behind recipientRand is drawn fresh for every instance: parameters issued before a restart (or by
     * a replaced bundle) no longer validate, so nonces used before the restart, which only memory remembers, cannot
     * be replayed. Winners keep their recipientRand in the store, so redeeming them needs no secret.
     */
    TicketReceiver(String recipient, TicketChain chain, WinningTicketStore store, Secp256k1 ec, Settings settings,
            LongConsumer onWinner) {
        this.recipient = Bytes.normalize(recipient);
        this.recipientBytes = Bytes.address(recipient);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.secret = new SecretKeySpec(secret, "HmacSHA256");
        this.chain = chain;
        this.store = store;
        this.ec = ec;
        this.settings = settings;
        this.onWinner = onWinner;
    }

    String recipient() {
        return recipient;
    }

    /** Ticket parameters for {@code sender} (go-livepeer's TicketParams). */
    TicketParams params(String sender) throws PaymentException {
        String senderAddress = Bytes.normalize(sender);
        RoundInfo now = round(true);
        BigInteger maxFloat = maxFloat(senderAddress, true);
        BigInteger gasCost = chain.gasPrice().multiply(BigInteger.valueOf(settings.redeemGas()));
        BigInteger faceValue = gasCost.multiply(BigInteger.valueOf(settings.faceValueMultiplier()))
                .max(settings.ticketEv());
        if (faceValue.compareTo(maxFloat) > 0) {
            // Capped by what the sender can cover, as long as a win still pays for its redemption.
            if (maxFloat.compareTo(gasCost) <= 0 || maxFloat.compareTo(settings.ticketEv()) < 0) {
                throw new PaymentException("ticket params for " + senderAddress + ": sender's max float " + maxFloat
                        + " wei does not cover a ticket (redemption gas cost " + gasCost + " wei, EV "
                        + settings.ticketEv() + " wei)");
            }
            faceValue = maxFloat;
        }
        BigInteger winProb = Tickets.winProb(settings.ticketEv(), faceValue);
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        long expirationBlock = now.blockNumber() + settings.paramsValidityBlocks();
        BigInteger rand = recipientRand(seed, senderAddress, faceValue, winProb, expirationBlock, now.lastInitializedRound(),
                Bytes.unhex(now.lastInitializedBlockHash()));
        return new TicketParams(recipient, faceValue, winProb, Keccak.keccak256(Bytes.uint256(rand)), seed,
                expirationBlock, now.lastInitializedRound(), Bytes.unhex(now.lastInitializedBlockHash()));
    }

    /**
     * recipientRand = HMAC-SHA256(secret, seed ‖ sender ‖ faceValue ‖ winProb ‖ expirationBlock ‖ creationRound ‖
     * blockHash): as go-livepeer, the parameters go into the HMAC too, so the recipient keeps no state per issued
     * parameter set and a sender cannot alter them.
     */
    BigInteger recipientRand(byte[] seed, String sender, BigInteger faceValue, BigInteger winProb,
            long expirationBlock, long creationRound, byte[] blockHash) {
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

    /** Validates every ticket of a payment; credits the valid ones' expected value to {@code session}. */
    Receipt receive(String session, byte[] payment) {
        Batch batch;
        try {
            batch = TicketCodec.decodePayment(payment);
        } catch (IllegalArgumentException malformed) {
            return refuse(session, RejectionReason.MALFORMED, malformed.getMessage());
        }
        TicketParams params = batch.params();
        String sender = batch.sender();
        if (!Arrays.equals(Bytes.address(params.recipient()), recipientBytes)) {
            return refuse(session, RejectionReason.WRONG_RECIPIENT, "tickets are for " + params.recipient()
                    + ", this node is " + recipient);
        }
        if (Bytes.unsigned(Bytes.address(sender)).signum() == 0) {
            return refuse(session, RejectionReason.MALFORMED, "ticket sender is the zero address");
        }
        RoundInfo now;
        try {
            now = round(false);
        } catch (IllegalStateException chainDown) {
            return refuse(session, RejectionReason.UNAVAILABLE, chainDown.getMessage());
        }
        if (params.expirationBlock() < now.blockNumber()) {
            return refuse(session, RejectionReason.EXPIRED, "ticket params expired at block "
                    + params.expirationBlock() + ", chain is at block " + now.blockNumber());
        }
        long validity;
        try {
            validity = ticketValidityPeriod();
        } catch (IllegalStateException chainDown) {
            return refuse(session, RejectionReason.UNAVAILABLE, chainDown.getMessage());
        }
        if (params.creationRound() + validity <= now.lastInitializedRound()) {
            return refuse(session, RejectionReason.EXPIRED, "ticket creation round " + params.creationRound()
                    + " is too old for round " + now.lastInitializedRound());
        }
        BigInteger rand = recipientRand(params.seed(), sender, params.faceValue(), params.winProb(),
                params.expirationBlock(), params.creationRound(), params.creationRoundBlockHash());
        if (!Arrays.equals(Keccak.keccak256(Bytes.uint256(rand)), params.recipientRandHash())) {
            return refuse(session, RejectionReason.TERMS_MISMATCH, "ticket params from " + sender
                    + " were not issued by this node (since its last start) for that sender, or were altered");
        }
        SenderState funds;
        try {
            funds = sender(sender, false);
        } catch (IllegalStateException chainDown) {
            return refuse(session, RejectionReason.UNAVAILABLE, chainDown.getMessage());
        }
        if (funds.withdrawRound() != 0 && funds.withdrawRound() <= now.lastInitializedRound() + 1) {
            return refuse(session, RejectionReason.UNDERFUNDED_SENDER, "sender " + sender
                    + " is unlocking its funds (withdraw round " + funds.withdrawRound() + ")");
        }
        BigInteger maxFloat = maxFloat(sender, funds);
        if (funds.deposit().signum() == 0 && funds.reserveAllocation().signum() == 0 || maxFloat.signum() <= 0) {
            return refuse(session, RejectionReason.UNDERFUNDED_SENDER, "sender " + sender + " has deposit "
                    + funds.deposit() + " wei, reserve allocation " + funds.reserveAllocation() + " wei, "
                    + pendingFaceValue.getOrDefault(sender, BigInteger.ZERO) + " wei pending: nothing backs tickets");
        }
        if (params.faceValue().compareTo(maxFloat) > 0) {
            return refuse(session, RejectionReason.FACE_VALUE_TOO_HIGH, "face value " + params.faceValue()
                    + " wei is above sender " + sender + "'s max float " + maxFloat + " wei");
        }

        BigInteger ev = params.expectedValue();
        UsedNonces used = nonces.computeIfAbsent(Bytes.hex(params.recipientRandHash()),
                k -> new UsedNonces(params.expirationBlock(), ConcurrentHashMap.newKeySet()));
        BigInteger credited = BigInteger.ZERO;
        List<Rejection> rejections = new ArrayList<>();
        byte[] senderBytes = Bytes.address(sender);
        Tickets.BatchHasher hasher = new Tickets.BatchHasher(batch.ticket(batch.tickets().get(0)));
        for (SignedNonce signed : batch.tickets()) {
            byte[] digest = Tickets.ethSignedMessageHash(hasher.hash(signed.nonce()));
            byte[] signer = ec.recoverAddress(digest, signed.signature());
            if (signer == null || !Arrays.equals(signer, senderBytes)) {
                rejections.add(new Rejection(RejectionReason.BAD_SIGNATURE, "ticket nonce " + signed.nonce()
                        + ": signature does not recover to sender " + sender));
                continue;
            }
            if (!used.seen().add(signed.nonce())) {
                rejections.add(new Rejection(RejectionReason.REPLAYED, "ticket nonce " + signed.nonce()
                        + " was already used with recipientRandHash " + Bytes.hex(params.recipientRandHash())));
                continue;
            }
            if (Tickets.wins(signed.signature(), rand, params.winProb())) {
                // On disk before the payment is acknowledged: a crash after this line loses no winner.
                long id = store.add(new WinningTicket(batch.ticket(signed), signed.signature(), rand));
                pendingFaceValue.merge(sender, params.faceValue(), BigInteger::add);
                onWinner.accept(id);
            }
            credited = credited.add(ev);
        }
        BigInteger balance = credited.signum() == 0 ? balance(session)
                : balances.merge(session, credited, BigInteger::add);
        forgetExpiredNonces(now.blockNumber());
        return new Receipt(credited, balance, rejections);
    }

    private Receipt refuse(String session, RejectionReason reason, String detail) {
        return new Receipt(BigInteger.ZERO, balance(session), List.of(new Rejection(reason, detail)));
    }

    private void forgetExpiredNonces(long blockNumber) {
        if (nonces.size() > 64) {
            nonces.values().removeIf(used -> used.expirationBlock() < blockNumber);
        }
    }

    /** A winner of {@code sender} is redeemed or dropped: its face value backs new tickets again. */
    void settled(String sender, BigInteger faceValue) {
        pendingFaceValue.computeIfPresent(Bytes.normalize(sender), (k, v) -> {
            BigInteger left = v.subtract(faceValue);
            return left.signum() <= 0 ? null : left;
        });
        senders.remove(Bytes.normalize(sender));
    }

    /** Counts winners found in the store at start as pending against their senders. */
    void restorePending(WinningTicket winner) {
        pendingFaceValue.merge(Bytes.normalize(winner.ticket().sender()), winner.ticket().faceValue(),
                BigInteger::add);
    }

    /** @return every session's balance, to save on a clean stop */
    Map<String, BigInteger> balances() {
        return Map.copyOf(balances);
    }

    /** Credits balances saved by a previous instance. */
    void restoreBalances(Map<String, BigInteger> saved) {
        saved.forEach((session, wei) -> balances.merge(session, wei, BigInteger::add));
    }

    BigInteger balance(String session) {
        return balances.getOrDefault(session, BigInteger.ZERO);
    }

    void debit(String session, Price price, long units) throws PaymentRequiredException {
        BigInteger cost = price.cost(units);
        BigInteger[] refused = new BigInteger[1];
        balances.compute(session, (k, balance) -> {
            BigInteger have = balance == null ? BigInteger.ZERO : balance;
            if (have.compareTo(cost) < 0) {
                refused[0] = have;
                return balance;
            }
            return have.subtract(cost);
        });
        if (refused[0] != null) {
            throw new PaymentRequiredException(session, cost, refused[0]);
        }
    }

    void endSession(String session) {
        balances.remove(session);
    }

    /** deposit + reserve allocation − face value of winners not yet redeemed (go-livepeer's max float). */
    private BigInteger maxFloat(String sender, SenderState funds) {
        return funds.deposit().add(funds.reserveAllocation())
                .subtract(pendingFaceValue.getOrDefault(sender, BigInteger.ZERO));
    }

    private BigInteger maxFloat(String sender, boolean fresh) {
        return maxFloat(sender, sender(sender, fresh));
    }

    private RoundInfo round(boolean fresh) {
        Cached<RoundInfo> cached = round;
        if (fresh || cached == null || expired(cached.readAtNanos())) {
            cached = new Cached<>(chain.round(), System.nanoTime());
            round = cached;
        }
        return cached.value();
    }

    private long ticketValidityPeriod() {
        Cached<Long> cached = validityPeriod;
        if (cached == null || expired(cached.readAtNanos())) {
            cached = new Cached<>(chain.ticketValidityPeriod(), System.nanoTime());
            validityPeriod = cached;
        }
        return cached.value();
    }

    private SenderState sender(String sender, boolean fresh) {
        Cached<SenderState> cached = senders.get(sender);
        if (fresh || cached == null || expired(cached.readAtNanos())) {
            cached = new Cached<>(chain.sender(sender, recipient), System.nanoTime());
            senders.put(sender, cached);
        }
        return cached.value();
    }

    private boolean expired(long readAtNanos) {
        return System.nanoTime() - readAtNanos > settings.chainCacheMillis() * 1_000_000L;
    }
}
