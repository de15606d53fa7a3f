package org.framegrid.chain.web3j.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The `chain` commands run as the tool runs them, against a fixture's devchain found the way a tool finds the node's
 * (the node folder's run/devchain.properties), with what they print kept for the test.
 */
final class Commands {

    private final Path home;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Writes {@code home}/run/devchain.properties naming {@code f}'s devchain. */
    Commands(Fixture f, Path home) throws IOException {
        this.home = home;
        Files.createDirectories(home.resolve("run"));
        Files.writeString(home.resolve("run/devchain.properties"),
                "rpc.url=" + f.devchain.url() + "\ncontroller.address=" + f.devchain.controller() + "\n");
    }

    /** @return the exit code of {@code framegrid chain ARGS} in the node folder */
    int run(String... args) {
        Map<String, String> properties = Map.of("framegrid.home", home.toString());
        return run(properties::get, args);
    }

    /** @return the exit code of {@code framegrid chain ARGS} with these framework properties */
    int run(UnaryOperator<String> properties, String... args) {
        out.reset();
        err.reset();
        return new ChainCommands(properties, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
    }

    /** @return what the last run printed on stdout */
    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** @return what the last run printed on stderr */
    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
