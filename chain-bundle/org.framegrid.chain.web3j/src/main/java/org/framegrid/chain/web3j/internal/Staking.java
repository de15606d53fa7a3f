package org.framegrid.chain.web3j.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.DelegatorInfo;
import org.framegrid.chain.api.OrchestratorInfo;
import org.framegrid.chain.api.StakingService;
import org.framegrid.chain.api.TxResult;
import org.framegrid.chain.api.UnbondingLock;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.methods.response.Log;

/**
 * {@link StakingService} over the BondingManager, the token and the ServiceRegistry, sending through one account's
 * {@link TransactionSender}: as a component, the node's own account; the devchain service, tests and the tools
 * construct it for any account. Every call that moves stake in the pool goes through its hinted form, as go-livepeer's
 * client does, with the position hints {@link PoolHints} works out from the pool as it is.
 */
@Component(name = "org.framegrid.chain.staking", service = StakingService.class, configurationPid = ChainConnection.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class Staking implements StakingService {

    /**
     * {@code Unbond(address indexed delegate, address indexed delegator, uint256 unbondingLockId, uint256 amount,
     * uint256 withdrawRound)}
     */
    static final Event UNBOND = new Event("Unbond", List.of(new TypeReference<Address>(true) {
    }, new TypeReference<Address>(true) {
    }, new TypeReference<Uint256>() {
    }, new TypeReference<Uint256>() {
    }, new TypeReference<Uint256>() {
    }));

    private static final TypeReference<Uint256> UINT = new TypeReference<>() {
    };
    private static final TypeReference<Address> ADDRESS = new TypeReference<>() {
    };

    private final ChainClient chain;
    private final TransactionSender sender;
    private final Addresses at;
    private final PoolHints hints;

    /** Staking as the client's own account (read-only when it has none). */
    @Activate
    public Staking(@Reference(name = "chain") ChainClient chain) {
        this(chain, chain.own());
    }

    /** Staking as the account of {@code sender}, or read-only when it is {@code null}. */
    Staking(ChainClient chain, TransactionSender sender) {
        this.chain = chain;
        this.sender = sender;
        this.at = chain.addresses();
        this.hints = new PoolHints(chain);
    }

    @Override
    public String account() {
        return sender == null ? ChainClient.ZERO_ADDRESS : sender.account();
    }

    private TransactionSender.Sent send(String operation, String contract, String function, List<? extends Type> first,
            List<? extends Type> hint) throws ChainException {
        List<Type> inputs = new ArrayList<>(first);
        inputs.addAll(hint);
        return send(operation, contract, function, inputs.toArray(Type[]::new));
    }

    private TransactionSender.Sent send(String operation, String contract, String function, Type... inputs)
            throws ChainException {
        if (sender == null) {
            throw new ChainException(operation, "no account to sign with (configure a keystore and its password file)",
                    false);
        }
        return sender.send(operation, contract, function, inputs);
    }

    @Override
    public TxResult registerOrchestrator(long rewardCut, long feeShare, String serviceUri) throws ChainException {
        checkShare("register", "reward cut", rewardCut);
        checkShare("register", "fee share", feeShare);
        TxResult result = send("register", at.bondingManager(), "transcoderWithHint",
                List.of(new Uint256(rewardCut), new Uint256(feeShare)), hints.transcoder(account())).result();
        if (serviceUri != null) {
            result = send("register", at.serviceRegistry(), "setServiceURI", new Utf8String(serviceUri)).result();
        }
        return result;
    }

    @Override
    public TxResult bond(BigInteger amount, String to) throws ChainException {
        checkAmount("bond", amount);
        String delegate = ChainClient.checkAddress("bond", to);
        if (amount.signum() > 0) {
            BigInteger allowance = chain.callUint(at.token(), "allowance", new Address(account()), new Address(at.bondingManager()));
            if (allowance.compareTo(amount) < 0) {
                send("bond (approve)", at.token(), "approve", new Address(at.bondingManager()), new Uint256(amount));
            }
        }
        return send("bond", at.bondingManager(), "bondWithHint", List.of(new Uint256(amount), new Address(delegate)),
                hints.bond(account(), amount, delegate)).result();
    }

    @Override
    public UnbondingLock unbond(BigInteger amount) throws ChainException {
        checkAmount("unbond", amount);
        TransactionSender.Sent sent = send("unbond", at.bondingManager(), "unbondWithHint", List.of(new Uint256(amount)),
                hints.unbond(account(), amount));
        String topic = EventEncoder.encode(UNBOND);
        for (Log log : sent.receipt().getLogs()) {
            if (!log.getTopics().isEmpty() && log.getTopics().get(0).equals(topic)
                    && log.getAddress().equalsIgnoreCase(at.bondingManager())) {
                List<Type> values = FunctionReturnDecoder.decode(log.getData(), UNBOND.getNonIndexedParameters());
                return new UnbondingLock(uint(values.get(0)), (BigInteger) values.get(1).getValue(), uint(values.get(2)));
            }
        }
        throw new ChainException("unbond", "transaction " + sent.result().hash() + " emitted no Unbond event", false);
    }

    @Override
    public TxResult rebond(long lockId, String to) throws ChainException {
        DelegatorInfo self = delegator(account());
        if (self.status() == DelegatorInfo.Status.UNBONDED) {
            String delegate = ChainClient.checkAddress("rebond", to == null ? self.delegate() : to);
            return send("rebond", at.bondingManager(), "rebondFromUnbondedWithHint",
                    List.of(new Address(delegate), new Uint256(lockId)), hints.rebond(account(), lockId, delegate, true))
                    .result();
        }
        return send("rebond", at.bondingManager(), "rebondWithHint", List.of(new Uint256(lockId)),
                hints.rebond(account(), lockId, null, false)).result();
    }

    @Override
    public TxResult withdrawStake(long lockId) throws ChainException {
        return send("withdraw-stake", at.bondingManager(), "withdrawStake", new Uint256(lockId)).result();
    }

    @Override
    public TxResult withdrawFees(String recipient, BigInteger amount) throws ChainException {
        checkAmount("withdraw-fees", amount);
        return send("withdraw-fees", at.bondingManager(), "withdrawFees",
                new Address(ChainClient.checkAddress("withdraw-fees", recipient)), new Uint256(amount)).result();
    }

    @Override
    public BigInteger pendingStake(String delegator) throws ChainException {
        return chain.callUint(at.bondingManager(), "pendingStake", new Address(ChainClient.checkAddress("pendingStake", delegator)),
                new Uint256(currentRound()));
    }

    @Override
    public BigInteger pendingFees(String delegator) throws ChainException {
        return chain.callUint(at.bondingManager(), "pendingFees", new Address(ChainClient.checkAddress("pendingFees", delegator)),
                new Uint256(currentRound()));
    }

    @Override
    public DelegatorInfo delegator(String address) throws ChainException {
        Address who = new Address(ChainClient.checkAddress("delegator", address));
        // getDelegator(address) returns (bondedAmount, fees, delegateAddress, delegatedAmount, startRound,
        // lastClaimRound, nextUnbondingLockId)
        List<Type> d = chain.call(at.bondingManager(), "getDelegator", List.of(who),
                List.of(UINT, UINT, ADDRESS, UINT, UINT, UINT, UINT));
        int status = ((BigInteger) chain.call(at.bondingManager(), "delegatorStatus", List.of(who),
                List.of(new TypeReference<Uint8>() {
                })).get(0).getValue()).intValue();
        return new DelegatorInfo(who.toString(), (BigInteger) d.get(0).getValue(), (BigInteger) d.get(1).getValue(),
                d.get(2).toString(), (BigInteger) d.get(3).getValue(), uint(d.get(4)), uint(d.get(5)), uint(d.get(6)),
                DelegatorInfo.Status.values()[Math.min(status, 2)]);
    }

    @Override
    public OrchestratorInfo orchestrator(String address) throws ChainException {
        Address who = new Address(ChainClient.checkAddress("orchestrator", address));
        // getTranscoder(address) starts with (lastRewardRound, rewardCut, feeShare, ...): all static, so the prefix decodes.
        List<Type> t = chain.call(at.bondingManager(), "getTranscoder", List.of(who), List.of(UINT, UINT, UINT));
        boolean registered = chain.callBool(at.bondingManager(), "isRegisteredTranscoder", who);
        boolean active = chain.callBool(at.bondingManager(), "isActiveTranscoder", who);
        BigInteger stake = chain.callUint(at.bondingManager(), "transcoderTotalStake", who);
        String uri = chain.call(at.serviceRegistry(), "getServiceURI", List.of(who), List.of(new TypeReference<Utf8String>() {
        })).get(0).getValue().toString();
        return new OrchestratorInfo(who.toString(), registered, active, uint(t.get(1)), uint(t.get(2)), uint(t.get(0)), stake, uri);
    }

    /**
     * Walks the pool's list (getFirstTranscoderInPool, getNextTranscoderInPool) and orders it by each one's current
     * total stake: the list's own order follows stake as of each orchestrator's last pool update.
     */
    @Override
    public List<OrchestratorInfo> orchestrators() throws ChainException {
        int size = chain.callUint(at.bondingManager(), "getTranscoderPoolSize").intValueExact();
        List<OrchestratorInfo> pool = new ArrayList<>(size);
        String next = chain.callAddress(at.bondingManager(), "getFirstTranscoderInPool");
        // Bounded by the pool size, so a list changing between calls cannot loop forever.
        while (pool.size() < size && !Address.DEFAULT.toString().equals(next)) {
            pool.add(orchestrator(next));
            next = chain.callAddress(at.bondingManager(), "getNextTranscoderInPool", new Address(next));
        }
        pool.sort(Comparator.comparing(OrchestratorInfo::totalStake).reversed());
        return pool;
    }

    @Override
    public List<UnbondingLock> unbondingLocks(String delegator) throws ChainException {
        DelegatorInfo d = delegator(delegator);
        List<UnbondingLock> locks = new ArrayList<>();
        for (long id = 0; id < d.nextUnbondingLockId(); id++) {
            List<Type> lock = chain.call(at.bondingManager(), "getDelegatorUnbondingLock",
                    List.of(new Address(d.address()), new Uint256(id)), List.of(UINT, UINT));
            BigInteger amount = (BigInteger) lock.get(0).getValue();
            if (amount.signum() > 0) { // withdrawn and rebonded locks are cleared
                locks.add(new UnbondingLock(id, amount, uint(lock.get(1))));
            }
        }
        return locks;
    }

    @Override
    public BigInteger tokenBalance(String address) throws ChainException {
        return chain.callUint(at.token(), "balanceOf", new Address(ChainClient.checkAddress("balance", address)));
    }

    private long currentRound() throws ChainException {
        return chain.callUint(at.roundsManager(), "currentRound").longValueExact();
    }

    static long uint(Type value) {
        return ((BigInteger) value.getValue()).longValueExact();
    }

    private static void checkAmount(String operation, BigInteger amount) throws ChainException {
        if (amount == null || amount.signum() < 0) {
            throw new ChainException(operation, "amount must be 0 or more wei, got " + amount, false);
        }
    }

    private static void checkShare(String operation, String what, long partsPerMillion) throws ChainException {
        if (partsPerMillion < 0 || partsPerMillion > 1_000_000) {
            throw new ChainException(operation, what + " must be between 0 and 1,000,000 parts per million (0-100%), got "
                    + partsPerMillion, false);
        }
    }
}
