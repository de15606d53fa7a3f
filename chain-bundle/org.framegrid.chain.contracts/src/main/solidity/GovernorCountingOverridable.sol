// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";

/// What the counting needs from BondingVotes beyond ERC-5805: whom an account had delegated to at a past round.
interface IDelegatedAt is IERC5805 {
    function delegatedAt(address _account, uint256 _round) external view returns (address);
}

/// Governor Bravo counting (against, for, abstain) where a delegator may override its orchestrator's vote with its
/// own stake, as Livepeer's GovernorCountingOverridable: an orchestrator votes with all stake delegated to it minus
/// what its delegators already voted themselves; a delegator voting after its orchestrator moves its stake out of the
/// orchestrator's choice. Quorum counts all three kinds; the proposal passes when "for" is at least `quota` (per 10^6)
/// of "for" plus "against".
abstract contract GovernorCountingOverridable is Governor {
    uint256 private constant PERC_DIVISOR = 1000000;

    enum VoteType { Against, For, Abstain }

    struct ProposalVoterState {
        bool hasVoted;
        VoteType support;
        // Stake of delegators that voted before this orchestrator: taken out of its vote when it comes.
        uint256 deductions;
    }

    struct ProposalTally {
        uint256 againstVotes;
        uint256 forVotes;
        uint256 abstainVotes;
        mapping(address => ProposalVoterState) voters;
    }

    mapping(uint256 => ProposalTally) private proposalTallies;

    /// Share of "for" among "for" and "against" needed to pass, per 10^6 (500,000 = 50%).
    uint256 public quota;

    constructor(uint256 _quota) {
        require(_quota <= PERC_DIVISOR, "LivepeerGovernor: invalid quota");
        quota = _quota;
    }

    /// The votes contract, which must give every self-delegated account at least the votes of all its delegators.
    function votes() public view virtual returns (IDelegatedAt);

    // solhint-disable-next-line func-name-mixedcase
    function COUNTING_MODE() public pure override returns (string memory) {
        return "support=bravo&quorum=for,abstain,against";
    }

    function hasVoted(uint256 _proposalId, address _account) public view override returns (bool) {
        return proposalTallies[_proposalId].voters[_account].hasVoted;
    }

    function proposalVotes(uint256 _proposalId)
        public
        view
        returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes)
    {
        ProposalTally storage tally = proposalTallies[_proposalId];
        return (tally.againstVotes, tally.forVotes, tally.abstainVotes);
    }

    function _quorumReached(uint256 _proposalId) internal view override returns (bool) {
        (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes) = proposalVotes(_proposalId);
        return againstVotes + forVotes + abstainVotes >= quorum(proposalSnapshot(_proposalId));
    }

    function _voteSucceeded(uint256 _proposalId) internal view override returns (bool) {
        (uint256 againstVotes, uint256 forVotes,) = proposalVotes(_proposalId);
        return forVotes >= (againstVotes + forVotes) * quota / PERC_DIVISOR;
    }

    function _countVote(uint256 _proposalId, address _account, uint8 _support, uint256 _weight, bytes memory)
        internal
        override
        returns (uint256)
    {
        if (_support > uint8(VoteType.Abstain)) {
            revert GovernorInvalidVoteType();
        }
        ProposalTally storage tally = proposalTallies[_proposalId];
        ProposalVoterState storage voter = tally.voters[_account];
        if (voter.hasVoted) {
            revert GovernorAlreadyCastVote(_account);
        }
        voter.hasVoted = true;
        voter.support = VoteType(_support);
        uint256 weight = handleVoteOverrides(_proposalId, tally, voter, _account, _weight);
        addVotes(tally, VoteType(_support), weight);
        return weight;
    }

    /// The weight _account's vote counts with, after moving overridden stake: an orchestrator's weight less its
    /// delegators' earlier votes; a delegator's full weight, taken back from its orchestrator's choice if it voted.
    function handleVoteOverrides(uint256 _proposalId, ProposalTally storage _tally, ProposalVoterState storage _voter,
        address _account, uint256 _weight) private returns (uint256)
    {
        uint256 timepoint = proposalSnapshot(_proposalId);
        address delegate = votes().delegatedAt(_account, timepoint);
        if (_account == delegate) {
            return _weight - _voter.deductions;
        }
        if (delegate != votes().delegatedAt(delegate, timepoint)) {
            // The delegate is not self-delegated: its power does not come from its delegators, nothing to override.
            return _weight;
        }
        ProposalVoterState storage delegateVoter = _tally.voters[delegate];
        delegateVoter.deductions += _weight;
        if (delegateVoter.hasVoted) {
            VoteType delegateSupport = delegateVoter.support;
            if (delegateSupport == VoteType.Against) {
                _tally.againstVotes -= _weight;
            } else if (delegateSupport == VoteType.For) {
                _tally.forVotes -= _weight;
            } else {
                _tally.abstainVotes -= _weight;
            }
        }
        return _weight;
    }

    function addVotes(ProposalTally storage _tally, VoteType _support, uint256 _weight) private {
        if (_support == VoteType.Against) {
            _tally.againstVotes += _weight;
        } else if (_support == VoteType.For) {
            _tally.forVotes += _weight;
        } else {
            _tally.abstainVotes += _weight;
        }
    }
}
