package org.framegrid.demo.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.NetworkStats;
import org.framegrid.chain.api.OrchestratorInfo;
import org.framegrid.chain.api.StakingService;
import org.framegrid.chain.api.TreasuryInfo;
import org.framegrid.chain.api.Units;
import org.framegrid.payment.api.ticket.RedeemedTickets;

/**
 * The demo's closing table: each account's reward and fees on chain since the starting point, and what the treasury
 * received of the rewards, next to what the spec's formulas ({@link Prediction}) give from the state read at that
 * point.
 */
final class EarningsReport {
    private final StakingService staking;
    private final Function<String, String> name;
    private final Map<String, BigInteger> stakeBefore = new LinkedHashMap<>();
    private final Map<String, BigInteger> feesBefore = new LinkedHashMap<>();
    private TreasuryInfo treasuryBefore;

    EarningsReport(StakingService staking, Function<String, String> name) {
        this.staking = staking;
        this.name = name;
    }

    /**
     * Reads the starting point: each orchestrator's terms, its own and its delegator's stake and fees; the Minter's
     * state and the treasury's are given.
     *
     * @param delegators the delegator of each orchestrator, in the same order
     * @return the prediction from that point on
     */
    Prediction start(NetworkStats s0, TreasuryInfo t0, List<String> orchestrators, List<String> delegators)
            throws ChainException {
        treasuryBefore = t0;
        List<Prediction.Orchestrator> start = new ArrayList<>();
        for (int i = 0; i < orchestrators.size(); i++) {
            String o = orchestrators.get(i);
            OrchestratorInfo info = staking.orchestrator(o);
            Map<String, BigInteger> holders = new LinkedHashMap<>();
            for (String who : List.of(o, delegators.get(i))) {
                holders.put(who, staking.pendingStake(who));
                stakeBefore.put(who, staking.pendingStake(who));
                feesBefore.put(who, staking.pendingFees(who));
            }
            start.add(new Prediction.Orchestrator(o, info.rewardCut(), info.feeShare(), holders));
        }
        return new Prediction(start, s0.totalSupply(), s0.inflation(), s0.inflationChange(), s0.targetBondingRate(),
                t0);
    }

    /** Prints the table (the treasury's share of the rewards last), then what each orchestrator's tickets paid. */
    void print(Prediction prediction, Map<String, RedeemedTickets> won) throws ChainException {
        System.out.printf(Locale.ROOT, "%-8s %-44s %22s %22s %8s %18s %18s %6s%n", "account", "address",
                "reward LPT (chain)", "reward LPT (formula)", "Δ wei", "fees ETH (chain)", "fees ETH (formula)", "Δ wei");
        for (String who : prediction.accounts()) {
            BigInteger reward = staking.pendingStake(who).subtract(stakeBefore.get(who));
            BigInteger fee = staking.pendingFees(who).subtract(feesBefore.get(who));
            System.out.printf(Locale.ROOT, "%-8s %-44s %22s %22s %8s %18s %18s %6s%n", name.apply(who), who,
                    Units.formatTokens(reward, 6), Units.formatTokens(prediction.rewardOf(who), 6),
                    reward.subtract(prediction.rewardOf(who)), Units.formatTokens(fee, 6),
                    Units.formatTokens(prediction.feesOf(who), 6), fee.subtract(prediction.feesOf(who)));
        }
        String treasury = treasuryBefore.address();
        BigInteger received = staking.tokenBalance(treasury).subtract(treasuryBefore.balance());
        System.out.printf(Locale.ROOT, "%-8s %-44s %22s %22s %8s %18s %18s %6s%n", "treasury", treasury,
                Units.formatTokens(received, 6), Units.formatTokens(prediction.treasuryReward(), 6),
                received.subtract(prediction.treasuryReward()), "-", "-", "-");
        won.forEach((o, r) -> System.out.println("tickets won by " + name.apply(o) + ": " + r.tickets() + ", paid "
                + Units.formatTokens(r.paid(), 6) + " ETH"));
    }
}
