package org.framegrid.chain.contracts;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.framegrid.chain.contracts.generated.BondingManager;
import org.framegrid.chain.contracts.generated.LivepeerToken;
import org.framegrid.chain.contracts.generated.Minter;
import org.framegrid.chain.contracts.generated.RoundsManager;
import org.framegrid.chain.contracts.generated.TicketBroker;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.TransactionManager;

/**
 * Test fixture: a real anvil with the protocol deployed, and the contracts as seen by each dev account (account 0 is
 * the deployer and holds the genesis supply).
 */
final class Protocol implements AutoCloseable {

    static final BigInteger LPT = BigInteger.TEN.pow(18);
    static final BigInteger MAX_APPROVAL = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    final Anvil anvil;
    final ProtocolParameters parameters;
    final ProtocolAddresses addresses;
    private final Map<Integer, TransactionManager> managers = new HashMap<>();

    Protocol(ProtocolParameters parameters) throws Exception {
        this.anvil = Anvil.start();
        try {
            this.parameters = parameters;
            // Two blocks: tests with short rounds keep almost all of round 0 for their set-up.
            this.addresses = ProtocolDeployer.deploy(anvil, parameters);
        } catch (Exception e) {
            anvil.close();
            throw e;
        }
    }

    @Override
    public void close() {
        anvil.close();
    }

    String address(int account) {
        return anvil.accounts().get(account).getAddress();
    }

    Credentials credentials(int account) {
        return anvil.accounts().get(account);
    }

    TransactionManager manager(int account) {
        return managers.computeIfAbsent(account,
                a -> ProtocolDeployer.transactionManager(anvil.web3j(), anvil.accounts().get(a), anvil.chainId()));
    }

    /** Reverts to a snapshot and forgets cached nonces, which the revert made stale. */
    void revert(String snapshot) throws Exception {
        anvil.revert(snapshot);
        managers.clear();
    }

    LivepeerToken token(int account) {
        return LivepeerToken.load(addresses.livepeerToken(), anvil.web3j(), manager(account), ProtocolDeployer.DEV_GAS);
    }

    BondingManager bonding(int account) {
        return BondingManager.load(addresses.bondingManager(), anvil.web3j(), manager(account), ProtocolDeployer.DEV_GAS);
    }

    RoundsManager rounds(int account) {
        return RoundsManager.load(addresses.roundsManager(), anvil.web3j(), manager(account), ProtocolDeployer.DEV_GAS);
    }

    Minter minter() {
        return Minter.load(addresses.minter(), anvil.web3j(), manager(0), ProtocolDeployer.DEV_GAS);
    }

    TicketBroker broker(int account) {
        return TicketBroker.load(addresses.ticketBroker(), anvil.web3j(), manager(account), ProtocolDeployer.DEV_GAS);
    }

    /** Gives {@code account} LPT from the deployer and lets the BondingManager spend all of it. */
    void fund(int account, BigInteger wei) throws Exception {
        token(0).transfer(address(account), wei).send();
        token(account).approve(addresses.bondingManager(), MAX_APPROVAL).send();
    }

    /** Registers {@code account} as an orchestrator with its own bond; active from the next round. */
    void registerOrchestrator(int account, BigInteger selfBond, long rewardCut, long feeShare) throws Exception {
        fund(account, selfBond);
        bonding(account).bond(selfBond, address(account)).send();
        bonding(account).transcoder(BigInteger.valueOf(rewardCut), BigInteger.valueOf(feeShare)).send();
    }

    void delegate(int account, BigInteger amount, int orchestrator) throws Exception {
        fund(account, amount);
        bonding(account).bond(amount, address(orchestrator)).send();
    }

    /** Mines to the first block of the next round and initialises it; returns the receipt of initializeRound. */
    TransactionReceipt nextRound() throws Exception {
        long next = anvil.blockNumber() + 1; // the block the next transaction lands in
        long length = parameters.roundLength();
        long target = (next / length + 1) * length;
        anvil.mine(target - next);
        return rounds(0).initializeRound().send();
    }

    /** Advances {@code n} rounds, initialising each. */
    void advanceRounds(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            nextRound();
        }
    }

    long currentRound() throws Exception {
        return rounds(0).currentRound().send().longValueExact();
    }

    BigInteger pendingStake(int account) throws Exception {
        return bonding(0).pendingStake(address(account), BigInteger.ZERO).send();
    }

    BigInteger pendingFees(int account) throws Exception {
        return bonding(0).pendingFees(address(account), BigInteger.ZERO).send();
    }

    BigInteger transcoderTotalStake(int account) throws Exception {
        return bonding(0).transcoderTotalStake(address(account)).send();
    }

    BigInteger lptBalance(int account) throws Exception {
        return token(0).balanceOf(address(account)).send();
    }

    BigInteger ethBalance(String address) throws Exception {
        return anvil.web3j().ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
    }

    static BigInteger lpt(String amount) {
        return new java.math.BigDecimal(amount).multiply(new java.math.BigDecimal(LPT)).toBigIntegerExact();
    }

    static List<Integer> range(int from, int to) {
        return java.util.stream.IntStream.range(from, to).boxed().toList();
    }
}
