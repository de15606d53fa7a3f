package org.framegrid.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.IntUnaryOperator;

import org.junit.jupiter.api.Test;

/** The stand-in forwards, counts what returned, rethrows what the real one threw, and is a service of its own. */
class ForwardingTest {

    @Test
    void forwardsCallsAndRemembersWhatTheyReturned() {
        Forwarding<IntUnaryOperator> doubled = Forwarding.to(IntUnaryOperator.class, x -> 2 * x);
        assertEquals(0, doubled.calls("applyAsInt"));
        assertEquals(6, doubled.proxy().applyAsInt(3));
        assertEquals(10, doubled.proxy().applyAsInt(5));
        assertEquals(2, doubled.calls("applyAsInt"));
        assertEquals(List.of(6, 10), doubled.results("applyAsInt", Integer.class));
    }

    @Test
    void aFailureReachesTheCallerUnwrappedAndIsNotCounted() {
        IllegalStateException failure = new IllegalStateException("closed");
        Forwarding<Callable<String>> failing = Forwarding.to(callable(), () -> {
            throw failure;
        });
        assertSame(failure, assertThrows(IllegalStateException.class, () -> failing.proxy().call()));
        assertEquals(0, failing.calls("call"));
    }

    @Test
    void theStandInIsNotTheServiceItForwardsTo() {
        Callable<String> target = () -> "x";
        Callable<String> proxy = Forwarding.to(callable(), target).proxy();
        assertTrue(proxy.equals(proxy));
        assertFalse(proxy.equals(target));
        assertEquals(System.identityHashCode(proxy), proxy.hashCode());
    }

    @SuppressWarnings("unchecked")
    private static Class<Callable<String>> callable() {
        return (Class<Callable<String>>) (Class<?>) Callable.class;
    }
}
