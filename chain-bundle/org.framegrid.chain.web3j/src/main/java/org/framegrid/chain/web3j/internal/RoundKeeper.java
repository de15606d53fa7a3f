package org.framegrid.chain.web3j.internal;

import java.math.BigInteger;
import java.util.List;
import java.util.function.Consumer;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.RoundEvent;
import org.framegrid.chain.api.RoundInfo;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.methods.response.Log;

/**
 * One step of the round keeper, run by the rounds component's thread (or by a test, step by step): notices a new
 * round, initialises it when nobody has, and calls {@code reward()} for the node's own orchestrator once per round.
 * A failed transaction is retried on the next step, for as long as the round lasts; a round is never rewarded twice
 * (the keeper remembers the round it rewarded, and before each attempt checks the orchestrator's
 * {@code lastRewardRound} on chain, which also covers a transaction that was mined while its receipt was lost).
 * Not thread-safe: one thread calls {@link #step()}.
 */
final class RoundKeeper {

    /** {@code Reward(address indexed transcoder, uint256 amount)} */
    static final Event REWARD = new Event("Reward", List.of(new TypeReference<Address>(true) {
    }, new TypeReference<Uint256>() {
    }));

    private final ChainClient chain;
    private final NetworkStatsReader stats;
    private final PoolHints hints;
    private final boolean initializeRounds;
    private final boolean reward;
    private final Consumer<RoundEvent> publish;
    private final System.Logger log = System.getLogger(RoundKeeper.class.getName());

    private volatile RoundInfo last;
    private long startedRound = -1;
    private long initializedRound = -1;
    private volatile long rewardedRound = -1;
    private final java.util.concurrent.atomic.LongAdder rewardCalls = new java.util.concurrent.atomic.LongAdder();
    private int failedAttempts;
    private String lastFailure;

    RoundKeeper(ChainClient chain, boolean initializeRounds, boolean reward, Consumer<RoundEvent> publish) {
        this.chain = chain;
        this.stats = new NetworkStatsReader(chain, chain.logs());
        this.hints = new PoolHints(chain);
        this.initializeRounds = initializeRounds;
        this.reward = reward && chain.account() != null;
        this.publish = publish;
    }

    /** One look at the chain and whatever is due. Throws only when the chain cannot be read at all. */
    void step() throws ChainException {
        RoundInfo round = stats.round();
        last = round;
        if (round.round() > startedRound) {
            startedRound = round.round();
            publish.accept(new RoundEvent(RoundEvent.Type.STARTED, round.round(), round.blockNumber(), null, BigInteger.ZERO));
        }
        boolean initialized = round.initialized();
        String initTx = null;
        if (!initialized && initializeRounds) {
            try {
                initTx = chain.send("initializeRound", chain.addresses().roundsManager(), "initializeRound").result().hash();
                initialized = true;
            } catch (ChainException e) {
                failed("initialise round " + round.round(), e);
                // Someone else may have initialised it between our read and our transaction.
                initialized = chain.callBool(chain.addresses().roundsManager(), "currentRoundInitialized");
            }
        }
        if (!initialized) {
            return;
        }
        if (initializedRound < round.round()) {
            initializedRound = round.round();
            publish.accept(new RoundEvent(RoundEvent.Type.INITIALIZED, round.round(), round.blockNumber(), initTx, BigInteger.ZERO));
        }
        if (reward && rewardedRound < round.round()) {
            reward(round);
        }
    }

    private void reward(RoundInfo round) throws ChainException {
        Address self = new Address(chain.account());
        String bondingManager = chain.addresses().bondingManager();
        if (!chain.callBool(bondingManager, "isActiveTranscoder", self)) {
            return; // not (yet) in the active set: nothing to claim this round
        }
        long lastRewardRound = chain.callUint(bondingManager, "getTranscoder", self).longValueExact();
        if (lastRewardRound >= round.round()) {
            // Already done: a transaction whose receipt we lost, or a previous run of the node. Listeners still learn
            // that the round is rewarded, from the Reward event itself.
            rewardedRound = round.round();
            publishRecordedReward(round, self.getValue());
            return;
        }
        try {
            // go-livepeer's form: the hint is where this reward moves the orchestrator in the pool.
            TransactionSender.Sent sent = chain.send("reward", bondingManager, "rewardWithHint",
                    hints.reward(chain.account()).toArray(Type[]::new));
            rewardedRound = round.round();
            rewardCalls.increment();
            publish.accept(new RoundEvent(RoundEvent.Type.REWARDED, round.round(), sent.result().blockNumber(),
                    sent.result().hash(), minted(sent)));
        } catch (ChainException e) {
            failed("reward for round " + round.round(), e);
        }
    }

    private void publishRecordedReward(RoundInfo round, String self) throws ChainException {
        long first = round.startBlock();
        for (Log entry : chain.logs().find(chain.addresses().bondingManager(), EventEncoder.encode(REWARD), self, first,
                Math.max(first, round.blockNumber()))) {
            publish.accept(new RoundEvent(RoundEvent.Type.REWARDED, round.round(),
                    entry.getBlockNumber().longValueExact(), entry.getTransactionHash(), amount(entry)));
            return;
        }
    }

    private static BigInteger amount(Log entry) {
        List<Type> values = FunctionReturnDecoder.decode(entry.getData(), REWARD.getNonIndexedParameters());
        return (BigInteger) values.get(0).getValue();
    }

    private BigInteger minted(TransactionSender.Sent sent) {
        String topic = EventEncoder.encode(REWARD);
        for (Log entry : sent.receipt().getLogs()) {
            if (!entry.getTopics().isEmpty() && entry.getTopics().get(0).equals(topic)) {
                return amount(entry);
            }
        }
        return BigInteger.ZERO;
    }

    private void failed(String what, ChainException e) {
        failedAttempts++;
        // The same failure every step would flood the log: say it when it changes.
        String message = what + " failed: " + e.reason() + "; retrying while the round lasts";
        if (!message.equals(lastFailure)) {
            log.log(System.Logger.Level.WARNING, message);
            lastFailure = message;
        }
    }

    /** @return the round seen by the last step, or {@code null} before the first */
    RoundInfo last() {
        return last;
    }

    long rewardedRound() {
        return rewardedRound;
    }

    /** @return reward transactions this keeper sent and saw mined */
    long rewardCalls() {
        return rewardCalls.sum();
    }

    /** @return the last failure message, or {@code null} */
    String lastFailure() {
        return lastFailure;
    }

    /** @return transactions that failed so far (initialisations and rewards) */
    int failedAttempts() {
        return failedAttempts;
    }
}
