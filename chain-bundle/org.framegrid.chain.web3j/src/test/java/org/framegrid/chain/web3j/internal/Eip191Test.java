package org.framegrid.chain.web3j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.Signatures;
import org.framegrid.chain.web3j.embedded.MessageSignatures;
import org.junit.jupiter.api.Test;

/** EIP-191 signed messages: what geth's personal_sign makes, and back to the signer's address. */
class Eip191Test {
    /** anvil's first development key (public, worth nothing) and its address. */
    private static final String KEY = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static final String ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";

    @Test
    void aSignatureRecoversToItsSignerAndNoOtherMessageDoes() throws Exception {
        Signatures key = MessageSignatures.of(KEY);
        byte[] message = "Framegrid TLS key sha256:00ff".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = key.sign(message);
        assertEquals(65, signature.length);
        assertTrue(signature[64] == 27 || signature[64] == 28, "v is 27 or 28");
        assertEquals(ADDRESS, key.account());
        assertEquals(ADDRESS, MessageSignatures.readOnly().signer(message, signature));
        byte[] other = "Framegrid TLS key sha256:00fe".getBytes(StandardCharsets.US_ASCII);
        assertNotEquals(ADDRESS, MessageSignatures.readOnly().signer(other, signature));
    }

    @Test
    void theSignatureIsPersonalSigns() throws Exception {
        // eth_sign / personal_sign of "hello" by anvil's account 0 (cast wallet sign --private-key KEY hello).
        byte[] expected = HexFormat.of().parseHex("f16ea9a3478698f695fd1401bfe27e9e4a7e8e3da94aa72b021125e31fa899cc573c48ea"
                + "3fe1d4ab61a9db10c19032026e3ed2dbccba5a178235ac27f94504311c");
        assertEquals(HexFormat.of().formatHex(expected),
                HexFormat.of().formatHex(MessageSignatures.of(KEY).sign("hello".getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void aReadOnlyNodeRecoversButDoesNotSignAndBadSignaturesAreOneLine() {
        Signatures readOnly = MessageSignatures.readOnly();
        assertNull(readOnly.account());
        ChainException sign = assertThrows(ChainException.class, () -> readOnly.sign(new byte[1]));
        assertTrue(sign.getMessage().contains("no account of its own"), sign.getMessage());
        ChainException shortSig = assertThrows(ChainException.class, () -> readOnly.signer(new byte[1], new byte[64]));
        assertTrue(shortSig.getMessage().contains("65 bytes, not 64"), shortSig.getMessage());
        byte[] zero = new byte[65];
        zero[64] = 27;
        assertThrows(ChainException.class, () -> readOnly.signer(new byte[1], zero));
    }
}
