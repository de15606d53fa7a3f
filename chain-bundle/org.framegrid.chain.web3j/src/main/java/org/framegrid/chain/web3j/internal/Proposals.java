package org.framegrid.chain.web3j.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.framegrid.chain.api.ChainException;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The LivepeerGovernor's proposals, read from its {@code ProposalCreated} events (OpenZeppelin's Governor keeps no
 * list), each with its state and tally now. Proposals are numbered 1, 2, ... in the order they were made.
 */
final class Proposals {

    /**
     * {@code ProposalCreated(uint256 proposalId, address proposer, address[] targets, uint256[] values,
     * string[] signatures, bytes[] calldatas, uint256 voteStart, uint256 voteEnd, string description)}
     */
    static final Event PROPOSAL_CREATED = new Event("ProposalCreated", List.of(new TypeReference<Uint256>() {
    }, new TypeReference<Address>() {
    }, new TypeReference<DynamicArray<Address>>() {
    }, new TypeReference<DynamicArray<Uint256>>() {
    }, new TypeReference<DynamicArray<Utf8String>>() {
    }, new TypeReference<DynamicArray<DynamicBytes>>() {
    }, new TypeReference<Uint256>() {
    }, new TypeReference<Uint256>() {
    }, new TypeReference<Utf8String>() {
    }));

    /** OpenZeppelin's {@code ProposalState}, in its order. */
    enum State {
        PENDING, ACTIVE, CANCELED, DEFEATED, SUCCEEDED, QUEUED, EXPIRED, EXECUTED;

        String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A proposal as made, with its state and tally now.
     *
     * @param voteStart the snapshot round: votes are the stake bonded then; voting is open after it
     * @param voteEnd   the last round of voting
     */
    record Proposal(int number, BigInteger id, String proposer, List<String> targets, List<BigInteger> values,
            List<byte[]> calls, String description, long voteStart, long voteEnd, State state, BigInteger against,
            BigInteger inFavour, BigInteger abstain) {

        byte[] descriptionHash() {
            return Hash.sha3(description.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final TypeReference<Uint256> UINT = new TypeReference<>() {
    };

    private final ChainClient chain;
    private final String governor;

    Proposals(ChainClient chain, String governor) {
        this.chain = chain;
        this.governor = governor;
    }

    /** @return every proposal, oldest first */
    List<Proposal> all() throws ChainException {
        List<Proposal> proposals = new ArrayList<>();
        for (Log log : chain.logs().all(governor, EventEncoder.encode(PROPOSAL_CREATED))) {
            proposals.add(decode(proposals.size() + 1, log));
        }
        return proposals;
    }

    /**
     * @param ref a number as {@code chain proposals} lists it, or a proposal id (decimal, or hex with {@code 0x})
     * @throws ChainException naming the reference when no proposal matches
     */
    Proposal find(String ref) throws ChainException {
        List<Proposal> proposals = all();
        BigInteger wanted = parse(ref);
        for (Proposal p : proposals) {
            if (p.id().equals(wanted) || BigInteger.valueOf(p.number()).equals(wanted)) {
                return p;
            }
        }
        throw new ChainException("proposal", "no proposal " + ref + " (there " + (proposals.size() == 1 ? "is 1"
                : "are " + proposals.size()) + "; `chain proposals` lists them)", false);
    }

    /** @return the proposal {@code log} announced, its state and tally read now */
    Proposal decode(int number, Log log) throws ChainException {
        List<Type> v = FunctionReturnDecoder.decode(log.getData(), PROPOSAL_CREATED.getNonIndexedParameters());
        BigInteger id = (BigInteger) v.get(0).getValue();
        List<String> targets = new ArrayList<>();
        for (Object target : (List<?>) v.get(2).getValue()) {
            targets.add(target.toString().toLowerCase(Locale.ROOT));
        }
        List<BigInteger> values = new ArrayList<>();
        for (Object value : (List<?>) v.get(3).getValue()) {
            values.add((BigInteger) ((Type<?>) value).getValue());
        }
        List<byte[]> calls = new ArrayList<>();
        for (Object call : (List<?>) v.get(5).getValue()) {
            calls.add((byte[]) ((Type<?>) call).getValue());
        }
        int state = chain.callUint(governor, "state", new Uint256(id)).intValueExact();
        List<Type> tally = chain.call(governor, "proposalVotes", List.of(new Uint256(id)), List.of(UINT, UINT, UINT));
        return new Proposal(number, id, v.get(1).toString().toLowerCase(Locale.ROOT), targets, values, calls,
                v.get(8).getValue().toString(), uint(v.get(6)), uint(v.get(7)), State.values()[state],
                (BigInteger) tally.get(0).getValue(), (BigInteger) tally.get(1).getValue(),
                (BigInteger) tally.get(2).getValue());
    }

    private static long uint(Type<?> value) {
        return ((BigInteger) value.getValue()).longValueExact();
    }

    private static BigInteger parse(String ref) {
        try {
            String text = ref.strip();
            return text.startsWith("0x") ? new BigInteger(text.substring(2), 16) : new BigInteger(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + ref + "' is not a proposal (its number in `chain proposals`, or "
                    + "its id)");
        }
    }
}
