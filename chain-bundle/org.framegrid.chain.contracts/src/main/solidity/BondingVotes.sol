// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./Manager.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";
import {Arrays} from "@openzeppelin/contracts/utils/Arrays.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/// Voting power from bonded stake (LIP-89/91), as Livepeer's BondingVotes: the BondingManager checkpoints each
/// account's bonding state per round, and the total active stake at each round's start. ERC-5805 votes whose clock
/// is the round number: an orchestrator votes with all the stake delegated to it, a delegator with its stake
/// including pending rewards (LIP-36 cumulative reward factors). Past look-ups are "at the end of round r", which is
/// the state at the start of round r + 1. Delegation happens only by bonding, never here.
contract BondingVotes is Manager, IERC5805 {
    using Arrays for uint256[];

    /// Two storage slots where Livepeer's takes five: LPT amounts fit 128 bits and round numbers 48 (the clock's
    /// width), and every reward() writes one checkpoint per orchestrator per round.
    struct BondingCheckpoint {
        uint128 bondedAmount;
        uint128 delegatedAmount;
        address delegateAddress;
        uint48 lastClaimRound;
        uint48 lastRewardRound; // the only field from the Transcoder: finds its latest earnings pool
    }

    struct BondingCheckpointsByRound {
        uint256[] startRounds; // ascending
        mapping(uint256 => BondingCheckpoint) data;
    }

    struct TotalActiveStakeByRound {
        uint256[] rounds; // ascending
        mapping(uint256 => uint256) data;
    }

    uint256 private constant PRECISE_PERC_DIVISOR = 10 ** 27;

    mapping(address => BondingCheckpointsByRound) private bondingCheckpoints;
    TotalActiveStakeByRound private totalStakeCheckpoints;

    /// The bonded amount a delegator's own votes start from changed (delegators are not ERC-5805 delegates).
    event DelegatorBondedAmountChanged(address indexed delegate, uint256 previousBondedAmount,
        uint256 previousLastClaimRound, uint256 newBondedAmount, uint256 newLastClaimRound);

    modifier onlyPastRounds(uint256 _round) {
        require(_round < clock(), "BondingVotes: round is not in the past");
        _;
    }

    constructor(address _controller) Manager(_controller) {}

    // ---- ERC-5805 and ERC-20 metadata ----

    function name() external pure returns (string memory) {
        return "Livepeer Voting Power";
    }

    function symbol() external pure returns (string memory) {
        return "vLPT";
    }

    function decimals() external pure returns (uint8) {
        return 18;
    }

    function clock() public view returns (uint48) {
        return SafeCast.toUint48(roundsManager().currentRound());
    }

    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() external pure returns (string memory) {
        return "mode=livepeer_round";
    }

    function getVotes(address _account) external view returns (uint256 votes) {
        (votes,) = getVotesAndDelegateAtRoundStart(_account, clock() + 1);
    }

    function getPastVotes(address _account, uint256 _round)
        external
        view
        onlyPastRounds(_round)
        returns (uint256 votes)
    {
        (votes,) = getVotesAndDelegateAtRoundStart(_account, _round + 1);
    }

    /// The active stake (the top numActiveTranscoders orchestrators'), not all bonded stake.
    function totalSupply() external view returns (uint256) {
        return getTotalActiveStakeAt(clock() + 1);
    }

    function getPastTotalSupply(uint256 _round) external view onlyPastRounds(_round) returns (uint256) {
        return getTotalActiveStakeAt(_round + 1);
    }

    function delegates(address _account) external view returns (address delegateAddress) {
        (, delegateAddress) = getVotesAndDelegateAtRoundStart(_account, clock() + 1);
    }

    /// The delegate of _account at the end of _round: what the governor's delegator overrides need.
    function delegatedAt(address _account, uint256 _round)
        external
        view
        onlyPastRounds(_round)
        returns (address delegateAddress)
    {
        (, delegateAddress) = getVotesAndDelegateAtRoundStart(_account, _round + 1);
    }

    function delegate(address) external pure {
        revert("BondingVotes: delegate by bonding in the BondingManager");
    }

    function delegateBySig(address, uint256, uint256, uint8, bytes32, bytes32) external pure {
        revert("BondingVotes: delegate by bonding in the BondingManager");
    }

    // ---- BondingManager hooks ----

    function checkpointBondingState(address _account, uint256 _startRound, uint256 _bondedAmount,
        address _delegateAddress, uint256 _delegatedAmount, uint256 _lastClaimRound, uint256 _lastRewardRound)
        external
        onlyContract("BondingManager")
    {
        require(_startRound == clock() + 1, "BondingVotes: checkpoint must start in the next round");
        require(_lastClaimRound < _startRound, "BondingVotes: last claim round must be before the start round");
        BondingCheckpoint memory previous;
        if (hasCheckpoint(_account)) {
            previous = getBondingCheckpointAt(_account, _startRound);
        }
        BondingCheckpoint memory current = BondingCheckpoint(SafeCast.toUint128(_bondedAmount),
            SafeCast.toUint128(_delegatedAmount), _delegateAddress, SafeCast.toUint48(_lastClaimRound),
            SafeCast.toUint48(_lastRewardRound));
        BondingCheckpointsByRound storage checkpoints = bondingCheckpoints[_account];
        checkpoints.data[_startRound] = current;
        pushSorted(checkpoints.startRounds, _startRound);
        emitChanges(_account, previous, current);
    }

    function checkpointTotalActiveStake(uint256 _totalStake, uint256 _round) external onlyContract("BondingManager") {
        require(_round == clock(), "BondingVotes: total stake checkpoint must be for the current round");
        totalStakeCheckpoints.data[_round] = _totalStake;
        pushSorted(totalStakeCheckpoints.rounds, _round);
    }

    // ---- historical stake ----

    function hasCheckpoint(address _account) public view returns (bool) {
        return bondingCheckpoints[_account].startRounds.length > 0;
    }

    /// The total active stake at the start of _round. A round nobody initialised has the stake of the next
    /// initialised round; after the last one, the BondingManager's stake for the next round.
    function getTotalActiveStakeAt(uint256 _round) public view returns (uint256) {
        require(_round <= clock() + 1, "BondingVotes: round is in the future");
        uint256 exact = totalStakeCheckpoints.data[_round];
        if (exact > 0) {
            return exact;
        }
        uint256[] storage rounds = totalStakeCheckpoints.rounds;
        uint256 next = rounds.lowerBound(_round); // first checkpointed round >= _round
        if (next == 0) {
            return 0; // before the first checkpoint (or an exact checkpoint of zero)
        } else if (next < rounds.length) {
            return totalStakeCheckpoints.data[rounds[next]];
        }
        return bondingManager().nextRoundTotalActiveStake();
    }

    /// Votes and delegate of _account at the start of _round.
    function getVotesAndDelegateAtRoundStart(address _account, uint256 _round)
        public
        view
        returns (uint256 votes, address delegateAddress)
    {
        BondingCheckpoint storage bond = getBondingCheckpointAt(_account, _round);
        delegateAddress = bond.delegateAddress;
        if (bond.bondedAmount == 0) {
            votes = 0;
        } else if (isRegisteredTranscoder(_account, bond)) {
            // All stake delegated to it, its own included, with unclaimed rewards.
            votes = bond.delegatedAmount;
        } else {
            votes = delegatorVotesAtRoundStart(bond, _round);
        }
    }

    // ---- internals ----

    function getBondingCheckpointAt(address _account, uint256 _round)
        internal
        view
        returns (BondingCheckpoint storage)
    {
        require(_round <= clock() + 1, "BondingVotes: round is in the future");
        BondingCheckpointsByRound storage checkpoints = bondingCheckpoints[_account];
        // Orchestrators checkpoint every round through reward(): look for the exact round first.
        BondingCheckpoint storage bond = checkpoints.data[_round];
        if (bond.bondedAmount > 0) {
            return bond;
        }
        uint256 after_ = checkpoints.startRounds.upperBound(_round); // first start round > _round
        if (after_ == 0) {
            return bond; // no checkpoint yet: all zero
        }
        return checkpoints.data[checkpoints.startRounds[after_ - 1]];
    }

    /// A delegator's stake at the start of _round: its bonded amount grown by its orchestrator's cumulative reward
    /// factor from its last claim to the orchestrator's last reward before _round (BondingManager.pendingStake's rule).
    function delegatorVotesAtRoundStart(BondingCheckpoint storage _bond, uint256 _round)
        internal
        view
        returns (uint256)
    {
        address orchestrator = _bond.delegateAddress;
        BondingCheckpoint storage orchestratorBond = getBondingCheckpointAt(orchestrator, _round);
        if (!isRegisteredTranscoder(orchestrator, orchestratorBond)) {
            return 0; // delegating to an account that is not an orchestrator gives no voting power
        }
        uint256 rewardRound = orchestratorBond.lastRewardRound;
        if (rewardRound < _bond.lastClaimRound) {
            return _bond.bondedAmount; // no reward since the last claim
        }
        uint256 startCrf = cumulativeRewardFactor(orchestrator, _bond.lastClaimRound);
        uint256 endCrf = cumulativeRewardFactor(orchestrator, rewardRound);
        require(rewardRound == 0 || endCrf != 0, "BondingVotes: missing earnings pool");
        startCrf = startCrf == 0 ? PRECISE_PERC_DIVISOR : startCrf;
        endCrf = endCrf == 0 ? PRECISE_PERC_DIVISOR : endCrf;
        return _bond.bondedAmount * (endCrf * PRECISE_PERC_DIVISOR / startCrf) / PRECISE_PERC_DIVISOR;
    }

    function cumulativeRewardFactor(address _orchestrator, uint256 _round) private view returns (uint256 crf) {
        (,,, crf,) = bondingManager().getTranscoderEarningsPoolForRound(_orchestrator, _round);
    }

    function isRegisteredTranscoder(address _account, BondingCheckpoint storage _bond) private view returns (bool) {
        return _bond.delegateAddress == _account && _bond.bondedAmount > 0;
    }

    /// ERC-5805 events for orchestrators' vote changes and delegate changes, and our own for delegators' bonds.
    function emitChanges(address _account, BondingCheckpoint memory _previous, BondingCheckpoint memory _current)
        private
    {
        if (_previous.delegateAddress != _current.delegateAddress) {
            emit DelegateChanged(_account, _previous.delegateAddress, _current.delegateAddress);
        }
        bool wasOrchestrator = _previous.delegateAddress == _account && _previous.bondedAmount > 0;
        bool isOrchestrator = _current.delegateAddress == _account && _current.bondedAmount > 0;
        uint256 previousVotes = wasOrchestrator ? _previous.delegatedAmount : 0;
        uint256 currentVotes = isOrchestrator ? _current.delegatedAmount : 0;
        if (previousVotes != currentVotes) {
            emit DelegateVotesChanged(_account, previousVotes, currentVotes);
        }
        if (_previous.bondedAmount != _current.bondedAmount || _previous.lastClaimRound != _current.lastClaimRound) {
            emit DelegatorBondedAmountChanged(_account, _previous.bondedAmount, _previous.lastClaimRound,
                _current.bondedAmount, _current.lastClaimRound);
        }
    }

    /// Appends _value to an ascending list unless it is already the last element.
    function pushSorted(uint256[] storage _list, uint256 _value) private {
        uint256 length = _list.length;
        if (length == 0 || _list[length - 1] < _value) {
            _list.push(_value);
        } else {
            require(_list[length - 1] == _value, "BondingVotes: checkpoints must not go back in time");
        }
    }
}
