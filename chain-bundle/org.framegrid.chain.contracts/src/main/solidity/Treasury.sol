// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";

/// The treasury (LIP-89/91): holds the LPT that reward() sends it and executes what LivepeerGovernor's proposals
/// decide, after the timelock's delay. An OpenZeppelin TimelockController, as Livepeer's Treasury is; deployed
/// directly, so its settings are constructor arguments rather than an initializer's.
contract Treasury is TimelockController {
    constructor(uint256 _minDelay, address[] memory _proposers, address[] memory _executors, address _admin)
        TimelockController(_minDelay, _proposers, _executors, _admin)
    {}
}
