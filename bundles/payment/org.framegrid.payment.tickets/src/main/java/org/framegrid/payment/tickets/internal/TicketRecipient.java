package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.framegrid.chain.api.RoundInfo;
import org.framegrid.payment.api.PaymentException;
import org.framegrid.payment.api.PaymentRequiredException;
import org.framegrid.payment.api.Price;
import org.framegrid.payment.api.Receipt;
import org.framegrid.payment.api.Rejection;
import org.framegrid.payment.api.RejectionReason;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.payment.api.ticket.WinningTicket;
import org.framegrid.payment.tickets.internal.TicketCodec.Batch;
import org.framegrid.payment.tickets.internal.TicketCodec.SignedNonce;

/**
 * The recipient's side of the ticket scheme (go-livepeer's pm.Recipient): issues ticket parameters, has payments
 * checked ({@link TicketValidator}) and their senders' funds ({@link SenderMonitor}), credits the valid tickets'
 * expected value to session balances, and stores winners durably before answering.
 */
final class TicketRecipient {
    /**
     * @param ticketEv expected value per ticket, in wei
     * @param faceValueMultiplier face value = redemption gas cost × this, so redeeming is always worth it
     * @param redeemGas gas a redeemWinningTicket transaction uses
     * @param paramsValidityBlocks how many blocks issued parameters stay acceptable
     * @param chainCacheMillis how long a read of the round or a sender's funds is reused
     * @param chainOutageGraceMillis how long after its read such a value still stands in while the chain cannot be
     *     reached (a short RPC outage does not refuse every payment)
     */
    record Settings(BigInteger ticketEv, long faceValueMultiplier, long redeemGas, long paramsValidityBlocks,
            long chainCacheMillis, long chainOutageGraceMillis) {

        /** With the default outage grace. */
        Settings(BigInteger ticketEv, long faceValueMultiplier, long redeemGas, long paramsValidityBlocks,
                 long chainCacheMillis) {
            this(ticketEv, faceValueMultiplier, redeemGas, paramsValidityBlocks, chainCacheMillis,
                    ChainCache.OUTAGE_GRACE_MILLIS);
        }
    }

    private final String recipient;
    private final TicketChain chain;
    private final ChainCache reads;
    private final RecipientRand rand = new RecipientRand();
    private final TicketValidator validator;
    private final SenderMonitor senders;
    private final SessionBalances balances = new SessionBalances();
    private final WinningTicketStore store;
    private final Settings settings;
    private final LongConsumer onWinner;
    /** Valid tickets and their expected value credited; rejected tickets; winners and their face value. */
    final TicketCounts received = new TicketCounts();
    final TicketCounts rejected = new TicketCounts();
    final TicketCounts won = new TicketCounts();

    /** @param onWinner told the store id of each winner, once it is on disk */
    TicketRecipient(String recipient, TicketChain chain, WinningTicketStore store, Secp256k1 ec, Settings settings,
            LongConsumer onWinner) {
        this.recipient = Bytes.normalize(recipient);
        this.chain = chain;
        this.reads = new ChainCache(chain, this.recipient, settings.chainCacheMillis(),
                settings.chainOutageGraceMillis());
        this.validator = new TicketValidator(recipient, rand, ec, reads);
        this.senders = new SenderMonitor(reads);
        this.store = store;
        this.settings = settings;
        this.onWinner = onWinner;
    }

    String recipient() {
        return recipient;
    }

