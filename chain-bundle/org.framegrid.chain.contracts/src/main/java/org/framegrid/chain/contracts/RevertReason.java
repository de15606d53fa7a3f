package org.framegrid.chain.contracts;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;

/**
 * Every revert reason string the protocol contracts use, verbatim. They are part of the contracts' interface: the
 * command line maps them to operator messages, so change a string here and in the Solidity source together
 * ({@code RevertReasonTest} checks that the two lists match).
 */
public enum RevertReason {
    BONDING_ACTIVE_TRANSCODER_MUST_CALL_REWARD_FIRST("BondingManager: active transcoder must call reward first"),
    BONDING_AMOUNT_EXCEEDS_BONDED_AMOUNT("BondingManager: amount exceeds bonded amount"),
    BONDING_CALLER_MUST_BE_AN_ACTIVE_TRANSCODER("BondingManager: caller must be an active transcoder"),
    BONDING_CALLER_MUST_BE_BONDED("BondingManager: caller must be bonded"),
    BONDING_CALLER_MUST_BE_UNBONDED("BondingManager: caller must be unbonded"),
    BONDING_CANNOT_BOND_TO_THE_ZERO_ADDRESS("BondingManager: cannot bond to the zero address"),
    BONDING_CANNOT_CLAIM_EARNINGS_FOR_ANOTHER_ACCOUNT_BEFORE_ITS_ORCHESTRATOR_S_REWARD("BondingManager: cannot claim earnings for another account before its orchestrator's reward"),
    BONDING_CANNOT_SHRINK_BELOW_THE_POOL_SIZE("BondingManager: cannot shrink below the pool size"),
    BONDING_CURRENT_ROUND_IS_LOCKED("BondingManager: current round is locked"),
    BONDING_CURRENT_ROUND_IS_NOT_INITIALIZED("BondingManager: current round is not initialized"),
    BONDING_DELEGATION_AMOUNT_MUST_BE_POSITIVE("BondingManager: delegation amount must be positive"),
    BONDING_END_ROUND_ALREADY_CLAIMED("BondingManager: end round already claimed"),
    BONDING_END_ROUND_IS_IN_THE_FUTURE("BondingManager: end round is in the future"),
    BONDING_INSUFFICIENT_FEES_TO_WITHDRAW("BondingManager: insufficient fees to withdraw"),
    BONDING_INVALID_DELEGATE("BondingManager: invalid delegate"),
    BONDING_INVALID_DELEGATE_CHANGE("BondingManager: invalid delegate change"),
    BONDING_INVALID_DELEGATOR("BondingManager: invalid delegator"),
    BONDING_INVALID_FEESHARE_PERCENTAGE("BondingManager: invalid feeShare percentage"),
    BONDING_INVALID_RECIPIENT("BondingManager: invalid recipient"),
    BONDING_INVALID_REWARDCUT_PERCENTAGE("BondingManager: invalid rewardCut percentage"),
    BONDING_INVALID_TREASURY_REWARD_CUT_RATE("BondingManager: invalid treasury reward cut rate"),
    BONDING_INVALID_UNBONDING_LOCK_ID("BondingManager: invalid unbonding lock ID"),
    BONDING_NUMACTIVETRANSCODERS_MUST_BE_POSITIVE("BondingManager: numActiveTranscoders must be positive"),
    BONDING_REGISTERED_TRANSCODERS_CANNOT_DELEGATE_TO_OTHERS("BondingManager: registered transcoders cannot delegate to others"),
    BONDING_REWARD_ALREADY_CALLED_FOR_THIS_ROUND("BondingManager: reward already called for this round"),
    BONDING_TOKEN_TRANSFER_FAILED("BondingManager: token transfer failed"),
    BONDING_TRANSCODER_HAS_NO_ACTIVE_STAKE("BondingManager: transcoder has no active stake"),
    BONDING_TRANSCODER_MUST_BE_REGISTERED("BondingManager: transcoder must be registered"),
    BONDING_UNBONDING_PERIOD_NOT_OVER("BondingManager: unbonding period not over"),
    BONDING_UNBOND_AMOUNT_MUST_BE_POSITIVE("BondingManager: unbond amount must be positive"),
    VOTES_CHECKPOINTS_MUST_NOT_GO_BACK_IN_TIME("BondingVotes: checkpoints must not go back in time"),
    VOTES_CHECKPOINT_MUST_START_IN_THE_NEXT_ROUND("BondingVotes: checkpoint must start in the next round"),
    VOTES_DELEGATE_BY_BONDING_IN_THE_BONDINGMANAGER("BondingVotes: delegate by bonding in the BondingManager"),
    VOTES_LAST_CLAIM_ROUND_MUST_BE_BEFORE_THE_START_ROUND("BondingVotes: last claim round must be before the start round"),
    VOTES_MISSING_EARNINGS_POOL("BondingVotes: missing earnings pool"),
    VOTES_ROUND_IS_IN_THE_FUTURE("BondingVotes: round is in the future"),
    VOTES_ROUND_IS_NOT_IN_THE_PAST("BondingVotes: round is not in the past"),
    VOTES_TOTAL_STAKE_CHECKPOINT_MUST_BE_FOR_THE_CURRENT_ROUND("BondingVotes: total stake checkpoint must be for the current round"),
    CONTROLLER_ALREADY_PAUSED("Controller: already paused"),
    CONTROLLER_CALLER_IS_NOT_THE_OWNER("Controller: caller is not the owner"),
    CONTROLLER_NEW_OWNER_IS_THE_ZERO_ADDRESS("Controller: new owner is the zero address"),
    CONTROLLER_NOT_PAUSED("Controller: not paused"),
    CONTROLLER_NO_CONTRACT_REGISTERED_UNDER_THIS_ID("Controller: no contract registered under this id"),
    GOVERNOR_INVALID_QUOTA("LivepeerGovernor: invalid quota"),
    GOVERNOR_REGISTER_THE_TREASURY_AND_BONDINGVOTES_FIRST("LivepeerGovernor: register the Treasury and BondingVotes first"),
    MANAGER_CALLER_IS_NOT_THE_BONDINGMANAGER("Manager: caller is not the BondingManager"),
    MANAGER_CALLER_IS_NOT_THE_CONTROLLER("Manager: caller is not the Controller"),
    MANAGER_CALLER_IS_NOT_THE_CONTROLLER_OWNER("Manager: caller is not the controller owner"),
    MANAGER_CALLER_IS_NOT_THE_MINTER("Manager: caller is not the Minter"),
    MANAGER_CALLER_IS_NOT_THE_ROUNDSMANAGER("Manager: caller is not the RoundsManager"),
    MANAGER_CALLER_IS_NOT_THE_TICKETBROKER("Manager: caller is not the TicketBroker"),
    MANAGER_CALLER_IS_NOT_THE_VERIFIER("Manager: caller is not the Verifier"),
    MANAGER_CONTROLLER_IS_THE_ZERO_ADDRESS("Manager: controller is the zero address"),
    MANAGER_SYSTEM_IS_PAUSED("Manager: system is paused"),
    MINTER_CALLER_IS_NOT_THE_BONDINGMANAGER_OR_TICKETBROKER("Minter: caller is not the BondingManager or TicketBroker"),
    MINTER_CALLER_IS_NOT_THE_TICKETBROKER_BONDINGMANAGER_OR_MINTER("Minter: caller is not the TicketBroker, BondingManager or Minter"),
    MINTER_CURRENT_MINTER_MUST_BE_REGISTERED("Minter: current Minter must be registered"),
    MINTER_ETH_TRANSFER_FAILED("Minter: ETH transfer failed"),
    MINTER_INVALID_INFLATION("Minter: invalid inflation"),
    MINTER_INVALID_INFLATION_CHANGE("Minter: invalid inflation change"),
    MINTER_INVALID_TARGET_BONDING_RATE("Minter: invalid target bonding rate"),
    MINTER_MINTED_TOKENS_CANNOT_EXCEED_MINTABLE_TOKENS("Minter: minted tokens cannot exceed mintable tokens"),
    MINTER_NEW_MINTER_CANNOT_BE_CURRENT_MINTER("Minter: new Minter cannot be current Minter"),
    MINTER_NEW_MINTER_CANNOT_BE_NULL_ADDRESS("Minter: new Minter cannot be null address"),
    MINTER_NEW_MINTER_CONTROLLER_MUST_BE_CURRENT_CONTROLLER("Minter: new Minter Controller must be current Controller"),
    MINTER_TOKEN_TRANSFER_FAILED("Minter: token transfer failed"),
    MINTER_ZERO_REWARD_DENOMINATOR("Minter: zero reward denominator"),
    ROUNDS_BLOCK_HASH_NOT_AVAILABLE("RoundsManager: block hash not available"),
    ROUNDS_INVALID_ROUND_LOCK_AMOUNT("RoundsManager: invalid round lock amount"),
    ROUNDS_LIP_UPGRADE_ROUND_ALREADY_SET("RoundsManager: LIP upgrade round already set"),
    ROUNDS_ROUND_ALREADY_INITIALIZED("RoundsManager: round already initialized"),
    ROUNDS_ROUND_LENGTH_MUST_BE_POSITIVE("RoundsManager: round length must be positive"),
    POOL_ALREADY_IN_POOL("SortedPool: already in pool"),
    POOL_NOT_IN_POOL("SortedPool: not in pool"),
    POOL_POOL_IS_FULL("SortedPool: pool is full"),
    POOL_ZERO_ADDRESS("SortedPool: zero address"),
    TICKET_ACCOUNT_IS_LOCKED("TicketBroker: account is locked"),
    TICKET_BATCH_ARRAYS_DIFFER_IN_LENGTH("TicketBroker: batch arrays differ in length"),
    TICKET_CURRENT_ROUND_IS_NOT_INITIALIZED("TicketBroker: current round is not initialized"),
    TICKET_INVALID_SIGNATURE_OVER_TICKET_HASH("TicketBroker: invalid signature over ticket hash"),
    TICKET_NO_UNLOCK_REQUEST_IN_PROGRESS("TicketBroker: no unlock request in progress"),
    TICKET_RECIPIENTRAND_DOES_NOT_MATCH_RECIPIENTRANDHASH("TicketBroker: recipientRand does not match recipientRandHash"),
    TICKET_SENDER_DEPOSIT_AND_RESERVE_ARE_ZERO("TicketBroker: sender deposit and reserve are zero"),
    TICKET_TICKET_AUXDATA_MUST_BE_64_BYTES("TicketBroker: ticket auxData must be 64 bytes"),
    TICKET_TICKET_CREATION_ROUND_BLOCK_HASH_INVALID("TicketBroker: ticket creation round block hash invalid"),
    TICKET_TICKET_CREATION_ROUND_HAS_NO_BLOCK_HASH("TicketBroker: ticket creation round has no block hash"),
    TICKET_TICKET_DID_NOT_WIN("TicketBroker: ticket did not win"),
    TICKET_TICKET_IS_EXPIRED("TicketBroker: ticket is expired"),
    TICKET_TICKET_IS_USED("TicketBroker: ticket is used"),
    TICKET_TICKET_RECIPIENT_IS_NULL_ADDRESS("TicketBroker: ticket recipient is null address"),
    TICKET_TICKET_SENDER_IS_NULL_ADDRESS("TicketBroker: ticket sender is null address"),
    TICKET_TICKET_VALIDITY_PERIOD_MUST_BE_POSITIVE("TicketBroker: ticket validity period must be positive"),
    TICKET_UNLOCK_ALREADY_INITIATED("TicketBroker: unlock already initiated"),
    TICKET_VALUE_IS_NOT_DEPOSIT_PLUS_RESERVE("TicketBroker: value is not deposit plus reserve");

    private final String reason;

    RevertReason(String reason) {
        this.reason = reason;
    }

    /** The exact string the contract reverts with, e.g. {@code "BondingManager: unbonding period not over"}. */
    public String reason() {
        return reason;
    }

    /** The reason without its contract prefix, e.g. {@code "unbonding period not over"}. */
    public String message() {
        return reason.substring(reason.indexOf(": ") + 2);
    }

    /**
     * Finds the reason in any text that contains one, such as a web3j exception message; the longest match wins
     * ("Minter: invalid inflation change" over "Minter: invalid inflation").
     *
     * @param text may be null
     */
    public static Optional<RevertReason> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Arrays.stream(values())
                .filter(r -> text.contains(r.reason))
                .max(Comparator.comparingInt(r -> r.reason.length()));
    }

    /** Looks through a throwable and its causes for a known reason. */
    public static Optional<RevertReason> find(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            Optional<RevertReason> found = find(t.getMessage());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
