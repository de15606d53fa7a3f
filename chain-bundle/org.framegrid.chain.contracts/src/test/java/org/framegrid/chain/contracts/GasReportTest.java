package org.framegrid.chain.contracts;

import static org.framegrid.chain.contracts.Protocol.lpt;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Gas used per protocol operation, from real receipts; printed as a table for the operator documentation. */
class GasReportTest {

    private static final BigInteger ETH = BigInteger.TEN.pow(18);

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
            gas.put("reward (first)", p.bonding(1).reward().send());
            p.broker(5).fundDepositAndReserve(ETH, ETH, ETH.multiply(BigInteger.TWO)).send();
            gas.put("fundDeposit", p.broker(5).fundDeposit(ETH).send());
            Tickets.Signed t = Tickets.ticket(p, 1, p.credentials(5), ETH.divide(BigInteger.TEN), Tickets.ALWAYS_WINS,
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
        StringBuilder table = new StringBuilder("\n| operation | gas used |\n|---|---:|\n");
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
