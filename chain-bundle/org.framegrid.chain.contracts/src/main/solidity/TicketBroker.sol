// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./Manager.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {MessageHashUtils} from "@openzeppelin/contracts/utils/cryptography/MessageHashUtils.sol";

/// Probabilistic micropayments: sender deposits and reserves (held as ETH by the Minter), unlock/withdraw, and
/// redemption of winning tickets, whose value is credited to the recipient orchestrator's fees.
contract TicketBroker is Manager {
    struct Ticket {
        address recipient;
        address sender;
        uint256 faceValue;
        uint256 winProb;
        uint256 senderNonce;
        bytes32 recipientRandHash;
        bytes auxData; // creationRound (uint256) || creationRoundBlockHash (bytes32)
    }

    struct Sender {
        uint256 deposit;
        uint256 withdrawRound;
    }

    struct ReserveInfo {
        uint256 fundsRemaining;
        uint256 claimedInCurrentRound;
    }

    struct Reserve {
        uint256 funds;
        mapping(uint256 => uint256) claimedForRound;
        mapping(uint256 => mapping(address => uint256)) claimedByAddress;
    }

    uint256 public unlockPeriod;
    uint256 public ticketValidityPeriod;
    mapping(bytes32 => bool) public usedTickets;
    mapping(address => Sender) private senders;
    mapping(address => Reserve) private reserves;

    event DepositFunded(address indexed sender, uint256 amount);
    event ReserveFunded(address indexed reserveHolder, uint256 amount);
    event ReserveClaimed(address indexed reserveHolder, address claimant, uint256 amount);
    event WinningTicketRedeemed(address indexed sender, address indexed recipient, uint256 faceValue,
        uint256 winProb, uint256 senderNonce, uint256 recipientRand, bytes auxData);
    event WinningTicketTransfer(address indexed sender, address indexed recipient, uint256 amount);
    event Unlock(address indexed sender, uint256 startRound, uint256 endRound);
    event UnlockCancelled(address indexed sender);
    event Withdrawal(address indexed sender, uint256 deposit, uint256 reserve);
    event ParameterUpdate(string param);

    constructor(address _controller, uint256 _unlockPeriod, uint256 _ticketValidityPeriod) Manager(_controller) {
        require(_ticketValidityPeriod > 0, "TicketBroker: ticket validity period must be positive");
        unlockPeriod = _unlockPeriod;
        ticketValidityPeriod = _ticketValidityPeriod;
    }

    modifier currentRoundInitialized() {
        require(roundsManager().currentRoundInitialized(), "TicketBroker: current round is not initialized");
        _;
    }

    function setUnlockPeriod(uint256 _unlockPeriod) external onlyControllerOwner {
        unlockPeriod = _unlockPeriod;
        emit ParameterUpdate("unlockPeriod");
    }

    function setTicketValidityPeriod(uint256 _ticketValidityPeriod) external onlyControllerOwner {
        require(_ticketValidityPeriod > 0, "TicketBroker: ticket validity period must be positive");
        ticketValidityPeriod = _ticketValidityPeriod;
        emit ParameterUpdate("ticketValidityPeriod");
    }

    // ---- funding ----

    function fundDeposit() external payable whenSystemNotPaused {
        senders[msg.sender].deposit += msg.value;
        minter().depositETH{value: msg.value}();
        emit DepositFunded(msg.sender, msg.value);
    }

    function fundReserve() external payable whenSystemNotPaused {
        reserves[msg.sender].funds += msg.value;
        minter().depositETH{value: msg.value}();
        emit ReserveFunded(msg.sender, msg.value);
    }

    function fundDepositAndReserve(uint256 _depositAmount, uint256 _reserveAmount) external payable {
        fundDepositAndReserveFor(msg.sender, _depositAmount, _reserveAmount);
    }

    /// Funds _addr's deposit and reserve from the caller's ETH (e.g. a gateway operator topping up a hot wallet).
    function fundDepositAndReserveFor(address _addr, uint256 _depositAmount, uint256 _reserveAmount)
        public
        payable
        whenSystemNotPaused
    {
        require(msg.value == _depositAmount + _reserveAmount, "TicketBroker: value is not deposit plus reserve");
        senders[_addr].deposit += _depositAmount;
        reserves[_addr].funds += _reserveAmount;
        minter().depositETH{value: msg.value}();
        emit DepositFunded(_addr, _depositAmount);
        emit ReserveFunded(_addr, _reserveAmount);
    }

    function unlock() external whenSystemNotPaused currentRoundInitialized {
        Sender storage sender = senders[msg.sender];
        require(sender.deposit > 0 || reserves[msg.sender].funds > 0, "TicketBroker: sender deposit and reserve are zero");
        require(sender.withdrawRound == 0, "TicketBroker: unlock already initiated");
        uint256 currentRound = roundsManager().currentRound();
        sender.withdrawRound = currentRound + unlockPeriod;
        emit Unlock(msg.sender, currentRound, sender.withdrawRound);
    }

    function cancelUnlock() external whenSystemNotPaused {
        Sender storage sender = senders[msg.sender];
        require(sender.withdrawRound > 0, "TicketBroker: no unlock request in progress");
        sender.withdrawRound = 0;
        emit UnlockCancelled(msg.sender);
    }

    function withdraw() external whenSystemNotPaused currentRoundInitialized {
        Sender storage sender = senders[msg.sender];
        uint256 deposit = sender.deposit;
        uint256 reserve = reserves[msg.sender].funds;
        require(deposit > 0 || reserve > 0, "TicketBroker: sender deposit and reserve are zero");
        require(sender.withdrawRound > 0, "TicketBroker: no unlock request in progress");
        require(sender.withdrawRound <= roundsManager().currentRound(), "TicketBroker: account is locked");
        sender.deposit = 0;
        sender.withdrawRound = 0;
        reserves[msg.sender].funds = 0;
        minter().trustedWithdrawETH(payable(msg.sender), deposit + reserve);
        emit Withdrawal(msg.sender, deposit, reserve);
    }

    // ---- redemption ----

    function redeemWinningTicket(Ticket memory _ticket, bytes memory _sig, uint256 _recipientRand)
        public
        whenSystemNotPaused
        currentRoundInitialized
    {
        bytes32 ticketHash = getTicketHash(_ticket);
        requireValidWinningTicket(_ticket, ticketHash, _sig, _recipientRand);
        Sender storage sender = senders[_ticket.sender];
        require(sender.deposit > 0 || reserves[_ticket.sender].funds > 0,
            "TicketBroker: sender deposit and reserve are zero");
        // Mark it used before paying: a replay must fail even if the payment path changes.
        usedTickets[ticketHash] = true;
        uint256 amountToTransfer;
        if (_ticket.faceValue > sender.deposit) {
            amountToTransfer = sender.deposit
                + claimFromReserve(_ticket.sender, _ticket.recipient, _ticket.faceValue - sender.deposit);
            sender.deposit = 0;
        } else {
            amountToTransfer = _ticket.faceValue;
            sender.deposit -= _ticket.faceValue;
        }
        if (amountToTransfer > 0) {
            (uint256 creationRound,) = getCreationRoundAndBlockHash(_ticket.auxData);
            bondingManager().updateTranscoderWithFees(_ticket.recipient, amountToTransfer, creationRound);
            emit WinningTicketTransfer(_ticket.sender, _ticket.recipient, amountToTransfer);
        }
        emit WinningTicketRedeemed(_ticket.sender, _ticket.recipient, _ticket.faceValue, _ticket.winProb,
            _ticket.senderNonce, _recipientRand, _ticket.auxData);
    }

    /// Redeems each ticket on its own: one failing ticket does not stop the others.
    function batchRedeemWinningTickets(Ticket[] memory _tickets, bytes[] memory _sigs, uint256[] memory _recipientRands)
        external
        whenSystemNotPaused
        currentRoundInitialized
    {
        require(_tickets.length == _sigs.length && _tickets.length == _recipientRands.length,
            "TicketBroker: batch arrays differ in length");
        for (uint256 i = 0; i < _tickets.length; i++) {
            try this.redeemWinningTicket(_tickets[i], _sigs[i], _recipientRands[i]) {} catch {}
        }
    }

    // ---- views ----

    function getTicketHash(Ticket memory _ticket) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(_ticket.recipient, _ticket.sender, _ticket.faceValue, _ticket.winProb,
            _ticket.senderNonce, _ticket.recipientRandHash, _ticket.auxData));
    }

    function getSenderInfo(address _sender) external view returns (Sender memory sender, ReserveInfo memory reserve) {
        sender = senders[_sender];
        reserve = getReserveInfo(_sender);
    }

    /// What is left of _reserveHolder's reserve, and how much of it was claimed in the current round.
    function getReserveInfo(address _reserveHolder) public view returns (ReserveInfo memory info) {
        Reserve storage r = reserves[_reserveHolder];
        info = ReserveInfo(r.funds, r.claimedForRound[roundsManager().currentRound()]);
    }

    /// What _claimant may still take from _reserveHolder's reserve this round: an equal share per active orchestrator.
    function claimableReserve(address _reserveHolder, address _claimant) public view returns (uint256) {
        if (!bondingManager().isActiveTranscoder(_claimant)) {
            return 0;
        }
        uint256 poolSize = bondingManager().getTranscoderPoolSize();
        if (poolSize == 0) {
            return 0;
        }
        Reserve storage reserve = reserves[_reserveHolder];
        uint256 currentRound = roundsManager().currentRound();
        uint256 allocation = (reserve.funds + reserve.claimedForRound[currentRound]) / poolSize;
        uint256 claimed = reserve.claimedByAddress[currentRound][_claimant];
        return allocation > claimed ? allocation - claimed : 0;
    }

    function claimedReserve(address _reserveHolder, address _claimant) external view returns (uint256) {
        return reserves[_reserveHolder].claimedByAddress[roundsManager().currentRound()][_claimant];
    }

    function isUnlockInProgress(address _sender) external view returns (bool) {
        return senders[_sender].withdrawRound > 0;
    }

    // ---- internals ----

    function claimFromReserve(address _reserveHolder, address _claimant, uint256 _amount) private returns (uint256) {
        uint256 claimable = claimableReserve(_reserveHolder, _claimant);
        uint256 claimAmount = _amount > claimable ? claimable : _amount;
        if (claimAmount > 0) {
            uint256 currentRound = roundsManager().currentRound();
            Reserve storage reserve = reserves[_reserveHolder];
            reserve.claimedForRound[currentRound] += claimAmount;
            reserve.claimedByAddress[currentRound][_claimant] += claimAmount;
            reserve.funds -= claimAmount;
            emit ReserveClaimed(_reserveHolder, _claimant, claimAmount);
        }
        return claimAmount;
    }

    function requireValidWinningTicket(Ticket memory _ticket, bytes32 _ticketHash, bytes memory _sig,
        uint256 _recipientRand) private view
    {
        require(_ticket.recipient != address(0), "TicketBroker: ticket recipient is null address");
        require(_ticket.sender != address(0), "TicketBroker: ticket sender is null address");
        requireValidTicketAuxData(_ticket.auxData);
        require(keccak256(abi.encodePacked(_recipientRand)) == _ticket.recipientRandHash,
            "TicketBroker: recipientRand does not match recipientRandHash");
        require(!usedTickets[_ticketHash], "TicketBroker: ticket is used");
        require(recoverSigner(_ticketHash, _sig) == _ticket.sender, "TicketBroker: invalid signature over ticket hash");
        require(uint256(keccak256(abi.encodePacked(_sig, _recipientRand))) < _ticket.winProb,
            "TicketBroker: ticket did not win");
    }

    function requireValidTicketAuxData(bytes memory _auxData) private view {
        (uint256 creationRound, bytes32 creationRoundBlockHash) = getCreationRoundAndBlockHash(_auxData);
        bytes32 blockHash = roundsManager().blockHashForRound(creationRound);
        require(blockHash != bytes32(0), "TicketBroker: ticket creation round has no block hash");
        require(creationRoundBlockHash == blockHash, "TicketBroker: ticket creation round block hash invalid");
        require(creationRound + ticketValidityPeriod > roundsManager().currentRound(), "TicketBroker: ticket is expired");
    }

    function getCreationRoundAndBlockHash(bytes memory _auxData)
        private
        pure
        returns (uint256 creationRound, bytes32 creationRoundBlockHash)
    {
        require(_auxData.length == 64, "TicketBroker: ticket auxData must be 64 bytes");
        assembly {
            creationRound := mload(add(_auxData, 32))
            creationRoundBlockHash := mload(add(_auxData, 64))
        }
    }

    /// EIP-191 personal-message signer of _hash as OpenZeppelin's ECDSA (the real contract's) recovers it;
    /// address(0) where ECDSA.recover would revert: a length other than 65 bytes, a high s (EIP-2: otherwise each
    /// signature has a malleable twin with another ticket-win draw), or a v other than 27 or 28.
    function recoverSigner(bytes32 _hash, bytes memory _sig) private pure returns (address) {
        (address signer, ECDSA.RecoverError recoverError,) =
            ECDSA.tryRecover(MessageHashUtils.toEthSignedMessageHash(_hash), _sig);
        return recoverError == ECDSA.RecoverError.NoError ? signer : address(0);
    }
}
