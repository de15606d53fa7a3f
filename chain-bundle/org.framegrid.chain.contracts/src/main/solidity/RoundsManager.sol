// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./Manager.sol";

/// Rounds of roundLength blocks. Anyone initialises each round once; that records the round's block hash (tickets
/// refer to it), fixes the round's active stake and computes the round's mintable tokens.
contract RoundsManager is Manager {
    /// roundLockAmount and rewardCut/feeShare share Livepeer's old 10^6 divisor.
    uint256 public constant PERC_DIVISOR = 1000000;

    uint256 public roundLength;
    uint256 public roundLockAmount;
    uint256 public lastInitializedRound;
    // A round length change keeps round numbers continuous: rounds count from the last change's round and block.
    uint256 public lastRoundLengthUpdateRound;
    uint256 public lastRoundLengthUpdateStartBlock;
    mapping(uint256 => bytes32) private roundBlockHashes;
    /// LIP number => the round from which that protocol upgrade applies (0 = not set), as in Livepeer.
    mapping(uint256 => uint256) public lipUpgradeRound;

    event NewRound(uint256 indexed round, bytes32 blockHash);
    event ParameterUpdate(string param);

    constructor(address _controller, uint256 _roundLength, uint256 _roundLockAmount) Manager(_controller) {
        require(_roundLength > 0, "RoundsManager: round length must be positive");
        require(_roundLockAmount <= PERC_DIVISOR, "RoundsManager: invalid round lock amount");
        roundLength = _roundLength;
        roundLockAmount = _roundLockAmount;
    }

    function setRoundLength(uint256 _roundLength) external onlyControllerOwner {
        require(_roundLength > 0, "RoundsManager: round length must be positive");
        lastRoundLengthUpdateRound = currentRound();
        lastRoundLengthUpdateStartBlock = currentRoundStartBlock();
        roundLength = _roundLength;
        emit ParameterUpdate("roundLength");
    }

    function setRoundLockAmount(uint256 _roundLockAmount) external onlyControllerOwner {
        require(_roundLockAmount <= PERC_DIVISOR, "RoundsManager: invalid round lock amount");
        roundLockAmount = _roundLockAmount;
        emit ParameterUpdate("roundLockAmount");
    }

    /// Records once the round from which LIP _lip applies; later rules may branch on it.
    function setLIPUpgradeRound(uint256 _lip, uint256 _round) external onlyControllerOwner {
        require(lipUpgradeRound[_lip] == 0, "RoundsManager: LIP upgrade round already set");
        lipUpgradeRound[_lip] = _round;
    }

    function initializeRound() external whenSystemNotPaused {
        uint256 round = currentRound();
        // Round 0 counts as initialised at deployment: "already initialized" means lastInitializedRound == round.
        require(lastInitializedRound < round, "RoundsManager: round already initialized");
        lastInitializedRound = round;
        bytes32 hash = blockhash(block.number - 1);
        roundBlockHashes[round] = hash;
        bondingManager().setCurrentRoundTotalActiveStake();
        minter().setCurrentRewardTokens();
        emit NewRound(round, hash);
    }

    function blockNum() public view returns (uint256) {
        return block.number;
    }

    function blockHash(uint256 _block) external view returns (bytes32) {
        require(_block < block.number && block.number - _block <= 256, "RoundsManager: block hash not available");
        return blockhash(_block);
    }

    function blockHashForRound(uint256 _round) external view returns (bytes32) {
        return roundBlockHashes[_round];
    }

    function currentRound() public view returns (uint256) {
        return lastRoundLengthUpdateRound + (block.number - lastRoundLengthUpdateStartBlock) / roundLength;
    }

    function currentRoundStartBlock() public view returns (uint256) {
        return lastRoundLengthUpdateStartBlock + (currentRound() - lastRoundLengthUpdateRound) * roundLength;
    }

    function currentRoundInitialized() public view returns (bool) {
        return lastInitializedRound == currentRound();
    }

    /// True in the last roundLockAmount / PERC_DIVISOR of the round, when orchestrators may not change their terms.
    function currentRoundLocked() external view returns (bool) {
        uint256 lockedBlocks = roundLength * roundLockAmount / PERC_DIVISOR;
        return block.number - currentRoundStartBlock() >= roundLength - lockedBlocks;
    }
}
