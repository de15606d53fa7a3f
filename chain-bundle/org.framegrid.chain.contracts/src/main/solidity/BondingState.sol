// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./Manager.sol";
import "./SortedPool.sol";

/// The BondingManager's state, events and read-only views: orchestrators ("transcoders"), delegators, unbonding locks,
/// the active set and the treasury parameters. LIP-36 lazy earnings: per-round cumulative reward and fee factors in
/// 10^27 precision. The BondingManager is split by job into this and three abstract layers above it.
abstract contract BondingState is Manager {
    using SortedPool for SortedPool.Data;

    /// rewardCut, feeShare and slashing percentages: 10^6 = 100%.
    uint256 public constant PERC_DIVISOR = 1000000;
    /// The "1" of the cumulative factors and of the treasury reward cut rate (Livepeer's PreciseMathUtils).
    uint256 public constant PRECISE_PERC_DIVISOR = 10 ** 27;
    uint256 internal constant MAX_FUTURE_ROUND = 2 ** 256 - 1;

    struct EarningsPool {
        uint256 totalStake;
        uint256 transcoderRewardCut;
        uint256 transcoderFeeShare;
        uint256 cumulativeRewardFactor;
        uint256 cumulativeFeeFactor;
    }

    struct Transcoder {
        uint256 lastRewardRound;
        uint256 rewardCut;
        uint256 feeShare;
        mapping(uint256 => EarningsPool) earningsPoolPerRound;
        uint256 lastActiveStakeUpdateRound;
        uint256 activationRound;
        uint256 deactivationRound;
        // Commission (and the rewards/fees earned by not-yet-claimed commission) owed to the orchestrator itself.
        uint256 activeCumulativeRewards;
        uint256 cumulativeRewards;
        uint256 cumulativeFees;
        uint256 lastFeeRound;
    }

    struct UnbondingLock {
        uint256 amount;
        uint256 withdrawRound;
    }

    struct Delegator {
        uint256 bondedAmount;
        uint256 fees;
        address delegateAddress;
        uint256 delegatedAmount;
        uint256 startRound;
        uint256 lastClaimRound;
        uint256 nextUnbondingLockId;
        mapping(uint256 => UnbondingLock) unbondingLocks;
    }

    enum DelegatorStatus { Pending, Bonded, Unbonded }
    enum TranscoderStatus { NotRegistered, Registered }

    /// uint64, as Livepeer declares it and go-livepeer reads it.
    uint64 public unbondingPeriod;
    uint256 public nextRoundTotalActiveStake;
    uint256 public currentRoundTotalActiveStake;
    /// Share of each reward() mint sent to the Treasury, in PRECISE_PERC_DIVISOR units (10^26 = 10%).
    uint256 public treasuryRewardCutRate;
    /// The rate the next round starts with: a change takes effect at the next initializeRound().
    uint256 public nextRoundTreasuryRewardCutRate;
    /// When the Treasury holds at least this much LPT, reward() sets the next round's cut rate to zero.
    uint256 public treasuryBalanceCeiling;
    mapping(address => Delegator) internal delegators;
    mapping(address => Transcoder) internal transcoders;
    SortedPool.Data internal transcoderPool;

    event TranscoderUpdate(address indexed transcoder, uint256 rewardCut, uint256 feeShare);
    event TranscoderActivated(address indexed transcoder, uint256 activationRound);
    event TranscoderDeactivated(address indexed transcoder, uint256 deactivationRound);
    event TranscoderSlashed(address indexed transcoder, address finder, uint256 penalty, uint256 finderReward);
    event Reward(address indexed transcoder, uint256 amount);
    event TreasuryReward(address indexed transcoder, address treasury, uint256 amount);
    event Bond(address indexed newDelegate, address indexed oldDelegate, address indexed delegator,
        uint256 additionalAmount, uint256 bondedAmount);
    event Unbond(address indexed delegate, address indexed delegator, uint256 unbondingLockId, uint256 amount,
        uint256 withdrawRound);
    event Rebond(address indexed delegate, address indexed delegator, uint256 unbondingLockId, uint256 amount);
    event TransferBond(address indexed oldDelegator, address indexed newDelegator, uint256 oldUnbondingLockId,
        uint256 newUnbondingLockId, uint256 amount);
    event WithdrawStake(address indexed delegator, uint256 unbondingLockId, uint256 amount, uint256 withdrawRound);
    event WithdrawFees(address indexed delegator, address recipient, uint256 amount);
    event EarningsClaimed(address indexed delegate, address indexed delegator, uint256 rewards, uint256 fees,
        uint256 startRound, uint256 endRound);
    event ParameterUpdate(string param);

    modifier currentRoundInitialized() {
        _currentRoundInitialized();
        _;
    }

    function _currentRoundInitialized() private view {
        require(roundsManager().currentRoundInitialized(), "BondingManager: current round is not initialized");
    }

    // ---- views ----

    function pendingStake(address _delegator, uint256 /* _endRound: always the current round, as in LIP-36 */)
        external
        view
        returns (uint256)
    {
        (uint256 stake,) = pendingStakeAndFees(_delegator, roundsManager().currentRound());
        return stake;
    }

    function pendingFees(address _delegator, uint256 /* _endRound */) external view returns (uint256) {
        (, uint256 fees) = pendingStakeAndFees(_delegator, roundsManager().currentRound());
        return fees;
    }

    function transcoderTotalStake(address _transcoder) public view returns (uint256) {
        return delegators[_transcoder].delegatedAmount;
    }

    function getTotalBonded() external view returns (uint256) {
        return currentRoundTotalActiveStake;
    }

    function isActiveTranscoder(address _transcoder) public view returns (bool) {
        Transcoder storage t = transcoders[_transcoder];
        uint256 currentRound = roundsManager().currentRound();
        return t.activationRound <= currentRound && currentRound < t.deactivationRound;
    }

    function isRegisteredTranscoder(address _transcoder) public view returns (bool) {
        Delegator storage d = delegators[_transcoder];
        return d.delegateAddress == _transcoder && d.bondedAmount > 0;
    }

    /// Whether _delegator holds unbonding lock _unbondingLockId (neither withdrawn nor rebonded). Livepeer tests the
    /// withdraw round instead; here round 0 counts as initialised, so a lock from round 0 with a zero unbonding
    /// period has withdraw round 0 and only its amount tells that it exists.
    function isValidUnbondingLock(address _delegator, uint256 _unbondingLockId) public view returns (bool) {
        return delegators[_delegator].unbondingLocks[_unbondingLockId].amount > 0;
    }

    function transcoderStatus(address _transcoder) external view returns (TranscoderStatus) {
        return isRegisteredTranscoder(_transcoder) ? TranscoderStatus.Registered : TranscoderStatus.NotRegistered;
    }

    function delegatorStatus(address _delegator) public view returns (DelegatorStatus) {
        Delegator storage del = delegators[_delegator];
        if (del.bondedAmount == 0) {
            return DelegatorStatus.Unbonded;
        } else if (del.startRound > roundsManager().currentRound()) {
            return DelegatorStatus.Pending;
        }
        return DelegatorStatus.Bonded;
    }

    function getDelegator(address _delegator)
        external
        view
        returns (uint256 bondedAmount, uint256 fees, address delegateAddress, uint256 delegatedAmount,
            uint256 startRound, uint256 lastClaimRound, uint256 nextUnbondingLockId)
    {
        Delegator storage del = delegators[_delegator];
        return (del.bondedAmount, del.fees, del.delegateAddress, del.delegatedAmount, del.startRound,
            del.lastClaimRound, del.nextUnbondingLockId);
    }

    function getDelegatorUnbondingLock(address _delegator, uint256 _unbondingLockId)
        external
        view
        returns (uint256 amount, uint256 withdrawRound)
    {
        UnbondingLock storage lock = delegators[_delegator].unbondingLocks[_unbondingLockId];
        return (lock.amount, lock.withdrawRound);
    }

    function getTranscoder(address _transcoder)
        external
        view
        returns (uint256 lastRewardRound, uint256 rewardCut, uint256 feeShare, uint256 lastActiveStakeUpdateRound,
            uint256 activationRound, uint256 deactivationRound, uint256 activeCumulativeRewards,
            uint256 cumulativeRewards, uint256 cumulativeFees, uint256 lastFeeRound)
    {
        Transcoder storage t = transcoders[_transcoder];
        return (t.lastRewardRound, t.rewardCut, t.feeShare, t.lastActiveStakeUpdateRound, t.activationRound,
            t.deactivationRound, t.activeCumulativeRewards, t.cumulativeRewards, t.cumulativeFees, t.lastFeeRound);
    }

    function getTranscoderEarningsPoolForRound(address _transcoder, uint256 _round)
        external
        view
        returns (uint256 totalStake, uint256 transcoderRewardCut, uint256 transcoderFeeShare,
            uint256 cumulativeRewardFactor, uint256 cumulativeFeeFactor)
    {
        EarningsPool storage p = transcoders[_transcoder].earningsPoolPerRound[_round];
        return (p.totalStake, p.transcoderRewardCut, p.transcoderFeeShare, p.cumulativeRewardFactor,
            p.cumulativeFeeFactor);
    }

    function getFirstTranscoderInPool() external view returns (address) {
        return transcoderPool.head;
    }

    function getNextTranscoderInPool(address _transcoder) external view returns (address) {
        return transcoderPool.nodes[_transcoder].next;
    }

    function getTranscoderPoolSize() external view returns (uint256) {
        return transcoderPool.size;
    }

    function getTranscoderPoolMaxSize() external view returns (uint256) {
        return transcoderPool.maxSize;
    }

    // ---- LIP-36 arithmetic ----

    function pendingStakeAndFees(address _delegator, uint256 _endRound)
        internal
        view
        returns (uint256 stake, uint256 fees)
    {
        Delegator storage del = delegators[_delegator];
        Transcoder storage t = transcoders[del.delegateAddress];
        stake = del.bondedAmount;
        fees = del.fees;
        if (del.delegateAddress == address(0)) {
            return (stake, fees);
        }
        if (del.lastClaimRound < _endRound) {
            EarningsPool storage startPool = t.earningsPoolPerRound[del.lastClaimRound];
            uint256 startCrf = startPool.cumulativeRewardFactor;
            if (startCrf == 0) {
                startCrf = PRECISE_PERC_DIVISOR;
            }
            EarningsPool memory endPool = latestCumulativeFactorsPool(t, _endRound);
            uint256 endCrf = endPool.cumulativeRewardFactor != 0 ? endPool.cumulativeRewardFactor : PRECISE_PERC_DIVISOR;
            fees += precisePercOf(stake, endPool.cumulativeFeeFactor - startPool.cumulativeFeeFactor, startCrf);
            stake = precisePercOf(stake, endCrf, startCrf);
        }
        if (del.delegateAddress == _delegator) {
            stake += t.cumulativeRewards;
            fees += t.cumulativeFees;
        }
    }

    function latestCumulativeFactorsPool(Transcoder storage _t, uint256 _round)
        internal
        view
        returns (EarningsPool memory pool)
    {
        pool.cumulativeRewardFactor = _t.earningsPoolPerRound[_round].cumulativeRewardFactor;
        pool.cumulativeFeeFactor = _t.earningsPoolPerRound[_round].cumulativeFeeFactor;
        if (pool.cumulativeRewardFactor == 0 && _t.lastRewardRound < _round) {
            pool.cumulativeRewardFactor = _t.earningsPoolPerRound[_t.lastRewardRound].cumulativeRewardFactor;
        }
        if (pool.cumulativeFeeFactor == 0 && _t.lastFeeRound < _round) {
            pool.cumulativeFeeFactor = _t.earningsPoolPerRound[_t.lastFeeRound].cumulativeFeeFactor;
        }
    }

    /// _amount * _perc / 10^6 (rewardCut, feeShare, slashing).
    function percOf(uint256 _amount, uint256 _perc) internal pure returns (uint256) {
        return _amount * _perc / PERC_DIVISOR;
    }

    /// _amount * (_fracNum * 10^27 / _fracDenom) / 10^27: Livepeer's PreciseMathUtils.percOf, two truncations.
    function precisePercOf(uint256 _amount, uint256 _fracNum, uint256 _fracDenom) internal pure returns (uint256) {
        return _amount * (_fracNum * PRECISE_PERC_DIVISOR / _fracDenom) / PRECISE_PERC_DIVISOR;
    }
}
