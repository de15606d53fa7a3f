package org.framegrid.pipeline.yaml.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** A command-line tool's standard output and error, captured as UTF-8 text. */
final class ToolOutput {
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    /** @return what the tool printed to its output so far */
    String outText() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    /** @return what the tool printed to its error stream since the last {@link #resetErr()} */
    String errText() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    void resetErr() {
        errBytes.reset();
    }
}
