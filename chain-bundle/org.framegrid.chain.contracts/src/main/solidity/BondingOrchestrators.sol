// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./BondingAccounting.sol";

/// The BondingManager's orchestrator side: parameters (owner only), registering terms, reward() with the treasury's
/// cut (LIP-89/90), fees from redeemed tickets, slashing by the Verifier, and the start of each round.
abstract contract BondingOrchestrators is BondingAccounting {
    using SortedPool for SortedPool.Data;

    // ---- parameters ----

    function setUnbondingPeriod(uint64 _unbondingPeriod) external onlyControllerOwner {
        unbondingPeriod = _unbondingPeriod;
        emit ParameterUpdate("unbondingPeriod");
    }

    function setNumActiveTranscoders(uint256 _numActiveTranscoders) external onlyControllerOwner {
        require(_numActiveTranscoders >= transcoderPool.size, "BondingManager: cannot shrink below the pool size");
        transcoderPool.maxSize = _numActiveTranscoders;
        emit ParameterUpdate("numActiveTranscoders");
    }

    /// The treasury's share of each reward() mint from the next round on, in 10^27 units (10^26 = 10%).
    function setTreasuryRewardCutRate(uint256 _cutRate) external onlyControllerOwner {
        setNextRoundTreasuryRewardCutRate(_cutRate);
    }

    /// The Treasury LPT balance at which contributions stop (0: never).
    function setTreasuryBalanceCeiling(uint256 _ceiling) external onlyControllerOwner {
        treasuryBalanceCeiling = _ceiling;
        emit ParameterUpdate("treasuryBalanceCeiling");
    }

    // ---- orchestrator ----

    function transcoder(uint256 _rewardCut, uint256 _feeShare) external {
        transcoderWithHint(_rewardCut, _feeShare, address(0), address(0));
    }

    /// Sets the caller's terms and, if it is not in the pool, tries to join the active set from the next round at
    /// the position (_newPosPrev, _newPosNext), a hint that saves walking the pool (see SortedPool).
    function transcoderWithHint(uint256 _rewardCut, uint256 _feeShare, address _newPosPrev, address _newPosNext)
        public
        whenSystemNotPaused
        currentRoundInitialized
    {
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
            tryToJoinActiveSet(msg.sender, delegators[msg.sender].delegatedAmount, currentRound + 1, _newPosPrev,
                _newPosNext);
        }
        emit TranscoderUpdate(msg.sender, _rewardCut, _feeShare);
    }

    function reward() external {
        rewardWithHint(address(0), address(0));
    }

    /// Mints the caller's share of this round's tokens (its active stake over the total active stake, see
    /// Minter.createReward), sends treasuryRewardCutRate of it to the Treasury and credits the rest to the caller and
    /// its delegators. The hint is the caller's new position in the pool.
    function rewardWithHint(address _newPosPrev, address _newPosNext)
        public
        whenSystemNotPaused
        currentRoundInitialized
    {
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
        uint256 minted = minter().createReward(pool.totalStake, currentRoundTotalActiveStake);
        uint256 rewardTokens = minted - payTreasury(minted);
        updateTranscoderWithRewards(msg.sender, rewardTokens, currentRound, _newPosPrev, _newPosNext);
        t.lastRewardRound = currentRound;
        emit Reward(msg.sender, rewardTokens);
        checkpoint(msg.sender);
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

    /// Burns _slashAmount (per 10^6) of _transcoder's bonded stake, less the finder's share _finderFee (per 10^6 of
    /// the penalty), and removes it from the active set. Only the contract registered as "Verifier" may call this;
    /// Livepeer registers none, so slashing stays off unless governance registers one.
    function slashTranscoder(address _transcoder, address _finder, uint256 _slashAmount, uint256 _finderFee)
        external
        whenSystemNotPaused
        onlyContract("Verifier")
    {
        updateDelegatorWithEarnings(_transcoder, roundsManager().currentRound());
        Delegator storage del = delegators[_transcoder];
        uint256 penalty = percOf(del.bondedAmount, _slashAmount);
        uint256 finderAmount = _finder == address(0) ? 0 : percOf(penalty, _finderFee);
        if (penalty > 0) {
            if (transcoderPool.contains(_transcoder)) {
                resignTranscoder(_transcoder);
            }
            del.bondedAmount -= penalty;
            // Livepeer lowers only the delegate's delegated amount, and only while the slashed account is Bonded (not
            // Pending); here the delegate's stake goes down in every case, in the pool too, so that the Minter keeps
            // holding exactly the delegated stake and the active stake stays the sum of the pool's.
            address delegate = del.delegateAddress;
            decreaseTotalStake(delegate, penalty, address(0), address(0));
            if (delegate != _transcoder) {
                checkpoint(delegate);
            }
            if (finderAmount > 0) {
                minter().trustedTransferTokens(_finder, finderAmount);
            }
            minter().trustedBurnTokens(penalty - finderAmount);
        }
        emit TranscoderSlashed(_transcoder, _finder, penalty, finderAmount);
        checkpoint(_transcoder);
    }

    /// Called by the RoundsManager when a round starts: the active stake that round's rewards are shared by, the
    /// treasury cut rate that applies to them, and a BondingVotes checkpoint of that total.
    function setCurrentRoundTotalActiveStake() external onlyContract("RoundsManager") {
        currentRoundTotalActiveStake = nextRoundTotalActiveStake;
        if (nextRoundTreasuryRewardCutRate != treasuryRewardCutRate) {
            treasuryRewardCutRate = nextRoundTreasuryRewardCutRate;
            emit ParameterUpdate("treasuryRewardCutRate");
        }
        IBondingVotesCheckpoints(peer("BondingVotes")).checkpointTotalActiveStake(currentRoundTotalActiveStake,
            roundsManager().currentRound());
    }

    // ---- treasury ----

    /// Sends this round's treasury share of _minted from the Minter to the Treasury; returns it. At the balance
    /// ceiling the next round's rate drops to zero (this round's still applies), as in Livepeer.
    function payTreasury(uint256 _minted) private returns (uint256 treasuryRewards) {
        address treasury = peer("Treasury");
        if (treasuryBalanceCeiling > 0 && nextRoundTreasuryRewardCutRate > 0
            && livepeerToken().balanceOf(treasury) >= treasuryBalanceCeiling) {
            setNextRoundTreasuryRewardCutRate(0);
        }
        // PreciseMathUtils.percOf(_minted, rate): one truncation.
        treasuryRewards = _minted * treasuryRewardCutRate / PRECISE_PERC_DIVISOR;
        if (treasuryRewards > 0) {
            minter().trustedTransferTokens(treasury, treasuryRewards);
            emit TreasuryReward(msg.sender, treasury, treasuryRewards);
        }
    }

    function setNextRoundTreasuryRewardCutRate(uint256 _cutRate) private {
        require(_cutRate <= PRECISE_PERC_DIVISOR, "BondingManager: invalid treasury reward cut rate");
        nextRoundTreasuryRewardCutRate = _cutRate;
        emit ParameterUpdate("nextRoundTreasuryRewardCutRate");
    }
}
