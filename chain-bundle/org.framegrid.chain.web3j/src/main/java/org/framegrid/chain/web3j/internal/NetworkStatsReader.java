package org.framegrid.chain.web3j.internal;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.NetworkStats;
import org.framegrid.chain.api.RoundInfo;
import org.framegrid.chain.api.TreasuryInfo;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.generated.Uint256;

/** Reads the round, the network panel's figures and the treasury from the contracts. */
final class NetworkStatsReader {

    /**
     * {@code Bond(address indexed newDelegate, address indexed oldDelegate, address indexed delegator,
     * uint256 additionalAmount, uint256 bondedAmount)}
     */
    static final Event BOND = new Event("Bond", List.of(new TypeReference<Address>(true) {
    }, new TypeReference<Address>(true) {
    }, new TypeReference<Address>(true) {
    }, new TypeReference<Uint256>() {
    }, new TypeReference<Uint256>() {
    }));
    static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);

    private final ChainClient chain;
    private final Addresses at;
    private final Logs logs;

    NetworkStatsReader(ChainClient chain, Logs logs) {
        this.chain = chain;
        this.at = chain.addresses();
        this.logs = logs;
    }

    RoundInfo round() throws ChainException {
        long block = chain.blockNumber();
        long round = chain.callUint(at.roundsManager(), "currentRound").longValueExact();
        long length = chain.callUint(at.roundsManager(), "roundLength").longValueExact();
        long start = chain.callUint(at.roundsManager(), "currentRoundStartBlock").longValueExact();
        boolean initialized = chain.callBool(at.roundsManager(), "currentRoundInitialized");
        boolean locked = chain.callBool(at.roundsManager(), "currentRoundLocked");
        long last = chain.callUint(at.roundsManager(), "lastInitializedRound").longValueExact();
        String blockHash = chain.callBytes32(at.roundsManager(), "blockHashForRound", new Uint256(last));
        return new RoundInfo(round, length, start, block, initialized, locked, last, blockHash);
    }

    NetworkStats read() throws ChainException {
        long block = chain.blockNumber();
        long round = chain.callUint(at.roundsManager(), "currentRound").longValueExact();
        long inflation = chain.callUint(at.minter(), "inflation").longValueExact();
        long change = chain.callUint(at.minter(), "inflationChange").longValueExact();
        long target = chain.callUint(at.minter(), "targetBondingRate").longValueExact();
        BigInteger supply = chain.callUint(at.token(), "totalSupply");
        BigInteger bonded = chain.callUint(at.bondingManager(), "getTotalBonded");
        BigInteger mintable = chain.callUint(at.minter(), "currentMintableTokens");
        long participation = participation(bonded, supply);
        long next = nextInflation(inflation, change, participation, target);
        int orchestrators = chain.callUint(at.bondingManager(), "getTranscoderPoolSize").intValueExact();
        return new NetworkStats(round, block, inflation, change, target, supply, bonded, participation, mintable, next,
                mintable(supply, next), countDelegators(), orchestrators);
    }

    /** The treasury's balance and the BondingManager's cut rates and ceiling for it. */
    TreasuryInfo treasury() throws ChainException {
        String treasury = Registered.address(chain, Registered.TREASURY);
        return new TreasuryInfo(treasury, chain.callUint(at.token(), "balanceOf", new Address(treasury)),
                chain.callUint(at.bondingManager(), "treasuryRewardCutRate"),
                chain.callUint(at.bondingManager(), "nextRoundTreasuryRewardCutRate"),
                chain.callUint(at.bondingManager(), "treasuryBalanceCeiling"));
    }

    /** The Minter's bonding rate: {@code bonded × 10⁹ / supply}, truncated (MathUtilsV2.percPoints). */
    static long participation(BigInteger bonded, BigInteger supply) {
        return supply.signum() == 0 ? 0 : bonded.multiply(BILLION).divide(supply).longValueExact();
    }

    /** The Minter's step: one {@code change} toward the target, never below zero. */
    static long nextInflation(long inflation, long change, long participation, long target) {
        if (participation < target) {
            return inflation + change;
        }
        return participation > target ? Math.max(0, inflation - change) : inflation;
    }

    /** What a round with {@code inflation} mints on {@code supply}: {@code supply × inflation / 10⁹}, truncated. */
    static BigInteger mintable(BigInteger supply, long inflation) {
        return supply.multiply(BigInteger.valueOf(inflation)).divide(BILLION);
    }

    /** Accounts that ever bonded (from the Bond events) and still have stake. */
    private int countDelegators() throws ChainException {
        Set<String> seen = new HashSet<>(logs.indexedAddresses(at.bondingManager(), EventEncoder.encode(BOND), 3));
        int bonded = 0;
        for (String delegator : seen) {
            BigInteger amount = (BigInteger) chain.call(at.bondingManager(), "getDelegator", List.of(new Address(delegator)),
                    List.of(new TypeReference<Uint256>() {
                    })).get(0).getValue();
            if (amount.signum() > 0) {
                bonded++;
            }
        }
        return bonded;
    }
}
