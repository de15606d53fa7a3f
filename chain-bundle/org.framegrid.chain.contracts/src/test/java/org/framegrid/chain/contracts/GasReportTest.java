package org.framegrid.chain.contracts;

import static org.framegrid.chain.contracts.Protocol.lpt;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.framegrid.chain.contracts.generated.BondingManager;
import org.framegrid.chain.contracts.generated.Controller;
import org.framegrid.chain.contracts.generated.LivepeerGovernor;
import org.framegrid.chain.contracts.generated.Minter;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Gas used per protocol operation, from real receipts; printed as tables for the operator documentation (the
 * contracts module's README). Pool positions: six orchestrators, so a hint saves walking up to five nodes.
 */
class GasReportTest {

    private static final BigInteger ETH = BigInteger.TEN.pow(18);
    private static final String ZERO = HintedStakingAbiTest.ZERO;

    @Test
    void printGasPerOperation() throws Exception {
        Map<String, TransactionReceipt> gas = new LinkedHashMap<>();
        try (Protocol p = new Protocol(ProtocolParameters.defaults().withRoundLength(100).withUnbondingPeriod(1))) {
            p.fund(1, lpt("1000"));
            p.fund(2, lpt("3000"));
            gas.put("bond (orchestrator, self)", p.bonding(1).bond(lpt("1000"), p.address(1)).send());
            gas.put("transcoder(rewardCut, feeShare)",
                    p.bonding(1).transcoder(BigInteger.valueOf(100_000), BigInteger.valueOf(500_000)).send());
            gas.put("bond (new delegator)", p.bonding(2).bond(lpt("2000"), p.address(1)).send());
            gas.put("bond (add to stake)", p.bonding(2).bond(lpt("1000"), p.address(1)).send());
            gas.put("initializeRound", p.nextRound());
            gas.put("reward (first, 10% to the treasury)", p.bonding(1).reward().send());
            p.broker(5).fundDepositAndReserve(ETH, ETH, ETH.multiply(BigInteger.TWO)).send();
            gas.put("fundDeposit", p.broker(5).fundDeposit(ETH).send());
            TicketSigner.Signed t = TicketSigner.ticket(p, 1, p.credentials(5), ETH.divide(BigInteger.TEN), TicketSigner.ALWAYS_WINS,
                    1, BigInteger.valueOf(42));
            gas.put("redeemWinningTicket", p.broker(1).redeemWinningTicket(t.ticket(), t.sig(), t.recipientRand()).send());
            p.nextRound();
            gas.put("reward (next round)", p.bonding(1).reward().send());
            gas.put("unbond (with claim)", p.bonding(2).unbond(lpt("500")).send());
            gas.put("rebond", p.bonding(2).rebond(BigInteger.ZERO).send());
            gas.put("unbond", p.bonding(2).unbond(lpt("500")).send());
            p.nextRound();
            gas.put("withdrawStake", p.bonding(2).withdrawStake(BigInteger.ONE).send());
            gas.put("withdrawFees", p.bonding(1).withdrawFees(p.address(9), p.pendingFees(1)).send());
            gas.put("claimEarnings", p.bonding(2).claimEarnings(BigInteger.valueOf(p.currentRound())).send());
        }
        print("protocol operations", gas);
    }

    @Test
    void printGasOfTheHintedFormsTreasuryAndSlashing() throws Exception {
        Map<String, TransactionReceipt> gas = new LinkedHashMap<>();
        try (Protocol p = new Protocol(ProtocolParameters.defaults().withRoundLength(100).withUnbondingPeriod(0))) {
            // Orchestrators 1..6 with 6,000 ... 1,000 LPT: 1 is the head, 6 the tail. A self-bond joins the pool.
            for (int o = 1; o <= 5; o++) {
                p.registerOrchestrator(o, lpt(String.valueOf(7000 - 1000 * o)), 100_000, 500_000);
            }
            p.fund(6, lpt("1000"));
            // The same step from the same state, without a hint and with the right one: a position near the tail is
            // where the walk from the head is longest.
            String state = p.anvil.snapshot();
            gas.put("bond (self-bond joins the pool at the tail of 6, no hint)",
                    p.bonding(6).bond(lpt("1000"), p.address(6)).send());
            p.revert(state);
            gas.put("bondWithHint (same self-bond, right hint)", p.bonding(6).bondWithHint(lpt("1000"), p.address(6),
                    ZERO, ZERO, p.address(5), ZERO).send());
            gas.put("transcoderWithHint (terms of a pool member)", p.bonding(6).transcoderWithHint(
                    BigInteger.valueOf(100_000), BigInteger.valueOf(500_000), ZERO, ZERO).send());
            p.fund(7, lpt("20000"));
            state = p.anvil.snapshot();
            gas.put("bond (new delegator; delegate stays at the tail, no hint)",
                    p.bonding(7).bond(lpt("500"), p.address(6)).send());
            p.revert(state);
            gas.put("bondWithHint (same delegator bond, right hint)", p.bonding(7).bondWithHint(lpt("500"), p.address(6),
                    ZERO, ZERO, p.address(5), ZERO).send());
            // Moving up to the head: the walk stops at once, so a hint saves nothing there.
            gas.put("bondWithHint (add 9,500: delegate moves tail to head)", p.bonding(7).bondWithHint(lpt("9500"),
                    p.address(6), ZERO, ZERO, ZERO, p.address(1)).send());
            gas.put("bondForWithHint (8's bond paid by 7)", p.bonding(7).bondForWithHint(lpt("1000"), p.address(8),
                    p.address(1), ZERO, ZERO, p.address(6), p.address(2)).send());
            p.nextRound();
            gas.put("rewardWithHint (moves to the head, right hint; 10% to the treasury)",
                    p.bonding(1).rewardWithHint(ZERO, p.address(6)).send());
            gas.put("unbondWithHint (delegate keeps its place, right hint)",
                    p.bonding(7).unbondWithHint(lpt("1000"), p.address(1), p.address(2)).send());
            gas.put("rebondWithHint", p.bonding(7).rebondWithHint(BigInteger.ZERO, p.address(1), p.address(2)).send());
            p.bonding(8).unbond(p.pendingStake(8)).send(); // all of it, rewards included
            gas.put("rebondFromUnbondedWithHint", p.bonding(8).rebondFromUnbondedWithHint(p.address(2),
                    BigInteger.ZERO, p.address(6), p.address(3)).send());
            gas.put("transferBond (to an account with no bond)", p.bonding(7).transferBond(p.address(9), lpt("500"),
                    ZERO, ZERO, ZERO, ZERO).send());
            gas.put("checkpointBondingState", p.bonding(9).checkpointBondingState(p.address(7)).send());
            BondingManager asOwner = p.bonding(0);
            gas.put("setTreasuryRewardCutRate", asOwner.setTreasuryRewardCutRate(BigInteger.TEN.pow(26).multiply(BigInteger.TWO)).send());
            gas.put("setTreasuryBalanceCeiling", asOwner.setTreasuryBalanceCeiling(lpt("1000000")).send());
            gas.put("setUnbondingPeriod(uint64)", asOwner.setUnbondingPeriod(BigInteger.valueOf(7)).send());
            gas.put("initializeRound (treasury rate change)", p.nextRound());
            Controller.load(p.addresses.controller(), p.anvil.web3j(), p.manager(0), ProtocolDeployer.DEV_GAS)
                    .setContractInfo(ProtocolDeployer.contractId("Verifier"), p.address(9), new byte[20]).send();
            gas.put("slashTranscoder (finder fee, rest burnt)", p.bonding(9).slashTranscoder(p.address(3), p.address(8),
                    BigInteger.valueOf(500_000), BigInteger.valueOf(100_000)).send());
        }
        print("hinted forms, treasury, slashing", gas);
    }

    @Test
    void printGasOfThePeripheryAndGovernance() throws Exception {
        Map<String, TransactionReceipt> gas = new LinkedHashMap<>();
        try (Protocol p = new Protocol(ProtocolParameters.defaults().withRoundLength(100))) {
            ProtocolAddresses at = p.addresses;
            p.registerOrchestrator(1, lpt("1000"), 100_000, 500_000);
            p.delegate(2, lpt("500"), 1);
            gas.put("TicketBroker.fundDepositAndReserveFor", p.broker(5).fundDepositAndReserveFor(p.address(6), ETH, ETH,
                    ETH.multiply(BigInteger.TWO)).send());
            gas.put("RoundsManager.setLIPUpgradeRound", p.rounds(0).setLIPUpgradeRound(BigInteger.valueOf(89),
                    BigInteger.ONE).send());
            Sign.SignatureData sig = Permits.sign(p.token(0).DOMAIN_SEPARATOR().send(), p.credentials(2),
                    p.address(3), lpt("1"), BigInteger.ZERO, BigInteger.valueOf(Long.MAX_VALUE));
            gas.put("LivepeerToken.permit", p.token(3).permit(p.address(2), p.address(3), lpt("1"),
                    BigInteger.valueOf(Long.MAX_VALUE), BigInteger.valueOf(sig.getV()[0] & 0xff), sig.getR(), sig.getS()).send());
            p.token(0).grantRole(ProtocolDeployer.role("BURNER_ROLE"), p.address(3)).send();
            p.fund(2, lpt("1"));
            gas.put("LivepeerToken.burnFrom", p.token(3).burnFrom(p.address(2), lpt("1")).send());
            gas.put("LivepeerToken.transfer", p.token(0).transfer(p.address(4), lpt("1")).send());
            String successor = Minter.deploy(p.anvil.web3j(), p.manager(0), ProtocolDeployer.DEV_GAS, at.controller(),
                    BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO).send().getContractAddress();
            gas.put("Minter.migrateToNewMinter", p.minter().migrateToNewMinter(successor).send());
            String other = Controller.deploy(p.anvil.web3j(), p.manager(0), ProtocolDeployer.DEV_GAS).send()
                    .getContractAddress();
            gas.put("Controller.updateController", Controller.load(at.controller(), p.anvil.web3j(), p.manager(0),
                    ProtocolDeployer.DEV_GAS).updateController(ProtocolDeployer.contractId(
                            ProtocolDeployer.SERVICE_REGISTRY), other).send());

            p.nextRound();
            LivepeerGovernor governor = LivepeerGovernor.load(at.livepeerGovernor(), p.anvil.web3j(), p.manager(1),
                    ProtocolDeployer.DEV_GAS);
            List<String> targets = List.of(at.roundsManager());
            List<BigInteger> values = List.of(BigInteger.ZERO);
            List<byte[]> calls = List.of(Numeric.hexStringToByteArray(IssueAbi.encode("lipUpgradeRound(uint256)", 1)));
            String description = "gas";
            byte[] descriptionHash = Hash.sha3(description.getBytes(StandardCharsets.UTF_8));
            gas.put("LivepeerGovernor.propose", governor.propose(targets, values, calls, description).send());
            BigInteger id = governor.hashProposal(targets, values, calls, descriptionHash).send();
            p.advanceRounds(2);
            gas.put("LivepeerGovernor.castVote (orchestrator)", governor.castVote(id, BigInteger.ONE).send());
            gas.put("LivepeerGovernor.castVote (delegator override)", LivepeerGovernor.load(at.livepeerGovernor(),
                    p.anvil.web3j(), p.manager(2), ProtocolDeployer.DEV_GAS).castVote(id, BigInteger.ZERO).send());
            p.advanceRounds(10);
            gas.put("LivepeerGovernor.queue (Treasury timelock)", governor.queue(targets, values, calls, descriptionHash).send());
            gas.put("LivepeerGovernor.execute", governor.execute(targets, values, calls, descriptionHash, BigInteger.ZERO).send());
        }
        print("periphery and governance", gas);
    }

    private static void print(String title, Map<String, TransactionReceipt> gas) {
        StringBuilder table = new StringBuilder("\n" + title + "\n| operation | gas used |\n|---|---:|\n");
        gas.forEach((operation, receipt) -> {
            assertTrue(receipt.isStatusOK(), operation + " failed");
            // Far below anvil's 30 M block limit: a jump here means a loop or storage blow-up crept in.
            assertTrue(receipt.getGasUsed().compareTo(BigInteger.valueOf(1_000_000)) < 0, operation + " " + receipt.getGasUsed());
            table.append("| ").append(operation).append(" | ").append(String.format("%,d", receipt.getGasUsed()))
                    .append(" |\n");
        });
        System.out.println(table);
    }
}
