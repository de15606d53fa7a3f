package org.framegrid.chain.web3j.internal;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.Units;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.utils.Numeric;

/**
 * The protocol parameters a governance proposal can change: each is set by one owner-only setter of one contract
 * (Livepeer's names), read by its getter, and written by people in its own unit (a percentage, LPT, rounds, ...).
 */
enum GovernableParameter {
    TREASURY_REWARD_CUT_RATE("treasuryRewardCutRate", Addresses::bondingManager, Unit.PERCENT_PRECISE),
    TREASURY_BALANCE_CEILING("treasuryBalanceCeiling", Addresses::bondingManager, Unit.LPT),
    UNBONDING_PERIOD("unbondingPeriod", Addresses::bondingManager, Unit.ROUNDS_UINT64),
    NUM_ACTIVE_TRANSCODERS("numActiveTranscoders", Addresses::bondingManager, "getTranscoderPoolMaxSize", Unit.COUNT),
    INFLATION_CHANGE("inflationChange", Addresses::minter, Unit.PERCENT_PPB),
    TARGET_BONDING_RATE("targetBondingRate", Addresses::minter, Unit.PERCENT_PPB),
    ROUND_LENGTH("roundLength", Addresses::roundsManager, Unit.BLOCKS),
    ROUND_LOCK_AMOUNT("roundLockAmount", Addresses::roundsManager, Unit.PERCENT_PPM),
    UNLOCK_PERIOD("unlockPeriod", Addresses::ticketBroker, Unit.ROUNDS),
    TICKET_VALIDITY_PERIOD("ticketValidityPeriod", Addresses::ticketBroker, Unit.ROUNDS);

    /** How a parameter's value is written and shown. */
    enum Unit {
        PERCENT_PRECISE, PERCENT_PPB, PERCENT_PPM, LPT, ROUNDS, ROUNDS_UINT64, BLOCKS, COUNT;

        BigInteger parse(String text) {
            return switch (this) {
                case PERCENT_PRECISE -> Units.parsePercentPrecise(text);
                case PERCENT_PPB -> BigInteger.valueOf(Units.parsePercentPpb(text));
                case PERCENT_PPM -> BigInteger.valueOf(Units.parsePercentPpm(text));
                case LPT -> Units.parseTokens(text);
                case ROUNDS, BLOCKS, COUNT -> whole(text, 256);
                case ROUNDS_UINT64 -> whole(text, 64);
            };
        }

        String format(BigInteger value) {
            return switch (this) {
                case PERCENT_PRECISE -> Units.formatPercentPrecise(value, 2);
                case PERCENT_PPB -> Units.formatPercentPpb(value.longValueExact(), 7);
                case PERCENT_PPM -> Units.formatPercentPpm(value.longValueExact(), 2);
                case LPT -> Units.formatTokens(value, 2) + " LPT";
                case ROUNDS, ROUNDS_UINT64 -> value + " rounds";
                case BLOCKS -> value + " blocks";
                case COUNT -> value.toString();
            };
        }

        private static BigInteger whole(String text, int bits) {
            try {
                BigInteger value = new BigInteger(text.strip().replace(",", "").replace("_", ""));
                if (value.signum() >= 0 && value.bitLength() <= bits) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // the message below
            }
            throw new IllegalArgumentException("'" + text + "' is not a whole number from 0 to 2^" + bits + "-1");
        }
    }

    private final String key;
    private final Function<Addresses, String> contract;
    private final String getter;
    private final Unit unit;

    /** A parameter read by a getter of its own name. */
    GovernableParameter(String key, Function<Addresses, String> contract, Unit unit) {
        this(key, contract, key, unit);
    }

    GovernableParameter(String key, Function<Addresses, String> contract, String getter, Unit unit) {
        this.key = key;
        this.contract = contract;
        this.getter = getter;
        this.unit = unit;
    }

    /** @return the name people and proposals use, Livepeer's (e.g. {@code treasuryRewardCutRate}) */
    String key() {
        return key;
    }

    Unit unit() {
        return unit;
    }

    /** @return the contract whose setter changes it */
    String contract(Addresses at) {
        return contract.apply(at);
    }

    /** @return its value on chain now */
    BigInteger current(ChainClient chain) throws ChainException {
        return chain.callUint(contract(chain.addresses()), getter);
    }

    /** @return the setter's call data for {@code value} */
    String call(BigInteger value) {
        var argument = unit == Unit.ROUNDS_UINT64 ? new Uint64(value) : new Uint256(value);
        String setter = "set" + Character.toUpperCase(key.charAt(0)) + key.substring(1); // Livepeer names every setter so
        return FunctionEncoder.encode(new org.web3j.abi.datatypes.Function(setter, List.of(argument), List.of()));
    }

    /** @return the parameter whose setter {@code callData} calls on {@code target}, with the value it sets */
    static Optional<Change> decode(Addresses at, String target, byte[] callData) {
        String hex = Numeric.toHexString(callData);
        for (GovernableParameter p : values()) {
            if (p.contract(at).equalsIgnoreCase(target) && hex.length() == 74
                    && hex.startsWith(p.call(BigInteger.ZERO).substring(0, 10))) {
                return Optional.of(new Change(p, Numeric.toBigInt(hex.substring(10))));
            }
        }
        return Optional.empty();
    }

    /** A parameter and the value a proposal sets it to. */
    record Change(GovernableParameter parameter, BigInteger value) {
        @Override
        public String toString() {
            return parameter.key + " = " + parameter.unit.format(value);
        }
    }

    /**
     * Parses {@code NAME=VALUE}, e.g. {@code treasuryRewardCutRate=20%}.
     *
     * @throws IllegalArgumentException naming what is wrong: the form, an unknown name, or a value in the wrong unit
     */
    static Change parse(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq < 1) {
            throw new IllegalArgumentException("'" + assignment + "' is not NAME=VALUE (e.g. treasuryRewardCutRate=20%)");
        }
        String name = assignment.substring(0, eq).strip();
        GovernableParameter p = Arrays.stream(values()).filter(v -> v.key.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown parameter '" + name + "' (one of: "
                        + String.join(", ", Arrays.stream(values()).map(v -> v.key).toList()) + ")"));
        return new Change(p, p.unit.parse(assignment.substring(eq + 1)));
    }
}