    /**
     * Ticket parameters for {@code sender} (go-livepeer's TicketParams), from chain reads at most {@code chain.cache.ms}
     * old: every gateway's every session open asks (a failover loop of 8 streams once asked 60 times a second, each a
     * dozen RPC calls, and the node's info answers timed out).
     */
    TicketParams params(String sender) throws PaymentException {
        String senderAddress = Bytes.normalize(sender);
        RoundInfo now = reads.round(false);
        BigInteger maxFloat = senders.maxFloat(senderAddress);
        BigInteger gasCost = reads.gasPrice().multiply(BigInteger.valueOf(settings.redeemGas()));
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
        BigInteger winProb = TicketRules.winProb(settings.ticketEv(), faceValue);
        byte[] seed = rand.seed();
        long expirationBlock = now.blockNumber() + settings.paramsValidityBlocks();
        byte[] blockHash = Bytes.unhex(now.lastInitializedBlockHash());
        BigInteger recipientRand = rand.of(seed, senderAddress, faceValue, winProb, expirationBlock,
                now.lastInitializedRound(), blockHash);
        return new TicketParams(recipient, faceValue, winProb, Keccak.keccak256(Bytes.uint256(recipientRand)), seed,
                expirationBlock, now.lastInitializedRound(), blockHash);
    }

    /** @return the ticket parameter sets whose used nonces are kept (until they expire) */
    int nonceSets() {
        return validator.nonceSets();
    }

    /** Validates every ticket of a payment; credits the valid ones' expected value to {@code session}. */
    Receipt receive(String session, byte[] payment) {
        Batch batch;
        try {
            batch = TicketCodec.decodePayment(payment);
        } catch (IllegalArgumentException malformed) {
            return refuse(session, new Rejection(RejectionReason.MALFORMED, malformed.getMessage()));
        }
        TicketValidator.ParamsCheck check = validator.params(batch);
        if (check.rejection() != null) {
            return refuse(session, check.rejection());
        }
        TicketParams params = batch.params();
        String sender = batch.sender();
        Rejection unfunded = senders.check(sender, params.faceValue(), check.now().lastInitializedRound());
        if (unfunded != null) {
            return refuse(session, unfunded);
        }
        BigInteger ev = params.expectedValue();
        BigInteger credited = BigInteger.ZERO;
        List<Rejection> rejections = new ArrayList<>();
        TicketValidator.TicketChecks tickets = validator.tickets(batch);
        for (SignedNonce signed : batch.tickets()) {
            Rejection refused = tickets.check(signed);
            if (refused != null) {
                rejections.add(refused);
                continue;
            }
            if (TicketRules.wins(signed.signature(), check.recipientRand(), params.winProb())) {
                // On disk before the payment is acknowledged: a crash after this line loses no winner.
                long id = store.add(new WinningTicket(batch.ticket(signed), signed.signature(), check.recipientRand()));
                senders.won(sender, params.faceValue());
                won.add(1, params.faceValue());
                onWinner.accept(id);
            }
            credited = credited.add(ev);
        }
        received.add(batch.tickets().size() - rejections.size(), credited);
        rejected.add(rejections.size(), BigInteger.ZERO);
        BigInteger balance = credited.signum() == 0 ? balances.balance(session) : balances.credit(session, credited);
        validator.forgetExpiredNonces(check.now().blockNumber());
        return new Receipt(credited, balance, rejections);
    }

    private Receipt refuse(String session, Rejection rejection) {
        rejected.add(1, BigInteger.ZERO);
        return new Receipt(BigInteger.ZERO, balances.balance(session), List.of(rejection));
    }

    /** A winner of {@code sender} is redeemed or dropped: its face value backs new tickets again. */
    void settled(String sender, BigInteger faceValue) {
        senders.settled(sender, faceValue);
    }

    /** Counts winners found in the store at start as pending against their senders. */
    void restorePending(WinningTicket winner) {
        senders.restorePending(winner);
    }

    /** @return every session's balance, to save on a clean stop */
    Map<String, BigInteger> balances() {
        return balances.snapshot();
    }

    /** Credits balances saved by a previous instance. */
    void restoreBalances(Map<String, BigInteger> saved) {
        balances.restore(saved);
    }

    BigInteger balance(String session) {
        return balances.balance(session);
    }

    void debit(String session, Price price, long units) throws PaymentRequiredException {
        balances.debit(session, price, units);
    }

    void endSession(String session) {
        balances.end(session);
    }
}
