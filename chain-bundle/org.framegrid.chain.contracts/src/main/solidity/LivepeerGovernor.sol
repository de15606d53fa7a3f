// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./Manager.sol";
import "./GovernorCountingOverridable.sol";
import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from
    "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";

/// Livepeer's on-chain governance (LIP-89/91): an OpenZeppelin Governor whose votes are BondingVotes (clock = round),
/// with delegator overrides, executing through the Treasury timelock. Voting starts votingDelay rounds after a
/// proposal and lasts votingPeriod rounds; proposing takes proposalThreshold of stake; quorum is per 10^6 of the
/// total active stake at the proposal's snapshot round. BondingVotes and the Treasury must be registered in the
/// Controller before deployment; the governor follows a later BondingVotes registration by itself.
contract LivepeerGovernor is
    Manager,
    GovernorSettings,
    GovernorTimelockControl,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorCountingOverridable
{
    uint256 private constant PERC_DIVISOR = 1000000;

    constructor(address _controller, uint48 _votingDelay, uint32 _votingPeriod, uint256 _proposalThreshold,
        uint256 _quorum, uint256 _quota)
        Manager(_controller)
        Governor("LivepeerGovernor")
        GovernorSettings(_votingDelay, _votingPeriod, _proposalThreshold)
        GovernorTimelockControl(TimelockController(payable(registered(_controller, "Treasury"))))
        GovernorVotes(IVotes(registered(_controller, "BondingVotes")))
        GovernorVotesQuorumFraction(_quorum)
        GovernorCountingOverridable(_quota)
    {}

    /// Quorum numerators are per 10^6 (Livepeer's MathUtils), so 333,300 is 33.33%.
    function quorumDenominator() public pure override returns (uint256) {
        return PERC_DIVISOR;
    }

    /// BondingVotes as registered in the Controller now: Livepeer's bumpGovernorVotesTokenAddress, automatically.
    function token() public view override returns (IERC5805) {
        return IERC5805(peer("BondingVotes"));
    }

    function votes() public view override returns (IDelegatedAt) {
        return IDelegatedAt(peer("BondingVotes"));
    }

    function registered(address _controller, string memory _name) private view returns (address address_) {
        address_ = IController(_controller).getContract(keccak256(bytes(_name)));
        require(address_ != address(0), "LivepeerGovernor: register the Treasury and BondingVotes first");
    }

    // ---- overrides Solidity requires between the OpenZeppelin extensions ----

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function state(uint256 _proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(_proposalId);
    }

    function proposalNeedsQueuing(uint256 _proposalId)
        public
        view
        override(Governor, GovernorTimelockControl)
        returns (bool)
    {
        return super.proposalNeedsQueuing(_proposalId);
    }

    function _queueOperations(uint256 _proposalId, address[] memory _targets, uint256[] memory _values,
        bytes[] memory _calldatas, bytes32 _descriptionHash)
        internal
        override(Governor, GovernorTimelockControl)
        returns (uint48)
    {
        return super._queueOperations(_proposalId, _targets, _values, _calldatas, _descriptionHash);
    }

    function _executeOperations(uint256 _proposalId, address[] memory _targets, uint256[] memory _values,
        bytes[] memory _calldatas, bytes32 _descriptionHash) internal override(Governor, GovernorTimelockControl)
    {
        super._executeOperations(_proposalId, _targets, _values, _calldatas, _descriptionHash);
    }

    function _cancel(address[] memory _targets, uint256[] memory _values, bytes[] memory _calldatas,
        bytes32 _descriptionHash) internal override(Governor, GovernorTimelockControl) returns (uint256)
    {
        return super._cancel(_targets, _values, _calldatas, _descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
