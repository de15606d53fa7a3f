package org.framegrid.runtime.itest;

import javax.inject.Inject;

import org.framegrid.testing.Fixture;
import org.junit.Assume;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerMethod;
import org.osgi.framework.BundleContext;

/**
 * What the in-framework tests of the assembled node share: Pax Exam starts a fresh node for each test method, with a
 * deploy folder ({@link NodeBundles#withDeployFolder}) unless a test configures its own; the probe holds the node's
 * bundle context; every wait for the node is bounded by {@link #WAIT_MILLIS}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerMethod.class)
public abstract class NodeTest {

    /** How long a test waits for the node to show an effect (hot deploy, a swap, a stream state). */
    static final long WAIT_MILLIS = 15_000;

    @Inject
    protected BundleContext context;

    @Configuration
    public Option[] configuration() {
        return NodeBundles.withDeployFolder();
    }

    /** {@code Fixture.require} for these JUnit 4 tests: a missing fixture fails on CI and skips the test elsewhere. */
    static void requireFixture(boolean present, String missing) {
        if (!present && Fixture.failsWhenMissing()) {
            throw new AssertionError(missing + " (CI is set: a missing fixture fails the test instead of skipping it)");
        }
        Assume.assumeTrue("skipped: " + missing, present);
    }
}
