// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./Interfaces.sol";

/// Base of every protocol contract: finds its peers through the Controller by keccak256(name), as Livepeer's
/// Manager does, so a client needs only the Controller's address.
abstract contract Manager is IManager {
    IController public controller;

    event SetController(address controller);

    constructor(address _controller) {
        require(_controller != address(0), "Manager: controller is the zero address");
        controller = IController(_controller);
    }

    // Modifiers call functions: a modifier's body is copied into every function it guards, a call is not, and the
    // BondingManager must stay under the 24 KiB contract size limit.
    modifier onlyControllerOwner() {
        _onlyControllerOwner();
        _;
    }

    modifier whenSystemNotPaused() {
        _whenSystemNotPaused();
        _;
    }

    modifier onlyContract(string memory _name) {
        _onlyContract(_name);
        _;
    }

    /// Moves this contract to a new Controller. Only the current Controller may (Controller.updateController), as in
    /// Livepeer, so that the owner moves contracts through the registry that names them.
    function setController(address _controller) external {
        require(msg.sender == address(controller), "Manager: caller is not the Controller");
        require(_controller != address(0), "Manager: controller is the zero address");
        controller = IController(_controller);
        emit SetController(_controller);
    }

    function _onlyControllerOwner() internal view {
        require(msg.sender == controller.owner(), "Manager: caller is not the controller owner");
    }

    function _whenSystemNotPaused() internal view {
        require(!controller.paused(), "Manager: system is paused");
    }

    function _onlyContract(string memory _name) internal view {
        // if/revert, not require: require would build the message on every successful call too.
        if (msg.sender != peer(_name)) {
            revert(string.concat("Manager: caller is not the ", _name));
        }
    }

    function peer(string memory _name) internal view returns (address) {
        return controller.getContract(keccak256(bytes(_name)));
    }

    function roundsManager() internal view returns (IRoundsManager) {
        return IRoundsManager(peer("RoundsManager"));
    }

    function bondingManager() internal view returns (IBondingManager) {
        return IBondingManager(peer("BondingManager"));
    }

    function minter() internal view returns (IMinter) {
        return IMinter(peer("Minter"));
    }

    function livepeerToken() internal view returns (ILivepeerToken) {
        return ILivepeerToken(peer("LivepeerToken"));
    }
}
