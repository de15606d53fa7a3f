package org.framegrid.chain.web3j.internal;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.RoundInfo;
import org.framegrid.chain.contracts.generated.TicketBroker;
import org.framegrid.chain.web3j.embedded.TicketAccount;
import org.framegrid.payment.api.ticket.RedeemedTickets;
import org.framegrid.payment.api.ticket.RedemptionException;
import org.framegrid.payment.api.ticket.SenderState;
import org.framegrid.payment.api.ticket.Ticket;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.payment.api.ticket.TicketRedeemer;
import org.framegrid.payment.api.ticket.WinningTicket;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * {@link TicketChain} and {@link TicketRedeemer} over the TicketBroker and the RoundsManager: reads through the
 * {@link ChainClient}, the funding and redemption transactions through one account's {@link TransactionSender}. When
 * that account is the node's own, staking, rounds and tickets share its one nonce sequence. Every redemption is
 * simulated first (the sender's gas estimate), so a ticket the broker would refuse costs no gas and says why.
 */
public class TicketBrokerClient implements TicketAccount {

    /** {@code WinningTicketTransfer(address indexed sender, address indexed recipient, uint256 amount)} */
    static final Event WINNING_TICKET_TRANSFER = new Event("WinningTicketTransfer", List.of(
            new TypeReference<Address>(true) {
            }, new TypeReference<Address>(true) {
            }, new TypeReference<Uint256>() {
            }));

    /**
     * {@code WinningTicketRedeemed(address indexed sender, address indexed recipient, uint256 faceValue,
     * uint256 winProb, uint256 senderNonce, uint256 recipientRand, bytes auxData)}
     */
    static final Event WINNING_TICKET_REDEEMED = new Event("WinningTicketRedeemed", List.of(
            new TypeReference<Address>(true) {
            }, new TypeReference<Address>(true) {
            }, new TypeReference<Uint256>() {
            }, new TypeReference<Uint256>() {
            }, new TypeReference<Uint256>() {
            }, new TypeReference<Uint256>() {
            }, new TypeReference<DynamicBytes>() {
            }));

    /** Revert reasons after which trying again can never succeed. */
    private static final List<String> FINAL_REVERTS = List.of("ticket is expired", "did not win",
            "invalid signature", "recipientrand does not match", "block hash", "auxdata", "null address");
    /** The revert of a ticket the broker has already paid: by an earlier attempt whose answer we never recorded. */
    private static final String USED = "ticket is used";

    private static final TypeReference<Uint256> UINT = new TypeReference<>() {
    };

    private final ChainClient chain;
    private final TransactionSender sender;
    private final NetworkStatsReader rounds;
    private final String broker;

    /** Acting for {@code key}'s account, through the client's one sender for it. */
    public TicketBrokerClient(ChainClient chain, Credentials key) {
        this(chain, chain.sender(key));
    }

    /** Acting for the account of {@code privateKey} (EmbeddedChain: no web3j type outside this package). */
    public TicketBrokerClient(ChainClient chain, BigInteger privateKey) {
        this(chain, Credentials.create(ECKeyPair.create(privateKey)));
    }

    TicketBrokerClient(ChainClient chain, TransactionSender sender) {
        this.chain = chain;
        this.sender = sender;
        this.rounds = new NetworkStatsReader(chain, chain.logs());
        this.broker = chain.addresses().ticketBroker();
    }

    @Override
    public String account() {
        return sender.account();
    }

    @Override
    public RoundInfo round() {
        return unchecked(rounds::round);
    }

    @Override
    public long ticketValidityPeriod() {
        return unchecked(() -> chain.callUint(broker, "ticketValidityPeriod").longValueExact());
    }

    @Override
    public BigInteger gasPrice() {
        return unchecked(chain::gasPrice);
    }

    @Override
    public SenderState sender(String sender, String recipient) {
        return unchecked(() -> {
            Address who = new Address(ChainClient.checkAddress("getSenderInfo", sender));
            // getSenderInfo returns two static structs, Sender(deposit, withdrawRound) and
            // ReserveInfo(fundsRemaining, claimedInCurrentRound): four words in a row.
            List<Type> info = chain.call(broker, "getSenderInfo", List.of(who), List.of(UINT, UINT, UINT, UINT));
            BigInteger allocation = chain.callUint(broker, "claimableReserve", who,
                    new Address(ChainClient.checkAddress("claimableReserve", recipient)));
            return new SenderState((BigInteger) info.get(0).getValue(), (BigInteger) info.get(2).getValue(),
                    allocation, ((BigInteger) info.get(1).getValue()).longValueExact());
        });
    }

    @Override
    public String fund(String sender, BigInteger deposit, BigInteger reserve) {
        if (!sender.toLowerCase(Locale.ROOT).equals(account())) {
            throw new IllegalStateException("ticket broker: can fund only " + account() + ", not " + sender);
        }
        String data = FunctionEncoder.encode(new Function("fundDepositAndReserve",
                List.of(new Uint256(deposit), new Uint256(reserve)), List.of()));
        return unchecked(() -> this.sender.send("fundDepositAndReserve", broker, data, deposit.add(reserve)).result()
                .hash());
    }

    /**
     * Simulates the redemption and sends it only when the simulation passes. A refusal says when to try again: a
     * revert that can never pass (expired, did not win, a bad signature) never; any other revert (no active stake
     * yet, round not initialised, sender out of funds) in a later round; a failure on the way (node unreachable, no
     * ETH for gas) soon. A ticket the broker has already paid (an earlier attempt that was mined, but whose answer
     * was lost to a crash or an outage) is not an error: its redemption transaction is returned.
     */
    @Override
    public String redeem(WinningTicket winner) throws RedemptionException {
        try {
            return sender.send("redeemWinningTicket", broker, "redeemWinningTicket", struct(winner.ticket()),
                    new DynamicBytes(winner.signature()), new Uint256(winner.recipientRand())).result().hash();
        } catch (ChainException e) {
            String reason = e.reason().toLowerCase(Locale.ROOT);
            if (e.reverted() && reason.contains(USED)) {
                return earlierRedemption(winner, e);
            }
            RedemptionException.Retry retry = !e.reverted() ? RedemptionException.Retry.SOON
                    : FINAL_REVERTS.stream().anyMatch(reason::contains) ? RedemptionException.Retry.NEVER
                    : RedemptionException.Retry.NEXT_ROUND;
            throw new RedemptionException(e.getMessage(), retry, e);
        }
    }

    /**
     * @return the transaction that redeemed {@code winner} before, from the broker's WinningTicketRedeemed events since
     *     the ticket's creation round began (no redemption of it is older; a scan from block 1 is what public RPC
     *     nodes refuse)
     */
    private String earlierRedemption(WinningTicket winner, ChainException used) throws RedemptionException {
        Ticket ticket = winner.ticket();
        try {
            long from = roundStartBlock(ticket.creationRound());
            for (Log log : chain.logs().withAddress(broker, EventEncoder.encode(WINNING_TICKET_REDEEMED), 1,
                    ChainClient.checkAddress("redeemed", ticket.sender()), from)) {
                List<Type> values = FunctionReturnDecoder.decode(log.getData(),
                        WINNING_TICKET_REDEEMED.getNonIndexedParameters());
                String recipient = "0x" + log.getTopics().get(2).substring(26);
                boolean same = recipient.equalsIgnoreCase(ticket.recipient())
                        && values.get(2).getValue().equals(ticket.senderNonce())
                        && values.get(3).getValue().equals(winner.recipientRand());
                if (same) {
                    return log.getTransactionHash();
                }
            }
        } catch (ChainException e) {
            throw new RedemptionException("the broker says the ticket is used; looking for its redemption failed: "
                    + e.getMessage(), RedemptionException.Retry.SOON, e);
        }
        throw new RedemptionException(used.getMessage() + " (no WinningTicketRedeemed event of it found)",
                RedemptionException.Retry.NEVER, used);
    }

    /**
     * @return the first block of {@code round}: rounds since the last change of the round length are that length each;
     *     for a round before that change (its tickets long expired), block 0
     */
    private long roundStartBlock(long round) throws ChainException {
        String rounds = chain.addresses().roundsManager();
        long changed = chain.callUint(rounds, "lastRoundLengthUpdateRound").longValueExact();
        long changedAt = chain.callUint(rounds, "lastRoundLengthUpdateStartBlock").longValueExact();
        long length = chain.callUint(rounds, "roundLength").longValueExact();
        return round >= changed ? changedAt + (round - changed) * length : 0;
    }

    @Override
    public RedeemedTickets redeemed(String recipient) {
        return unchecked(() -> {
            List<Log> transfers = chain.logs().withAddress(broker, EventEncoder.encode(WINNING_TICKET_TRANSFER), 2,
                    ChainClient.checkAddress("redeemed", recipient));
            BigInteger paid = BigInteger.ZERO;
            for (Log transfer : transfers) {
                List<Type> amount = FunctionReturnDecoder.decode(transfer.getData(),
                        WINNING_TICKET_TRANSFER.getNonIndexedParameters());
                paid = paid.add((BigInteger) amount.get(0).getValue());
            }
            return new RedeemedTickets(transfers.size(), paid);
        });
    }

    @Override
    public byte[] ticketHash(Ticket ticket) throws ChainException {
        return Numeric.hexStringToByteArray(chain.callBytes32(broker, "getTicketHash", struct(ticket)));
    }

    /** The TicketBroker's {@code Ticket} struct; {@code auxData} as {@link Ticket#auxData()} writes it. */
    private static TicketBroker.Ticket struct(Ticket t) {
        return new TicketBroker.Ticket(t.recipient(), t.sender(), t.faceValue(), t.winProb(), t.senderNonce(),
                t.recipientRandHash(), t.auxData());
    }

    /** A chain call of the ticket SPI, which reports failures as {@link IllegalStateException}. */
    private interface ChainCall<T> {
        T call() throws ChainException;
    }

    private static <T> T unchecked(ChainCall<T> call) {
        try {
            return call.call();
        } catch (ChainException e) {
            throw new IllegalStateException("ticket broker: " + e.getMessage(), e);
        }
    }
}
