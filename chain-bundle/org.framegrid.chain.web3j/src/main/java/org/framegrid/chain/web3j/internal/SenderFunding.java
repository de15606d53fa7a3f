package org.framegrid.chain.web3j.internal;

import java.math.BigInteger;
import java.util.List;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.TxResult;
import org.framegrid.payment.api.ticket.SenderState;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * A gateway's funds in the TicketBroker, as its operator manages them: fund the deposit and the reserve, start and
 * cancel an unlock, withdraw once the unlock period has passed. Every transaction goes through the account's
 * {@link TransactionSender}, which simulates it first: a refusal costs no gas and comes back with the broker's reason.
 */
final class SenderFunding {

    private final ChainClient chain;
    private final TransactionSender sender;
    private final TicketBrokerClient broker;
    private final String address;

    /** @param sender the account acting, or {@code null} for reading only */
    SenderFunding(ChainClient chain, TransactionSender sender) {
        this.chain = chain;
        this.sender = sender;
        this.broker = new TicketBrokerClient(chain, sender);
        this.address = chain.addresses().ticketBroker();
    }

    /** Adds {@code deposit} and {@code reserve} wei (one transaction carrying both). */
    TxResult fund(BigInteger deposit, BigInteger reserve) throws ChainException {
        if (deposit.signum() < 0 || reserve.signum() < 0 || deposit.add(reserve).signum() == 0) {
            throw new ChainException("deposit", "the deposit and the reserve must not be negative, and not both 0",
                    false);
        }
        String data = FunctionEncoder.encode(new Function("fundDepositAndReserve",
                List.of(new Uint256(deposit), new Uint256(reserve)), List.of()));
        return signer("deposit").send("deposit", address, data, deposit.add(reserve)).result();
    }

    /** Starts the unlock: deposit and reserve can be withdrawn after the unlock period. */
    TxResult unlock() throws ChainException {
        return signer("unlock").send("unlock", address, "unlock").result();
    }

    /** Cancels an unlock in progress: the funds pay tickets again. */
    TxResult cancelUnlock() throws ChainException {
        return signer("cancel-unlock").send("cancel-unlock", address, "cancelUnlock").result();
    }

    /** Withdraws deposit and reserve (unlocked, after the unlock period). */
    TxResult withdraw() throws ChainException {
        return signer("withdraw").send("withdraw", address, "withdraw").result();
    }

    /** @return {@code who}'s deposit, reserve and withdraw round (0: not unlocking) */
    SenderState state(String who) throws ChainException {
        try {
            return broker.sender(ChainClient.checkAddress("funds", who), who);
        } catch (IllegalStateException e) {
            throw e.getCause() instanceof ChainException c ? c : new ChainException("funds", e.getMessage(), false);
        }
    }

    /** @return the rounds from an unlock until the funds can be withdrawn */
    long unlockPeriod() throws ChainException {
        return chain.callUint(address, "unlockPeriod").longValueExact();
    }

    /** @return the account acting */
    String account() {
        return sender == null ? ChainClient.ZERO_ADDRESS : sender.account();
    }

    private TransactionSender signer(String operation) throws ChainException {
        if (sender == null) {
            throw new ChainException(operation, "no account to sign with (configure a keystore and its password "
                    + "file, or --account N on the devchain)", false);
        }
        return sender;
    }
}
