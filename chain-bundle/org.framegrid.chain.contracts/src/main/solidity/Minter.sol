// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./Manager.sol";

/// Inflation and minting; also the vault: it holds all bonded LPT and all ETH (sender deposits, reserves, fees).
contract Minter is Manager {
    /// Inflation, its step and the target bonding rate are in parts per 10^9 (Livepeer's MathUtilsV2).
    uint256 public constant PERC_DIVISOR = 1000000000;

    uint256 public inflation;
    uint256 public inflationChange;
    uint256 public targetBondingRate;
    uint256 public currentMintableTokens;
    uint256 public currentMintedTokens;

    event SetCurrentRewardTokens(uint256 currentMintableTokens, uint256 currentInflation);
    event ParameterUpdate(string param);

    constructor(address _controller, uint256 _inflation, uint256 _inflationChange, uint256 _targetBondingRate)
        Manager(_controller)
    {
        require(_inflation <= PERC_DIVISOR, "Minter: invalid inflation");
        require(_inflationChange <= PERC_DIVISOR, "Minter: invalid inflation change");
        require(_targetBondingRate <= PERC_DIVISOR, "Minter: invalid target bonding rate");
        inflation = _inflation;
        inflationChange = _inflationChange;
        targetBondingRate = _targetBondingRate;
    }

    function setTargetBondingRate(uint256 _targetBondingRate) external onlyControllerOwner {
        require(_targetBondingRate <= PERC_DIVISOR, "Minter: invalid target bonding rate");
        targetBondingRate = _targetBondingRate;
        emit ParameterUpdate("targetBondingRate");
    }

    function setInflationChange(uint256 _inflationChange) external onlyControllerOwner {
        require(_inflationChange <= PERC_DIVISOR, "Minter: invalid inflation change");
        inflationChange = _inflationChange;
        emit ParameterUpdate("inflationChange");
    }

    /// Called by the RoundsManager at each new round: step the rate toward the target, then fix this round's mint.
    function setCurrentRewardTokens() external onlyContract("RoundsManager") whenSystemNotPaused {
        setInflation();
        currentMintableTokens = getGlobalTotalSupply() * inflation / PERC_DIVISOR;
        currentMintedTokens = 0;
        emit SetCurrentRewardTokens(currentMintableTokens, inflation);
    }

    /// Mints this round's share _fracNum / _fracDenom into this vault, rounded as Livepeer's MathUtils.percOf does:
    /// the fraction first truncated to billionths, then currentMintableTokens * billionths / 10^9 (truncated). Reverts
    /// rather than mint past the round's mintable amount.
    function createReward(uint256 _fracNum, uint256 _fracDenom)
        external
        onlyContract("BondingManager")
        whenSystemNotPaused
        returns (uint256)
    {
        require(_fracDenom > 0, "Minter: zero reward denominator");
        uint256 mintAmount = currentMintableTokens * (_fracNum * PERC_DIVISOR / _fracDenom) / PERC_DIVISOR;
        currentMintedTokens += mintAmount;
        require(currentMintedTokens <= currentMintableTokens, "Minter: minted tokens cannot exceed mintable tokens");
        livepeerToken().mint(address(this), mintAmount);
        return mintAmount;
    }

    /// Moves this vault's LPT and ETH to its successor, which must use the same Controller. This Minter must still be
    /// the registered "Minter" (the successor accepts the ETH because it comes from the registered Minter); afterwards
    /// the owner registers the successor and grants it the token's minter and burner roles.
    function migrateToNewMinter(IMinter _newMinter) external onlyControllerOwner {
        require(address(_newMinter) != address(this), "Minter: new Minter cannot be current Minter");
        require(address(_newMinter) != address(0), "Minter: new Minter cannot be null address");
        IController newMinterController = _newMinter.getController();
        require(address(newMinterController) == address(controller), "Minter: new Minter Controller must be current Controller");
        require(newMinterController.getContract(keccak256("Minter")) == address(this),
            "Minter: current Minter must be registered");
        ILivepeerToken token = livepeerToken();
        require(token.transfer(address(_newMinter), token.balanceOf(address(this))), "Minter: token transfer failed");
        _newMinter.depositETH{value: address(this).balance}();
    }

    /// The Controller this Minter belongs to (Livepeer's IMinter.getController).
    function getController() external view returns (IController) {
        return controller;
    }

    function trustedTransferTokens(address _to, uint256 _amount)
        external
        onlyContract("BondingManager")
        whenSystemNotPaused
    {
        require(livepeerToken().transfer(_to, _amount), "Minter: token transfer failed");
    }

    /// Burns LPT held here (slashed stake); the token grants this contract BURNER_ROLE.
    function trustedBurnTokens(uint256 _amount) external onlyContract("BondingManager") whenSystemNotPaused {
        livepeerToken().burn(_amount);
    }

    function trustedWithdrawETH(address payable _to, uint256 _amount) external whenSystemNotPaused {
        require(msg.sender == peer("BondingManager") || msg.sender == peer("TicketBroker"),
            "Minter: caller is not the BondingManager or TicketBroker");
        (bool ok,) = _to.call{value: _amount}("");
        require(ok, "Minter: ETH transfer failed");
    }

    /// ETH in: sender funds from the TicketBroker, or everything from the previous Minter when it migrates here
    /// (the registered "Minter" is still the previous one then).
    function depositETH() external payable returns (bool) {
        require(msg.sender == peer("TicketBroker") || msg.sender == peer("BondingManager") || msg.sender == peer("Minter"),
            "Minter: caller is not the TicketBroker, BondingManager or Minter");
        return true;
    }

    /// The supply inflation applies to: on Livepeer's L2 that is L1 plus L2; here it is the token's total supply.
    function getGlobalTotalSupply() public view returns (uint256) {
        return livepeerToken().totalSupply();
    }

    /// The current bonding rate (active stake / supply) in parts per 10^9, truncated.
    function currentBondingRate() public view returns (uint256) {
        uint256 supply = getGlobalTotalSupply();
        return supply == 0 ? 0 : bondingManager().getTotalBonded() * PERC_DIVISOR / supply;
    }

    function setInflation() private {
        uint256 rate = currentBondingRate();
        if (rate < targetBondingRate) {
            inflation += inflationChange;
        } else if (rate > targetBondingRate) {
            inflation = inflationChange > inflation ? 0 : inflation - inflationChange;
        }
    }
}
