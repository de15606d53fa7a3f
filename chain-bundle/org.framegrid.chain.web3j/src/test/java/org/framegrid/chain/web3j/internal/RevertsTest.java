package org.framegrid.chain.web3j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

class RevertsTest {

    private final Reverts reverts = Reverts.load(RevertsTest.class.getClassLoader());

    @Test
    void errorStringBecomesItsText() {
        String data = "0x08c379a0" + FunctionEncoder.encodeConstructor(List.of(new Utf8String("BondingManager: unbonding period not over")));
        assertEquals("BondingManager: unbonding period not over", reverts.reason(data, "execution reverted: whatever"));
    }

    @Test
    void panicIsNamed() {
        String data = "0x4e487b71" + FunctionEncoder.encodeConstructor(List.of(new Uint256(0x11)));
        assertEquals("panic: arithmetic overflow or underflow", reverts.reason(data, null));
    }

    @Test
    void messageIsUsedWithoutData() {
        assertEquals("Manager: system is paused", reverts.reason(null, "execution reverted: Manager: system is paused"));
        assertEquals("reverted without a reason", reverts.reason("0x", "execution reverted"));
    }

    @Test
    void unknownSelectorIsNamedNotDumped() {
        assertEquals("reverted with an unknown error (selector 0xdeadbeef)", reverts.reason("0xdeadbeef" + "00".repeat(32), null));
    }
}
