package org.framegrid.chain.contracts;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** Signs ERC-2612 permits as a wallet would: EIP-712 over the token's DOMAIN_SEPARATOR and the owner's nonce. */
final class Permits {

    private static final byte[] PERMIT_TYPEHASH = Hash.sha3(
            "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
                    .getBytes(StandardCharsets.UTF_8));

    private Permits() {
    }

    static Sign.SignatureData sign(byte[] domainSeparator, Credentials owner, String spender, BigInteger value,
            BigInteger nonce, BigInteger deadline) {
        byte[] struct = Hash.sha3(Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(List.of(
                new Bytes32(PERMIT_TYPEHASH), new Address(owner.getAddress()), new Address(spender),
                new Uint256(value), new Uint256(nonce), new Uint256(deadline)))));
        byte[] digest = new byte[66];
        digest[0] = 0x19;
        digest[1] = 0x01;
        System.arraycopy(domainSeparator, 0, digest, 2, 32);
        System.arraycopy(struct, 0, digest, 34, 32);
        return Sign.signMessage(Hash.sha3(digest), owner.getEcKeyPair(), false);
    }
}
