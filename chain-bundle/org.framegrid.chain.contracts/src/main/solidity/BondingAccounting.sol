// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./BondingState.sol";

/// The BondingManager's internal bookkeeping: claiming earnings, crediting rewards, moving stake in and out of the
/// active set, rebonding a lock, and checkpointing bonding state into BondingVotes after every change.
abstract contract BondingAccounting is BondingState {
    using SortedPool for SortedPool.Data;

    /// Records _account's bonding state as of the next round in BondingVotes (Livepeer's _checkpointBondingState):
    /// what stands at the end of this round is what counts at the start of the next.
    function checkpoint(address _account) internal {
        Delegator storage d = delegators[_account];
        IBondingVotesCheckpoints(peer("BondingVotes")).checkpointBondingState(_account,
            roundsManager().currentRound() + 1, d.bondedAmount, d.delegateAddress, d.delegatedAmount,
            d.lastClaimRound, transcoders[_account].lastRewardRound);
    }

    /// Moves the earnings of _delegator up to _endRound into its bonded amount and fees.
    function updateDelegatorWithEarnings(address _delegator, uint256 _endRound) internal {
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

    /// A caller other than _owner may only claim _owner's earnings (bondFor, transferBond) once _owner's orchestrator
    /// has called reward() this round, or once _owner has claimed this round itself: an earlier claim would make
    /// _owner miss this round's reward (Livepeer's _authorizeClaimEarnings).
    function authorizeClaimEarnings(address _owner) internal view {
        if (msg.sender == _owner || delegatorStatus(_owner) == DelegatorStatus.Unbonded) {
            return;
        }
        Delegator storage del = delegators[_owner];
        address delegate = del.delegateAddress;
        if (!isActiveTranscoder(delegate)) {
            return;
        }
        uint256 currentRound = roundsManager().currentRound();
        require(transcoders[delegate].lastRewardRound == currentRound || del.lastClaimRound == currentRound,
            "BondingManager: cannot claim earnings for another account before its orchestrator's reward");
    }

    /// A new delegator's claims start from the delegate's current factors: copy them into this round's pool.
    function prepareDelegatePool(address _delegate, uint256 _round) internal {
        Transcoder storage t = transcoders[_delegate];
        EarningsPool storage pool = t.earningsPoolPerRound[_round];
        if (pool.cumulativeRewardFactor == 0) {
            pool.cumulativeRewardFactor = t.earningsPoolPerRound[t.lastRewardRound].cumulativeRewardFactor;
        }
        if (pool.cumulativeFeeFactor == 0) {
            pool.cumulativeFeeFactor = t.earningsPoolPerRound[t.lastFeeRound].cumulativeFeeFactor;
        }
    }

    function updateTranscoderWithRewards(address _transcoder, uint256 _rewards, uint256 _round, address _newPosPrev,
        address _newPosNext) internal
    {
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
        increaseTotalStake(_transcoder, _rewards, _newPosPrev, _newPosNext);
    }

    /// Returns the tokens of _delegator's lock to its delegate.
    function processRebond(address _delegator, uint256 _unbondingLockId, address _newPosPrev, address _newPosNext)
        internal
    {
        Delegator storage del = delegators[_delegator];
        UnbondingLock storage lock = del.unbondingLocks[_unbondingLockId];
        require(lock.amount > 0, "BondingManager: invalid unbonding lock ID");
        uint256 amount = lock.amount;
        del.bondedAmount += amount;
        delete del.unbondingLocks[_unbondingLockId];
        address delegate = del.delegateAddress;
        increaseTotalStake(delegate, amount, _newPosPrev, _newPosNext);
        if (delegate != _delegator) {
            checkpoint(delegate);
        }
        emit Rebond(delegate, _delegator, _unbondingLockId, amount);
        checkpoint(_delegator);
    }

    function increaseTotalStake(address _delegate, uint256 _amount, address _newPosPrev, address _newPosNext)
        internal
    {
        if (isRegisteredTranscoder(_delegate)) {
            uint256 currStake = transcoderTotalStake(_delegate);
            uint256 newStake = currStake + _amount;
            if (transcoderPool.contains(_delegate)) {
                transcoderPool.updateKey(_delegate, newStake, _newPosPrev, _newPosNext);
                nextRoundTotalActiveStake += _amount;
                recordStakeForNextRound(_delegate, currStake, newStake);
            } else {
                tryToJoinActiveSet(_delegate, newStake, roundsManager().currentRound() + 1, _newPosPrev, _newPosNext);
            }
        }
        delegators[_delegate].delegatedAmount += _amount;
    }

    function decreaseTotalStake(address _delegate, uint256 _amount, address _newPosPrev, address _newPosNext)
        internal
    {
        if (transcoderPool.contains(_delegate)) {
            uint256 currStake = transcoderTotalStake(_delegate);
            uint256 newStake = currStake - _amount;
            transcoderPool.updateKey(_delegate, newStake, _newPosPrev, _newPosNext);
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

    function tryToJoinActiveSet(address _transcoder, uint256 _totalStake, uint256 _activationRound,
        address _newPosPrev, address _newPosNext) internal
    {
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
        transcoderPool.insert(_transcoder, _totalStake, _newPosPrev, _newPosNext);
        pendingNextRoundTotalActiveStake += _totalStake;
        Transcoder storage t = transcoders[_transcoder];
        t.lastActiveStakeUpdateRound = _activationRound;
        t.activationRound = _activationRound;
        t.deactivationRound = MAX_FUTURE_ROUND;
        t.earningsPoolPerRound[_activationRound].totalStake = _totalStake;
        nextRoundTotalActiveStake = pendingNextRoundTotalActiveStake;
        emit TranscoderActivated(_transcoder, _activationRound);
    }

    function resignTranscoder(address _transcoder) internal {
        uint256 nextRound = roundsManager().currentRound() + 1;
        transcoderPool.remove(_transcoder);
        nextRoundTotalActiveStake -= transcoderTotalStake(_transcoder);
        transcoders[_transcoder].deactivationRound = nextRound;
        emit TranscoderDeactivated(_transcoder, nextRound);
    }
}
