package org.framegrid.chain.web3j.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.TxResult;
import org.framegrid.chain.api.Units;
import org.framegrid.chain.web3j.internal.Proposals.Proposal;
import org.framegrid.chain.web3j.internal.Proposals.State;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/**
 * On-chain governance (LIP-89/91) as the client's own account: proposing a parameter change, voting (an orchestrator
 * with the stake delegated to it, a delegator with its own, overriding its orchestrator's vote), queueing a passed
 * proposal in the Treasury timelock and executing it. Each write is checked first, so what cannot succeed is said in
 * a line (the governor itself answers with OpenZeppelin's custom errors).
 */
final class Governance {

    /** How one votes: OpenZeppelin's Bravo counting, in its order. */
    enum Support {
        AGAINST, FOR, ABSTAIN;

        static Support parse(String text) {
            for (Support s : values()) {
                if (s.name().equalsIgnoreCase(text.strip())) {
                    return s;
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not a vote (for, against or abstain)");
        }

        String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A vote cast.
     *
     * @param weight        the stake it counts with, wei
     * @param delegate      the voter's orchestrator when it voted as a delegator, else {@code null}
     * @param overridden    what that orchestrator had voted, which the vote overrides, or {@code null}
     * @param votedByOthers for an orchestrator: stake of its delegators that voted themselves, left out of its vote
     */
    record Vote(TxResult tx, Support support, BigInteger weight, String delegate, Support overridden,
            BigInteger votedByOthers) {
    }

    /** {@code VoteCast(address indexed voter, uint256 proposalId, uint8 support, uint256 weight, string reason)} */
    static final Event VOTE_CAST = new Event("VoteCast", List.of(new TypeReference<Address>(true) {
    }, new TypeReference<Uint256>() {
    }, new TypeReference<Uint8>() {
    }, new TypeReference<Uint256>() {
    }, new TypeReference<Utf8String>() {
    }));

    private final ChainClient chain;
    private final String governor;
    private final Proposals proposals;

    Governance(ChainClient chain) throws ChainException {
        this.chain = chain;
        this.governor = Registered.address(chain, Registered.LIVEPEER_GOVERNOR);
        this.proposals = new Proposals(chain, governor);
    }

    Proposals proposals() {
        return proposals;
    }

    /** @return the governor's clock: the current round */
    long round() throws ChainException {
        return chain.callUint(governor, "clock").longValueExact();
    }

    /** Proposes {@code change}, executed by the Treasury if it passes. */
    Proposal propose(GovernableParameter.Change change, String description) throws ChainException {
        String account = chain.account();
        String treasury = Registered.address(chain, Registered.TREASURY);
        String owner = chain.callAddress(chain.addresses().controller(), "owner");
        if (!owner.equalsIgnoreCase(treasury)) {
            throw new ChainException("propose", "a passed proposal could not set " + change.parameter().key()
                    + ": only the Controller's owner may, and that is " + owner + ", not the Treasury " + treasury, false);
        }
        // The governor counts the proposer's votes at the end of the last round (stake bonded before this one).
        long lastRound = Math.max(0, round() - 1);
        BigInteger votes = chain.callUint(governor, "getVotes", new Address(account), new Uint256(lastRound));
        BigInteger threshold = chain.callUint(governor, "proposalThreshold");
        if (votes.compareTo(threshold) < 0) {
            throw new ChainException("propose", account + " had " + Units.formatTokens(votes, 2) + " LPT of votes at "
                    + "the end of round " + lastRound + "; proposing takes " + Units.formatTokens(threshold, 2) + " LPT",
                    false);
        }
        String target = change.parameter().contract(chain.addresses());
        byte[] call = Numeric.hexStringToByteArray(change.parameter().call(change.value()));
        for (Proposal existing : proposals.all()) {
            if (existing.description().equals(description) && existing.targets().equals(List.of(target))
                    && Numeric.toHexString(existing.calls().get(0)).equals(Numeric.toHexString(call))) {
                throw new ChainException("propose", "proposal " + existing.number() + " is the same (same change, same "
                        + "description): give another --description", false);
            }
        }
        TransactionSender.Sent sent = chain.send("propose", governor, "propose", addresses(List.of(target)),
                uints(List.of(BigInteger.ZERO)), calls(List.of(call)), new Utf8String(description));
        List<Proposal> all = proposals.all();
        for (Log log : sent.receipt().getLogs()) {
            if (log.getTopics().get(0).equals(EventEncoder.encode(Proposals.PROPOSAL_CREATED))) {
                return proposals.decode(all.size(), log);
            }
        }
        throw new ChainException("propose", "transaction " + sent.result().hash() + " created no proposal", false);
    }

    /** Votes on {@code p} with the stake the client's account had at the proposal's snapshot round. */
    Vote vote(Proposal p, Support support, String reason) throws ChainException {
        String account = chain.account();
        if (p.state() != State.ACTIVE) {
            throw new ChainException("vote", describe(p) + (p.state() == State.PENDING ? ": voting opens in round "
                    + (p.voteStart() + 1) : ": voting closed with round " + p.voteEnd()), false);
        }
        if (chain.callBool(governor, "hasVoted", new Uint256(p.id()), new Address(account))) {
            throw new ChainException("vote", account + " already voted on proposal " + p.number(), false);
        }
        String votes = Registered.address(chain, Registered.BONDING_VOTES);
        Uint256 snapshot = new Uint256(p.voteStart());
        BigInteger power = chain.callUint(votes, "getPastVotes", new Address(account), snapshot);
        if (power.signum() == 0) {
            throw new ChainException("vote", account + " had no votes at the end of round " + p.voteStart()
                    + ", the snapshot of proposal " + p.number() + " (no stake bonded then)", false);
        }
        String delegate = chain.callAddress(votes, "delegatedAt", new Address(account), snapshot).toLowerCase(Locale.ROOT);
        boolean delegator = !delegate.equals(account) && !delegate.equals(ChainClient.ZERO_ADDRESS);
        Support overridden = delegator ? voteOf(p, delegate) : null;
        TransactionSender.Sent sent = reason == null || reason.isBlank()
                ? chain.send("vote", governor, "castVote", new Uint256(p.id()), new Uint8(support.ordinal()))
                : chain.send("vote", governor, "castVoteWithReason", new Uint256(p.id()), new Uint8(support.ordinal()),
                        new Utf8String(reason));
        BigInteger weight = castWeight(sent);
        return new Vote(sent.result(), support, weight, delegator ? delegate : null, overridden,
                delegator ? BigInteger.ZERO : power.subtract(weight));
    }

    /** Queues a passed proposal in the Treasury timelock. */
    TxResult queue(Proposal p) throws ChainException {
        if (p.state() != State.SUCCEEDED) {
            throw new ChainException("queue", describe(p) + switch (p.state()) {
                case PENDING, ACTIVE -> ": voting ends with round " + p.voteEnd();
                case DEFEATED -> " (" + tally(p) + "; quorum " + Units.formatTokens(quorum(p), 2) + " LPT)";
                case QUEUED -> ": execute it (`chain execute " + p.number() + "`)";
                default -> "";
            }, false);
        }
        return chain.send("queue", governor, "queue", addresses(p.targets()), uints(p.values()), calls(p.calls()),
                new Bytes32(p.descriptionHash())).result();
    }

    /** Executes a queued proposal through the Treasury timelock. */
    TxResult execute(Proposal p) throws ChainException {
        if (p.state() != State.QUEUED) {
            throw new ChainException("execute", describe(p) + (p.state() == State.SUCCEEDED
                    ? ": queue it first (`chain queue " + p.number() + "`)" : ""), false);
        }
        return chain.send("execute", governor, "execute", addresses(p.targets()), uints(p.values()), calls(p.calls()),
                new Bytes32(p.descriptionHash())).result();
    }

    /** @return the stake that must vote for {@code p} to be valid (for, against and abstain together) */
    BigInteger quorum(Proposal p) throws ChainException {
        return chain.callUint(governor, "quorum", new Uint256(p.voteStart()));
    }

    static String describe(Proposal p) {
        return "proposal " + p.number() + " is " + p.state().text();
    }

    static String tally(Proposal p) {
        return "for " + Units.formatTokens(p.inFavour(), 2) + ", against " + Units.formatTokens(p.against(), 2)
                + ", abstain " + Units.formatTokens(p.abstain(), 2) + " LPT";
    }

    /** @return how {@code voter} voted on {@code p} (from its VoteCast event), or {@code null} if it has not */
    private Support voteOf(Proposal p, String voter) throws ChainException {
        for (Log log : chain.logs().withAddress(governor, EventEncoder.encode(VOTE_CAST), 1, voter)) {
            List<Type> v = FunctionReturnDecoder.decode(log.getData(), VOTE_CAST.getNonIndexedParameters());
            if (p.id().equals(v.get(0).getValue())) {
                return Support.values()[((BigInteger) v.get(1).getValue()).intValueExact()];
            }
        }
        return null;
    }

    private BigInteger castWeight(TransactionSender.Sent sent) throws ChainException {
        for (Log log : sent.receipt().getLogs()) {
            if (log.getTopics().get(0).equals(EventEncoder.encode(VOTE_CAST))) {
                return (BigInteger) FunctionReturnDecoder.decode(log.getData(), VOTE_CAST.getNonIndexedParameters())
                        .get(2).getValue();
            }
        }
        throw new ChainException("vote", "transaction " + sent.result().hash() + " cast no vote", false);
    }

    private static DynamicArray<Address> addresses(List<String> targets) {
        return new DynamicArray<>(Address.class, targets.stream().map(Address::new).toList());
    }

    private static DynamicArray<Uint256> uints(List<BigInteger> values) {
        return new DynamicArray<>(Uint256.class, values.stream().map(Uint256::new).toList());
    }

    private static DynamicArray<DynamicBytes> calls(List<byte[]> calls) {
        List<DynamicBytes> bytes = new ArrayList<>();
        calls.forEach(c -> bytes.add(new DynamicBytes(c)));
        return new DynamicArray<>(DynamicBytes.class, bytes);
    }
}
