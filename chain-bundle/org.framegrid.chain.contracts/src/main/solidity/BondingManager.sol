// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./Manager.sol";
import "./SortedPool.sol";

/// Staking: orchestrators ("transcoders") and delegators, the active set, unbonding locks, and LIP-36 lazy earnings
/// (per-round cumulative reward and fee factors in 10^27 precision). LPT and ETH are held by the Minter.
contract BondingManager is Manager {
    using SortedPool for SortedPool.Data;

    /// rewardCut and feeShare: 10^6 = 100%.
    uint256 public constant PERC_DIVISOR = 1000000;
    /// The "1" of the cumulative factors (Livepeer's PreciseMathUtils).
    uint256 public constant PRECISE_PERC_DIVISOR = 10 ** 27;
    uint256 private constant MAX_FUTURE_ROUND = 2 ** 256 - 1;

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

    uint256 public unbondingPeriod;
    uint256 public nextRoundTotalActiveStake;
    uint256 public currentRoundTotalActiveStake;
    mapping(address => Delegator) private delegators;
    mapping(address => Transcoder) private transcoders;
    SortedPool.Data private transcoderPool;

    event TranscoderUpdate(address indexed transcoder, uint256 rewardCut, uint256 feeShare);
    event TranscoderActivated(address indexed transcoder, uint256 activationRound);
    event TranscoderDeactivated(address indexed transcoder, uint256 deactivationRound);
    event Reward(address indexed transcoder, uint256 amount);
    event Bond(address indexed newDelegate, address indexed oldDelegate, address indexed delegator,
        uint256 additionalAmount, uint256 bondedAmount);
    event Unbond(address indexed delegate, address indexed delegator, uint256 unbondingLockId, uint256 amount,
        uint256 withdrawRound);
    event Rebond(address indexed delegate, address indexed delegator, uint256 unbondingLockId, uint256 amount);
    event WithdrawStake(address indexed delegator, uint256 unbondingLockId, uint256 amount, uint256 withdrawRound);
    event WithdrawFees(address indexed delegator, address recipient, uint256 amount);
    event EarningsClaimed(address indexed delegate, address indexed delegator, uint256 rewards, uint256 fees,
        uint256 startRound, uint256 endRound);
    event ParameterUpdate(string param);

    constructor(address _controller, uint256 _unbondingPeriod, uint256 _numActiveTranscoders) Manager(_controller) {
        require(_numActiveTranscoders > 0, "BondingManager: numActiveTranscoders must be positive");
        unbondingPeriod = _unbondingPeriod;
        transcoderPool.maxSize = _numActiveTranscoders;
    }

    modifier currentRoundInitialized() {
        require(roundsManager().currentRoundInitialized(), "BondingManager: current round is not initialized");
        _;
    }

    /// Claims the caller's earnings up to the current round before any change to its stake.
    modifier autoClaimEarnings() {
        _claimEarnings(msg.sender, roundsManager().currentRound());
        _;
    }

    // ---- parameters ----

    function setUnbondingPeriod(uint256 _unbondingPeriod) external onlyControllerOwner {
        unbondingPeriod = _unbondingPeriod;
        emit ParameterUpdate("unbondingPeriod");
    }

    function setNumActiveTranscoders(uint256 _numActiveTranscoders) external onlyControllerOwner {
        require(_numActiveTranscoders >= transcoderPool.size, "BondingManager: cannot shrink below the pool size");
        transcoderPool.maxSize = _numActiveTranscoders;
        emit ParameterUpdate("numActiveTranscoders");
    }

    // ---- orchestrator ----

    function transcoder(uint256 _rewardCut, uint256 _feeShare) external whenSystemNotPaused currentRoundInitialized {
        require(!roundsManager().currentRoundLocked(), "BondingManager: current round is locked");
        require(_rewardCut <= PERC_DIVISOR, "BondingManager: invalid rewardCut percentage");
        require(_feeShare <= PERC_DIVISOR, "BondingManager: invalid feeShare percentage");
        require(isRegisteredTranscoder(msg.sender), "BondingManager: transcoder must be registered");
        Transcoder storage t = transcoders[msg.sender];
        uint256 currentRound = roundsManager().currentRound();
        require(!isActiveTranscoder(msg.sender) || t.lastRewardRound == currentRound,
            "BondingManager: active transcoder must call reward first");
        t.rewardCut = _rewardCut;
        t.feeShare = _feeShare;
        if (!transcoderPool.contains(msg.sender)) {
            tryToJoinActiveSet(msg.sender, delegators[msg.sender].delegatedAmount, currentRound + 1);
        }
        emit TranscoderUpdate(msg.sender, _rewardCut, _feeShare);
    }

    function reward() external whenSystemNotPaused currentRoundInitialized {
        uint256 currentRound = roundsManager().currentRound();
        require(isActiveTranscoder(msg.sender), "BondingManager: caller must be an active transcoder");
        Transcoder storage t = transcoders[msg.sender];
        require(t.lastRewardRound != currentRound, "BondingManager: reward already called for this round");
        EarningsPool storage pool = t.earningsPoolPerRound[currentRound];
        pool.transcoderRewardCut = t.rewardCut;
        pool.transcoderFeeShare = t.feeShare;
        if (t.lastActiveStakeUpdateRound < currentRound) {
            pool.totalStake = t.earningsPoolPerRound[t.lastActiveStakeUpdateRound].totalStake;
        }
        // Give the previous round its cumulative reward factor if rounds were skipped, so that fee and claim look-ups
        // of round currentRound - 1 see the right one.
        EarningsPool storage previous = t.earningsPoolPerRound[currentRound - 1];
        if (previous.cumulativeRewardFactor == 0 && t.lastRewardRound < currentRound - 1) {
            previous.cumulativeRewardFactor = t.earningsPoolPerRound[t.lastRewardRound].cumulativeRewardFactor;
        }
        uint256 rewardTokens = minter().createReward(pool.totalStake, currentRoundTotalActiveStake);
        updateTranscoderWithRewards(msg.sender, rewardTokens, currentRound);
        t.lastRewardRound = currentRound;
        emit Reward(msg.sender, rewardTokens);
    }

    function updateTranscoderWithFees(address _transcoder, uint256 _fees, uint256 /* _round */)
        external
        whenSystemNotPaused
        onlyContract("TicketBroker")
    {
        require(isRegisteredTranscoder(_transcoder), "BondingManager: transcoder must be registered");
        // LIP-36: fees count in the round they are redeemed, not the ticket's creation round.
        uint256 currentRound = roundsManager().currentRound();
        Transcoder storage t = transcoders[_transcoder];
        EarningsPool storage pool = t.earningsPoolPerRound[currentRound];
        EarningsPool memory prev = latestCumulativeFactorsPool(t, currentRound == 0 ? 0 : currentRound - 1);
        uint256 activeCumulativeRewards = t.activeCumulativeRewards;
        if (currentRound > t.lastRewardRound) {
            // reward() has not run this round: fix the round's terms and stake now, as reward() would.
            pool.transcoderRewardCut = t.rewardCut;
            pool.transcoderFeeShare = t.feeShare;
            if (t.lastActiveStakeUpdateRound < currentRound) {
                pool.totalStake = t.earningsPoolPerRound[t.lastActiveStakeUpdateRound].totalStake;
            }
            activeCumulativeRewards = t.cumulativeRewards;
        }
        uint256 totalStake = pool.totalStake;
        require(totalStake > 0, "BondingManager: transcoder has no active stake");
        uint256 delegatorsFees = percOf(_fees, pool.transcoderFeeShare);
        uint256 transcoderCommissionFees = _fees - delegatorsFees;
        uint256 transcoderRewardStakeFees = precisePercOf(delegatorsFees, activeCumulativeRewards, totalStake);
        t.cumulativeFees += transcoderRewardStakeFees + transcoderCommissionFees;
        uint256 prevCrf = prev.cumulativeRewardFactor != 0 ? prev.cumulativeRewardFactor : PRECISE_PERC_DIVISOR;
        uint256 base = pool.cumulativeFeeFactor != 0 ? pool.cumulativeFeeFactor : prev.cumulativeFeeFactor;
        pool.cumulativeFeeFactor = base + precisePercOf(prevCrf, delegatorsFees, totalStake);
        t.lastFeeRound = currentRound;
    }

    // ---- delegator ----

    function bond(uint256 _amount, address _to) external whenSystemNotPaused currentRoundInitialized autoClaimEarnings {
        require(_to != address(0), "BondingManager: cannot bond to the zero address");
        Delegator storage del = delegators[msg.sender];
        uint256 currentRound = roundsManager().currentRound();
        uint256 delegationAmount = _amount;
        address currentDelegate = del.delegateAddress;
        uint256 currentBondedAmount = del.bondedAmount;
        if (delegatorStatus(msg.sender) == DelegatorStatus.Unbonded) {
            del.startRound = currentRound + 1;
        } else if (currentBondedAmount > 0 && currentDelegate != _to) {
            // Moving stake moves all of it; an orchestrator's own stake stays with itself.
            require(!isRegisteredTranscoder(msg.sender),
                "BondingManager: registered transcoders cannot delegate to others");
            del.startRound = currentRound + 1;
            delegationAmount += currentBondedAmount;
            decreaseTotalStake(currentDelegate, currentBondedAmount);
        }
        require(delegationAmount > 0, "BondingManager: delegation amount must be positive");
        prepareDelegatePool(_to, currentRound);
        del.delegateAddress = _to;
        del.bondedAmount = currentBondedAmount + _amount;
        increaseTotalStake(_to, delegationAmount);
        if (_amount > 0) {
            require(livepeerToken().transferFrom(msg.sender, address(minter()), _amount),
                "BondingManager: token transfer failed");
        }
        emit Bond(_to, currentDelegate, msg.sender, _amount, del.bondedAmount);
    }

    function unbond(uint256 _amount) external whenSystemNotPaused currentRoundInitialized autoClaimEarnings {
        require(delegatorStatus(msg.sender) == DelegatorStatus.Bonded, "BondingManager: caller must be bonded");
        Delegator storage del = delegators[msg.sender];
        require(_amount > 0, "BondingManager: unbond amount must be positive");
        require(_amount <= del.bondedAmount, "BondingManager: amount exceeds bonded amount");
        address currentDelegate = del.delegateAddress;
        uint256 withdrawRound = roundsManager().currentRound() + unbondingPeriod;
        uint256 lockId = del.nextUnbondingLockId++;
        del.unbondingLocks[lockId] = UnbondingLock(_amount, withdrawRound);
        del.bondedAmount -= _amount;
        if (del.bondedAmount == 0) {
            del.delegateAddress = address(0);
            del.startRound = 0;
            if (transcoderPool.contains(msg.sender)) {
                resignTranscoder(msg.sender);
            }
        }
        decreaseTotalStake(currentDelegate, _amount);
        emit Unbond(currentDelegate, msg.sender, lockId, _amount, withdrawRound);
    }

    function rebond(uint256 _unbondingLockId) external whenSystemNotPaused currentRoundInitialized autoClaimEarnings {
        require(delegatorStatus(msg.sender) != DelegatorStatus.Unbonded, "BondingManager: caller must be bonded");
        processRebond(msg.sender, _unbondingLockId);
    }

    function rebondFromUnbonded(address _to, uint256 _unbondingLockId)
        external
        whenSystemNotPaused
        currentRoundInitialized
        autoClaimEarnings
    {
        require(_to != address(0), "BondingManager: cannot bond to the zero address");
        require(delegatorStatus(msg.sender) == DelegatorStatus.Unbonded, "BondingManager: caller must be unbonded");
        uint256 currentRound = roundsManager().currentRound();
        prepareDelegatePool(_to, currentRound);
        delegators[msg.sender].startRound = currentRound + 1;
        delegators[msg.sender].delegateAddress = _to;
        processRebond(msg.sender, _unbondingLockId);
    }

    function withdrawStake(uint256 _unbondingLockId) external whenSystemNotPaused currentRoundInitialized {
        Delegator storage del = delegators[msg.sender];
        UnbondingLock storage lock = del.unbondingLocks[_unbondingLockId];
        require(lock.amount > 0, "BondingManager: invalid unbonding lock ID");
        require(lock.withdrawRound <= roundsManager().currentRound(), "BondingManager: unbonding period not over");
        uint256 amount = lock.amount;
        uint256 withdrawRound = lock.withdrawRound;
        delete del.unbondingLocks[_unbondingLockId];
        minter().trustedTransferTokens(msg.sender, amount);
        emit WithdrawStake(msg.sender, _unbondingLockId, amount, withdrawRound);
    }

    function withdrawFees(address payable _recipient, uint256 _amount)
        external
        whenSystemNotPaused
        currentRoundInitialized
        autoClaimEarnings
    {
        require(_recipient != address(0), "BondingManager: invalid recipient");
        Delegator storage del = delegators[msg.sender];
        require(del.fees >= _amount, "BondingManager: insufficient fees to withdraw");
        del.fees -= _amount;
        minter().trustedWithdrawETH(_recipient, _amount);
        emit WithdrawFees(msg.sender, _recipient, _amount);
    }

    /// Claims earnings up to _endRound (at most the current round) without other changes.
    function claimEarnings(uint256 _endRound) external whenSystemNotPaused currentRoundInitialized {
        require(_endRound <= roundsManager().currentRound(), "BondingManager: end round is in the future");
        require(_endRound > delegators[msg.sender].lastClaimRound, "BondingManager: end round already claimed");
        _claimEarnings(msg.sender, _endRound);
    }

    /// Called by the RoundsManager when a round starts: the active stake that round's rewards are shared by.
    function setCurrentRoundTotalActiveStake() external onlyContract("RoundsManager") {
        currentRoundTotalActiveStake = nextRoundTotalActiveStake;
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

    // ---- internals ----

    function processRebond(address _delegator, uint256 _unbondingLockId) private {
        Delegator storage del = delegators[_delegator];
        UnbondingLock storage lock = del.unbondingLocks[_unbondingLockId];
        require(lock.amount > 0, "BondingManager: invalid unbonding lock ID");
        uint256 amount = lock.amount;
        del.bondedAmount += amount;
        delete del.unbondingLocks[_unbondingLockId];
        increaseTotalStake(del.delegateAddress, amount);
        emit Rebond(del.delegateAddress, _delegator, _unbondingLockId, amount);
    }

    /// A new delegator's claims start from the delegate's current factors: copy them into this round's pool.
    function prepareDelegatePool(address _delegate, uint256 _round) private {
        Transcoder storage t = transcoders[_delegate];
        EarningsPool storage pool = t.earningsPoolPerRound[_round];
        if (pool.cumulativeRewardFactor == 0) {
            pool.cumulativeRewardFactor = t.earningsPoolPerRound[t.lastRewardRound].cumulativeRewardFactor;
        }
        if (pool.cumulativeFeeFactor == 0) {
            pool.cumulativeFeeFactor = t.earningsPoolPerRound[t.lastFeeRound].cumulativeFeeFactor;
        }
    }

    function updateTranscoderWithRewards(address _transcoder, uint256 _rewards, uint256 _round) private {
        Transcoder storage t = transcoders[_transcoder];
        EarningsPool storage pool = t.earningsPoolPerRound[_round];
        uint256 prevCrf = t.earningsPoolPerRound[t.lastRewardRound].cumulativeRewardFactor;
        if (prevCrf == 0) {
            prevCrf = PRECISE_PERC_DIVISOR;
        }
        t.activeCumulativeRewards = t.cumulativeRewards;
        uint256 transcoderCommissionRewards = percOf(_rewards, pool.transcoderRewardCut);
        uint256 delegatorsRewards = _rewards - transcoderCommissionRewards;
        // The unclaimed commission is stake too: its share of the delegators' rewards goes to the orchestrator.
        uint256 transcoderRewardStakeRewards =
            precisePercOf(delegatorsRewards, t.activeCumulativeRewards, pool.totalStake);
        t.cumulativeRewards += transcoderRewardStakeRewards + transcoderCommissionRewards;
        pool.cumulativeRewardFactor = prevCrf + precisePercOf(prevCrf, delegatorsRewards, pool.totalStake);
        increaseTotalStake(_transcoder, _rewards);
    }

    function _claimEarnings(address _delegator, uint256 _endRound) private {
        Delegator storage del = delegators[_delegator];
        uint256 startRound = del.lastClaimRound + 1;
        uint256 bonded = del.bondedAmount;
        uint256 fees = del.fees;
        if (del.delegateAddress != address(0)) {
            (bonded, fees) = pendingStakeAndFees(_delegator, _endRound);
            // The next claim starts from this round's factors: make sure the pool carries them.
            Transcoder storage t = transcoders[del.delegateAddress];
            EarningsPool storage endPool = t.earningsPoolPerRound[_endRound];
            if (endPool.cumulativeRewardFactor == 0 && t.lastRewardRound < _endRound) {
                endPool.cumulativeRewardFactor = t.earningsPoolPerRound[t.lastRewardRound].cumulativeRewardFactor;
            }
            if (endPool.cumulativeFeeFactor == 0 && t.lastFeeRound < _endRound) {
                endPool.cumulativeFeeFactor = t.earningsPoolPerRound[t.lastFeeRound].cumulativeFeeFactor;
            }
            if (del.delegateAddress == _delegator) {
                t.cumulativeFees = 0;
                t.cumulativeRewards = 0;
            }
        }
        if (bonded != del.bondedAmount || fees != del.fees) {
            emit EarningsClaimed(del.delegateAddress, _delegator, bonded - del.bondedAmount, fees - del.fees,
                startRound, _endRound);
        }
        del.lastClaimRound = _endRound;
        del.bondedAmount = bonded;
        del.fees = fees;
    }

    function pendingStakeAndFees(address _delegator, uint256 _endRound)
        private
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
        private
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

    function increaseTotalStake(address _delegate, uint256 _amount) private {
        if (isRegisteredTranscoder(_delegate)) {
            uint256 currStake = transcoderTotalStake(_delegate);
            uint256 newStake = currStake + _amount;
            if (transcoderPool.contains(_delegate)) {
                transcoderPool.updateKey(_delegate, newStake);
                nextRoundTotalActiveStake += _amount;
                recordStakeForNextRound(_delegate, currStake, newStake);
            } else {
                tryToJoinActiveSet(_delegate, newStake, roundsManager().currentRound() + 1);
            }
        }
        delegators[_delegate].delegatedAmount += _amount;
    }

    function decreaseTotalStake(address _delegate, uint256 _amount) private {
        if (transcoderPool.contains(_delegate)) {
            uint256 currStake = transcoderTotalStake(_delegate);
            uint256 newStake = currStake - _amount;
            transcoderPool.updateKey(_delegate, newStake);
            nextRoundTotalActiveStake -= _amount;
            recordStakeForNextRound(_delegate, currStake, newStake);
        }
        delegators[_delegate].delegatedAmount -= _amount;
    }

    /// Stake changes count from the next round; the current round keeps the stake it started with.
    function recordStakeForNextRound(address _transcoder, uint256 _currStake, uint256 _newStake) private {
        uint256 currentRound = roundsManager().currentRound();
        Transcoder storage t = transcoders[_transcoder];
        if (t.lastActiveStakeUpdateRound < currentRound) {
            t.earningsPoolPerRound[currentRound].totalStake = _currStake;
        }
        t.earningsPoolPerRound[currentRound + 1].totalStake = _newStake;
        t.lastActiveStakeUpdateRound = currentRound + 1;
    }

    function tryToJoinActiveSet(address _transcoder, uint256 _totalStake, uint256 _activationRound) private {
        uint256 pendingNextRoundTotalActiveStake = nextRoundTotalActiveStake;
        if (transcoderPool.isFull()) {
            address lastTranscoder = transcoderPool.tail;
            uint256 lastStake = transcoderTotalStake(lastTranscoder);
            if (_totalStake <= lastStake) {
                return;
            }
            transcoderPool.remove(lastTranscoder);
            transcoders[lastTranscoder].deactivationRound = _activationRound;
            pendingNextRoundTotalActiveStake -= lastStake;
            emit TranscoderDeactivated(lastTranscoder, _activationRound);
        }
        transcoderPool.insert(_transcoder, _totalStake);
        pendingNextRoundTotalActiveStake += _totalStake;
        Transcoder storage t = transcoders[_transcoder];
        t.lastActiveStakeUpdateRound = _activationRound;
        t.activationRound = _activationRound;
        t.deactivationRound = MAX_FUTURE_ROUND;
        t.earningsPoolPerRound[_activationRound].totalStake = _totalStake;
        nextRoundTotalActiveStake = pendingNextRoundTotalActiveStake;
        emit TranscoderActivated(_transcoder, _activationRound);
    }

    function resignTranscoder(address _transcoder) private {
        uint256 nextRound = roundsManager().currentRound() + 1;
        transcoderPool.remove(_transcoder);
        nextRoundTotalActiveStake -= transcoderTotalStake(_transcoder);
        transcoders[_transcoder].deactivationRound = nextRound;
        emit TranscoderDeactivated(_transcoder, nextRound);
    }

    /// _amount * _perc / 10^6 (rewardCut, feeShare).
    function percOf(uint256 _amount, uint256 _perc) private pure returns (uint256) {
        return _amount * _perc / PERC_DIVISOR;
    }

    /// _amount * (_fracNum * 10^27 / _fracDenom) / 10^27: Livepeer's PreciseMathUtils.percOf, two truncations.
    function precisePercOf(uint256 _amount, uint256 _fracNum, uint256 _fracDenom) private pure returns (uint256) {
        return _amount * (_fracNum * PRECISE_PERC_DIVISOR / _fracDenom) / PRECISE_PERC_DIVISOR;
    }
}
