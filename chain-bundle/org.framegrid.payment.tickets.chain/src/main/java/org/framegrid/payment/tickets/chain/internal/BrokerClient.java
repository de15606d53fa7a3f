package org.framegrid.payment.tickets.chain.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.framegrid.chain.contracts.ProtocolAddresses;
import org.framegrid.chain.contracts.ProtocolDeployer;
import org.framegrid.chain.contracts.generated.RoundsManager;
import org.framegrid.chain.contracts.generated.TicketBroker;
import org.framegrid.payment.api.ticket.RedemptionException;
import org.framegrid.payment.api.ticket.RoundInfo;
import org.framegrid.payment.api.ticket.SenderState;
import org.framegrid.payment.api.ticket.Ticket;
import org.framegrid.payment.api.ticket.TicketChain;
import org.framegrid.payment.api.ticket.TicketRedeemer;
import org.framegrid.payment.api.ticket.WinningTicket;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * {@link TicketChain} and {@link TicketRedeemer} over the deployed TicketBroker and RoundsManager, sending
 * transactions from one account (the node's).
 */
public final class BrokerClient implements TicketChain, TicketRedeemer {
    /** Revert reasons after which trying again can never succeed. */
    private static final List<String> FINAL_REVERTS = List.of("ticket is used", "ticket is expired", "did not win",
            "invalid signature", "recipientrand does not match", "block hash", "auxdata", "null address");

    private final Web3j web3j;
    private final String account;
    private final TicketBroker broker;
    private final RoundsManager rounds;

    /**
     * @param web3j the client (not closed by this class)
     * @param credentials the account transactions are sent from (the sender's when funding, the recipient's when
     *     redeeming)
     * @param chainId the chain's id, for signing transactions
     * @param addresses the deployment
     * @param gas gas price and limits for transactions
     */
    public BrokerClient(Web3j web3j, Credentials credentials, long chainId, ProtocolAddresses addresses,
            ContractGasProvider gas) {
        this.web3j = web3j;
        this.account = credentials.getAddress().toLowerCase(Locale.ROOT);
        TransactionManager transactions = ProtocolDeployer.transactionManager(web3j, credentials, chainId);
        this.broker = TicketBroker.load(addresses.ticketBroker(), web3j, transactions, gas);
        this.rounds = RoundsManager.load(addresses.roundsManager(), web3j, transactions, gas);
    }

    /** @return the address transactions are sent from */
    public String account() {
        return account;
    }

    /** The last initialised round (only those have a block hash tickets can name). */
    @Override
    public RoundInfo round() {
        try {
            BigInteger round = rounds.lastInitializedRound().send();
            byte[] blockHash = rounds.blockHashForRound(round).send();
            long block = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
            return new RoundInfo(round.longValueExact(), blockHash, block);
        } catch (Exception e) {
            throw unreachable("read the round", e);
        }
    }

    @Override
    public long ticketValidityPeriod() {
        try {
            return broker.ticketValidityPeriod().send().longValueExact();
        } catch (Exception e) {
            throw unreachable("read ticketValidityPeriod", e);
        }
    }

    @Override
    public BigInteger gasPrice() {
        try {
            return web3j.ethGasPrice().send().getGasPrice();
        } catch (IOException e) {
            throw unreachable("read the gas price", e);
        }
    }

    @Override
    public SenderState sender(String sender, String recipient) {
        try {
            var info = broker.getSenderInfo(sender).send();
            BigInteger allocation = broker.claimableReserve(sender, recipient).send();
            return new SenderState(info.component1().deposit, info.component2().fundsRemaining, allocation,
                    info.component1().withdrawRound.longValueExact());
        } catch (Exception e) {
            throw unreachable("read sender " + sender, e);
        }
    }

    @Override
    public String fund(String sender, BigInteger deposit, BigInteger reserve) {
        if (!sender.toLowerCase(Locale.ROOT).equals(account)) {
            throw new IllegalStateException("ticket broker: can fund only " + account + ", not " + sender);
        }
        try {
            return broker.fundDepositAndReserve(deposit, reserve, deposit.add(reserve)).send().getTransactionHash();
        } catch (Exception e) {
            throw unreachable("fundDepositAndReserve(" + deposit + ", " + reserve + ")", e);
        }
    }

    @Override
    public String redeem(WinningTicket winner) throws RedemptionException {
        Ticket t = winner.ticket();
        TicketBroker.Ticket ticket = new TicketBroker.Ticket(t.recipient(), t.sender(), t.faceValue(), t.winProb(),
                t.senderNonce(), t.recipientRandHash(), auxData(t));
        try {
            TransactionReceipt receipt = broker.redeemWinningTicket(ticket, winner.signature(), winner.recipientRand())
                    .send();
            if (!receipt.isStatusOK()) {
                throw new RedemptionException("redeemWinningTicket reverted in " + receipt.getTransactionHash(),
                        true, null);
            }
            return receipt.getTransactionHash();
        } catch (RedemptionException e) {
            throw e;
        } catch (IOException e) {
            throw new RedemptionException("ticket broker unreachable: " + e.getMessage(), true, e);
        } catch (Exception e) {
            String message = String.valueOf(e.getMessage());
            String lower = message.toLowerCase(Locale.ROOT);
            boolean hopeless = FINAL_REVERTS.stream().anyMatch(lower::contains);
            throw new RedemptionException("redeemWinningTicket failed: " + message, !hopeless, e);
        }
    }

    /** @return the contract's view of the ticket hash (to check ours against) */
    public byte[] ticketHash(Ticket t) throws Exception {
        return broker.getTicketHash(new TicketBroker.Ticket(t.recipient(), t.sender(), t.faceValue(), t.winProb(),
                t.senderNonce(), t.recipientRandHash(), auxData(t))).send();
    }

    static byte[] auxData(Ticket t) {
        byte[] aux = new byte[64];
        byte[] round = BigInteger.valueOf(t.creationRound()).toByteArray();
        int copy = Math.min(round.length, 32);
        System.arraycopy(round, round.length - copy, aux, 32 - copy, copy);
        System.arraycopy(t.creationRoundBlockHash(), 0, aux, 32, 32);
        return aux;
    }

    private static IllegalStateException unreachable(String what, Exception e) {
        return new IllegalStateException("ticket broker: cannot " + what + ": " + e.getMessage(), e);
    }

    static String hex(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }
}
