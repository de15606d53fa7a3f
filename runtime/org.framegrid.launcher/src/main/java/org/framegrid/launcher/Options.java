package org.framegrid.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The launcher's command line. {@code tool} is {@code null} to run a node, empty to list the tools. */
record Options(Path home, boolean shell, boolean help, String tool, List<String> toolArgs) {

    static final String USAGE = """
            usage: framegrid [--home DIR] [--shell]          start a node (Ctrl-C or SIGTERM stops it)
                   framegrid [--home DIR] --tool NAME ARGS...  run one tool of the node's bundles and exit
                   framegrid [--home DIR] --tool               list the tools the node's bundles offer
              --home DIR  the node folder (bin/ lib/ bundle/ conf/ deploy/ pipelines/); default: framegrid.home or .
              --shell     also start the Gogo shell on this terminal""";

    static Options parse(String[] args) {
        Path home = Path.of(System.getProperty(NodeConfig.HOME, "."));
        boolean shell = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--home" -> {
                    if (++i == args.length) {
                        throw new IllegalArgumentException("--home needs a folder");
                    }
                    home = Path.of(args[i]);
                }
                case "--shell" -> shell = true;
                case "-h", "--help" -> {
                    return new Options(home, false, true, null, List.of());
                }
                case "--tool" -> {
                    if (++i == args.length) {
                        return checked(new Options(home, false, false, "", List.of())); // the list of tools
                    }
                    return checked(new Options(home, false, false, args[i],
                            List.of(args).subList(i + 1, args.length)));
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return checked(new Options(home, shell, false, null, List.of()));
    }

    private static Options checked(Options options) {
        if (!Files.isRegularFile(options.home().resolve("conf/framework.properties"))) {
            throw new IllegalArgumentException(options.home().toAbsolutePath().normalize()
                    + " is not a Framegrid node folder (no conf/framework.properties)");
        }
        return options;
    }
}
