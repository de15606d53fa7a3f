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

    /// Mints currentMintableTokens * _fracNum / _fracDenom (capped at what is left this round) into this vault.
    function createReward(uint256 _fracNum, uint256 _fracDenom)
        external
        onlyContract("BondingManager")
        whenSystemNotPaused
        returns (uint256)
    {
        require(_fracDenom > 0, "Minter: zero reward denominator");
        uint256 mintAmount = currentMintableTokens * _fracNum / _fracDenom;
        uint256 left = currentMintableTokens - currentMintedTokens;
        if (mintAmount > left) {
            mintAmount = left;
        }
        currentMintedTokens += mintAmount;
        livepeerToken().mint(address(this), mintAmount);
        return mintAmount;
    }

    function trustedTransferTokens(address _to, uint256 _amount)
        external
        onlyContract("BondingManager")
        whenSystemNotPaused
    {
        require(livepeerToken().transfer(_to, _amount), "Minter: token transfer failed");
    }

    function trustedWithdrawETH(address payable _to, uint256 _amount) external whenSystemNotPaused {
        require(msg.sender == peer("BondingManager") || msg.sender == peer("TicketBroker"),
            "Minter: caller is not the BondingManager or TicketBroker");
        (bool ok,) = _to.call{value: _amount}("");
        require(ok, "Minter: ETH transfer failed");
    }

    function depositETH() external payable returns (bool) {
        require(msg.sender == peer("BondingManager") || msg.sender == peer("TicketBroker"),
            "Minter: caller is not the BondingManager or TicketBroker");
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
