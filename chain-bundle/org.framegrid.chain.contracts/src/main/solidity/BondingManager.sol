// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./BondingOrchestrators.sol";

/// Staking with Livepeer's BondingManager interface: orchestrators ("transcoders") and delegators, the active set,
/// unbonding locks, LIP-36 lazy earnings, the treasury's reward cut and BondingVotes checkpoints. LPT and ETH are held
/// by the Minter. Every pool-changing call has a *WithHint form (go-livepeer sends only those) taking the position in
/// the active set that the change moves an orchestrator to; the plain forms pass no hint. This file holds the
/// delegator side; see BondingOrchestrators, BondingAccounting and BondingState for the rest.
contract BondingManager is BondingOrchestrators {
    using SortedPool for SortedPool.Data;

    constructor(address _controller, uint64 _unbondingPeriod, uint256 _numActiveTranscoders) Manager(_controller) {
        require(_numActiveTranscoders > 0, "BondingManager: numActiveTranscoders must be positive");
        unbondingPeriod = _unbondingPeriod;
        transcoderPool.maxSize = _numActiveTranscoders;
    }

    // ---- bonding ----

    function bond(uint256 _amount, address _to) external {
        bondForWithHint(_amount, msg.sender, _to, address(0), address(0), address(0), address(0));
    }

    function bondWithHint(uint256 _amount, address _to, address _oldDelegateNewPosPrev,
        address _oldDelegateNewPosNext, address _currDelegateNewPosPrev, address _currDelegateNewPosNext) external
    {
        bondForWithHint(_amount, msg.sender, _to, _oldDelegateNewPosPrev, _oldDelegateNewPosNext,
            _currDelegateNewPosPrev, _currDelegateNewPosNext);
    }

    /// Bonds _amount of the caller's LPT for _owner to _to (moving all of _owner's stake there if _to is a new
    /// delegate). A caller other than _owner may add stake but not choose a new delegate for a bonded _owner, nor make
    /// an unbonded _owner an orchestrator. Hints: where the old delegate's and _to's pool positions move to.
    function bondForWithHint(uint256 _amount, address _owner, address _to, address _oldDelegateNewPosPrev,
        address _oldDelegateNewPosNext, address _currDelegateNewPosPrev, address _currDelegateNewPosNext)
        public
        whenSystemNotPaused
        currentRoundInitialized
    {
        require(_to != address(0), "BondingManager: cannot bond to the zero address");
        authorizeClaimEarnings(_owner);
        uint256 currentRound = roundsManager().currentRound();
        updateDelegatorWithEarnings(_owner, currentRound);
        Delegator storage del = delegators[_owner];
        address currentDelegate = del.delegateAddress;
        uint256 currentBondedAmount = del.bondedAmount;
        if (msg.sender != _owner) {
            requireThirdPartyMayBond(_owner, _to, currentDelegate);
        }
        uint256 delegationAmount = _amount;
        if (delegatorStatus(_owner) == DelegatorStatus.Unbonded) {
            del.startRound = currentRound + 1;
        } else if (currentBondedAmount > 0 && currentDelegate != _to) {
            // Moving stake moves all of it; an orchestrator's own stake stays with itself.
            require(!isRegisteredTranscoder(_owner), "BondingManager: registered transcoders cannot delegate to others");
            del.startRound = currentRound + 1;
            delegationAmount += currentBondedAmount;
            decreaseTotalStake(currentDelegate, currentBondedAmount, _oldDelegateNewPosPrev, _oldDelegateNewPosNext);
            checkpoint(currentDelegate);
        }
        require(delegationAmount > 0, "BondingManager: delegation amount must be positive");
        prepareDelegatePool(_to, currentRound);
        del.delegateAddress = _to;
        del.bondedAmount = currentBondedAmount + _amount;
        increaseTotalStake(_to, delegationAmount, _currDelegateNewPosPrev, _currDelegateNewPosNext);
        if (_to != _owner) {
            checkpoint(_to);
        }
        if (_amount > 0) {
            require(livepeerToken().transferFrom(msg.sender, address(minter()), _amount),
                "BondingManager: token transfer failed");
        }
        emit Bond(_to, currentDelegate, _owner, _amount, del.bondedAmount);
        checkpoint(_owner);
    }

    /// Gives _amount of the caller's bonded stake to _delegator: it leaves the caller as an unbonding lock that becomes
    /// _delegator's and is rebonded at once, to _delegator's delegate (or to the caller's if _delegator has none).
    function transferBond(address _delegator, uint256 _amount, address _oldDelegateNewPosPrev,
        address _oldDelegateNewPosNext, address _newDelegateNewPosPrev, address _newDelegateNewPosNext)
        public
        whenSystemNotPaused
        currentRoundInitialized
    {
        authorizeClaimEarnings(_delegator);
        uint256 currentRound = roundsManager().currentRound();
        updateDelegatorWithEarnings(msg.sender, currentRound);
        address oldDelDelegate = delegators[msg.sender].delegateAddress;
        uint256 newLockId =
            giveUnbondingLock(_delegator, unbondCaller(_amount, _oldDelegateNewPosPrev, _oldDelegateNewPosNext));
        updateDelegatorWithEarnings(_delegator, currentRound);
        Delegator storage newDel = delegators[_delegator];
        if (newDel.delegateAddress == address(0) && newDel.bondedAmount == 0) {
            // No self-delegation by transfer, and no bond for the zero address.
            require(oldDelDelegate != _delegator && _delegator != address(0), "BondingManager: invalid delegator");
            newDel.delegateAddress = oldDelDelegate;
        }
        if (delegatorStatus(_delegator) == DelegatorStatus.Unbonded) {
            newDel.startRound = currentRound + 1;
        }
        processRebond(_delegator, newLockId, _newDelegateNewPosPrev, _newDelegateNewPosNext);
    }

    // ---- unbonding ----

    function unbond(uint256 _amount) external {
        unbondWithHint(_amount, address(0), address(0));
    }

    function unbondWithHint(uint256 _amount, address _newPosPrev, address _newPosNext)
        public
        whenSystemNotPaused
        currentRoundInitialized
    {
        updateDelegatorWithEarnings(msg.sender, roundsManager().currentRound());
        unbondCaller(_amount, _newPosPrev, _newPosNext);
    }

    function rebond(uint256 _unbondingLockId) external {
        rebondWithHint(_unbondingLockId, address(0), address(0));
    }

    function rebondWithHint(uint256 _unbondingLockId, address _newPosPrev, address _newPosNext)
        public
        whenSystemNotPaused
        currentRoundInitialized
    {
        updateDelegatorWithEarnings(msg.sender, roundsManager().currentRound());
        require(delegatorStatus(msg.sender) != DelegatorStatus.Unbonded, "BondingManager: caller must be bonded");
        processRebond(msg.sender, _unbondingLockId, _newPosPrev, _newPosNext);
    }

    function rebondFromUnbonded(address _to, uint256 _unbondingLockId) external {
        rebondFromUnbondedWithHint(_to, _unbondingLockId, address(0), address(0));
    }

    function rebondFromUnbondedWithHint(address _to, uint256 _unbondingLockId, address _newPosPrev,
        address _newPosNext) public whenSystemNotPaused currentRoundInitialized
    {
        uint256 currentRound = roundsManager().currentRound();
        updateDelegatorWithEarnings(msg.sender, currentRound);
        require(_to != address(0), "BondingManager: cannot bond to the zero address");
        require(delegatorStatus(msg.sender) == DelegatorStatus.Unbonded, "BondingManager: caller must be unbonded");
        prepareDelegatePool(_to, currentRound);
        delegators[msg.sender].startRound = currentRound + 1;
        delegators[msg.sender].delegateAddress = _to;
        processRebond(msg.sender, _unbondingLockId, _newPosPrev, _newPosNext);
    }

    function withdrawStake(uint256 _unbondingLockId) external whenSystemNotPaused currentRoundInitialized {
        Delegator storage del = delegators[msg.sender];
        UnbondingLock storage lock = del.unbondingLocks[_unbondingLockId];
        require(isValidUnbondingLock(msg.sender, _unbondingLockId), "BondingManager: invalid unbonding lock ID");
        require(lock.withdrawRound <= roundsManager().currentRound(), "BondingManager: unbonding period not over");
        uint256 amount = lock.amount;
        uint256 withdrawRound = lock.withdrawRound;
        delete del.unbondingLocks[_unbondingLockId];
        minter().trustedTransferTokens(msg.sender, amount);
        emit WithdrawStake(msg.sender, _unbondingLockId, amount, withdrawRound);
    }

    // ---- earnings ----

    function withdrawFees(address payable _recipient, uint256 _amount)
        external
        whenSystemNotPaused
        currentRoundInitialized
    {
        updateDelegatorWithEarnings(msg.sender, roundsManager().currentRound());
        require(_recipient != address(0), "BondingManager: invalid recipient");
        Delegator storage del = delegators[msg.sender];
        require(del.fees >= _amount, "BondingManager: insufficient fees to withdraw");
        del.fees -= _amount;
        minter().trustedWithdrawETH(_recipient, _amount);
        emit WithdrawFees(msg.sender, _recipient, _amount);
        checkpoint(msg.sender);
    }

    /// Claims earnings up to _endRound (at most the current round) without other changes.
    function claimEarnings(uint256 _endRound) external whenSystemNotPaused currentRoundInitialized {
        require(_endRound <= roundsManager().currentRound(), "BondingManager: end round is in the future");
        require(_endRound > delegators[msg.sender].lastClaimRound, "BondingManager: end round already claimed");
        updateDelegatorWithEarnings(msg.sender, _endRound);
        checkpoint(msg.sender);
    }

    /// Checkpoints _account's current bonding state in BondingVotes; anyone may call it, e.g. for an account whose
    /// checkpoint predates BondingVotes.
    function checkpointBondingState(address _account) external {
        checkpoint(_account);
    }

    // ---- internals ----

    /// bondFor rules for a third party: a real owner; an unbonded owner is not made its own orchestrator; a bonded
    /// owner keeps its delegate.
    function requireThirdPartyMayBond(address _owner, address _to, address _currentDelegate) private view {
        require(_owner != address(0), "BondingManager: invalid delegator");
        if (delegatorStatus(_owner) == DelegatorStatus.Unbonded) {
            require(_to != _owner, "BondingManager: invalid delegate");
        } else {
            require(_currentDelegate == _to, "BondingManager: invalid delegate change");
        }
    }

    /// Moves the caller's unbonding lock _lockId to _to as _to's next lock; returns its new id.
    function giveUnbondingLock(address _to, uint256 _lockId) private returns (uint256 newLockId) {
        Delegator storage oldDel = delegators[msg.sender];
        UnbondingLock memory lock = oldDel.unbondingLocks[_lockId];
        delete oldDel.unbondingLocks[_lockId];
        Delegator storage newDel = delegators[_to];
        newLockId = newDel.nextUnbondingLockId++;
        newDel.unbondingLocks[newLockId] = lock;
        emit TransferBond(msg.sender, _to, _lockId, newLockId, lock.amount);
    }

    /// Moves _amount of the caller's bonded stake into a new unbonding lock; returns the lock's id.
    function unbondCaller(uint256 _amount, address _newPosPrev, address _newPosNext) private returns (uint256 lockId) {
        require(delegatorStatus(msg.sender) == DelegatorStatus.Bonded, "BondingManager: caller must be bonded");
        Delegator storage del = delegators[msg.sender];
        require(_amount > 0, "BondingManager: unbond amount must be positive");
        require(_amount <= del.bondedAmount, "BondingManager: amount exceeds bonded amount");
        address currentDelegate = del.delegateAddress;
        uint256 withdrawRound = roundsManager().currentRound() + unbondingPeriod;
        lockId = del.nextUnbondingLockId++;
        del.unbondingLocks[lockId] = UnbondingLock(_amount, withdrawRound);
        del.bondedAmount -= _amount;
        if (del.bondedAmount == 0) {
            del.delegateAddress = address(0);
            del.startRound = 0;
            if (transcoderPool.contains(msg.sender)) {
                resignTranscoder(msg.sender);
            }
        }
        decreaseTotalStake(currentDelegate, _amount, _newPosPrev, _newPosNext);
        if (currentDelegate != msg.sender) {
            checkpoint(currentDelegate);
        }
        emit Unbond(currentDelegate, msg.sender, lockId, _amount, withdrawRound);
        checkpoint(msg.sender);
    }
}
