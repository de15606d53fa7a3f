// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// LPT as Livepeer deploys it on Arbitrum: an OpenZeppelin ERC-20 (18 decimals) with ERC-2612 permit, where only
/// holders of MINTER_ROLE mint and only holders of BURNER_ROLE burn (their own tokens, or an approved holder's with
/// burnFrom). The deployer is the role admin and receives the genesis supply; the deployment grants both roles to the
/// Minter. Mint and Burn are emitted beside ERC-20's Transfer, as the real token does.
contract LivepeerToken is AccessControl, ERC20Burnable, ERC20Permit {
    bytes32 private constant MINTER_ROLE = keccak256("MINTER_ROLE");
    bytes32 private constant BURNER_ROLE = keccak256("BURNER_ROLE");

    event Mint(address indexed to, uint256 amount);
    event Burn(address indexed burner, uint256 amount);

    constructor(uint256 _genesisSupply) ERC20("Livepeer Token", "LPT") ERC20Permit("Livepeer Token") {
        _grantRole(DEFAULT_ADMIN_ROLE, msg.sender);
        _mint(msg.sender, _genesisSupply);
        emit Mint(msg.sender, _genesisSupply);
    }

    function mint(address _to, uint256 _amount) external onlyRole(MINTER_ROLE) {
        _mint(_to, _amount);
        emit Mint(_to, _amount);
    }

    function burn(uint256 _amount) public override onlyRole(BURNER_ROLE) {
        super.burn(_amount);
        emit Burn(msg.sender, _amount);
    }

    function burnFrom(address _from, uint256 _amount) public override onlyRole(BURNER_ROLE) {
        super.burnFrom(_from, _amount);
        emit Burn(_from, _amount);
    }
}
