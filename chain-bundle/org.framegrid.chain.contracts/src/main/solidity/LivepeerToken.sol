// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./Manager.sol";

/// LPT: an ERC-20 with 18 decimals. The genesis supply goes to the deployer; after that only the Minter (found through
/// the Controller) mints. Any holder may burn its own tokens.
contract LivepeerToken is Manager {
    string public constant name = "Livepeer Token";
    string public constant symbol = "LPT";
    uint8 public constant decimals = 18;

    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event Mint(address indexed to, uint256 amount);
    event Burn(address indexed burner, uint256 value);

    constructor(address _controller, uint256 _genesisSupply) Manager(_controller) {
        _mint(msg.sender, _genesisSupply);
    }

    function transfer(address _to, uint256 _amount) external returns (bool) {
        _transfer(msg.sender, _to, _amount);
        return true;
    }

    function approve(address _spender, uint256 _amount) external returns (bool) {
        allowance[msg.sender][_spender] = _amount;
        emit Approval(msg.sender, _spender, _amount);
        return true;
    }

    function transferFrom(address _from, address _to, uint256 _amount) external returns (bool) {
        uint256 allowed = allowance[_from][msg.sender];
        if (allowed != type(uint256).max) {
            require(allowed >= _amount, "LivepeerToken: insufficient allowance");
            allowance[_from][msg.sender] = allowed - _amount;
        }
        _transfer(_from, _to, _amount);
        return true;
    }

    function mint(address _to, uint256 _amount) external onlyContract("Minter") {
        _mint(_to, _amount);
    }

    function burn(uint256 _amount) external {
        require(balanceOf[msg.sender] >= _amount, "LivepeerToken: burn amount exceeds balance");
        balanceOf[msg.sender] -= _amount;
        totalSupply -= _amount;
        emit Burn(msg.sender, _amount);
        emit Transfer(msg.sender, address(0), _amount);
    }

    function _mint(address _to, uint256 _amount) private {
        require(_to != address(0), "LivepeerToken: mint to the zero address");
        totalSupply += _amount;
        balanceOf[_to] += _amount;
        emit Mint(_to, _amount);
        emit Transfer(address(0), _to, _amount);
    }

    function _transfer(address _from, address _to, uint256 _amount) private {
        require(_to != address(0), "LivepeerToken: transfer to the zero address");
        require(balanceOf[_from] >= _amount, "LivepeerToken: transfer amount exceeds balance");
        balanceOf[_from] -= _amount;
        balanceOf[_to] += _amount;
        emit Transfer(_from, _to, _amount);
    }
}
