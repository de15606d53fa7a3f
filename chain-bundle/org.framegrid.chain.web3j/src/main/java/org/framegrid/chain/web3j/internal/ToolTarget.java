package org.framegrid.chain.web3j.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

import org.framegrid.chain.api.ChainException;

/**
 * Which chain and account a `chain` tool talks to. A tool runs in its own short-lived framework, so it connects
 * itself: options first ({@code --rpc URL --controller ADDRESS}, {@code --keystore FILE --password-file FILE},
 * {@code --account N}), then the framework properties {@code framegrid.chain.rpc.url},
 * {@code framegrid.chain.controller.address}, {@code framegrid.chain.keystore.file} and
 * {@code framegrid.chain.password.file}, then the devchain of the node running from the same folder (its
 * {@code run/devchain.properties}). On the devchain the account is one of anvil's unlocked accounts (index 0, the node's
 * own, unless {@code --account N}).
 */
final class ToolTarget {

    static final List<String> OPTIONS = List.of("--rpc", "--controller", "--keystore", "--password-file", "--account");

    final List<String> positional = new ArrayList<>();
    final Map<String, String> options = new HashMap<>();

    /** Splits {@code args} into options (each {@code --name value}) and positional arguments. */
    static ToolTarget parse(List<String> args, List<String> moreOptions) throws ChainException {
        ToolTarget target = new ToolTarget();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                if (!OPTIONS.contains(arg) && !moreOptions.contains(arg)) {
                    throw new ChainException("usage", "unknown option " + arg, false);
                }
                if (i + 1 >= args.size()) {
                    throw new ChainException("usage", arg + " needs a value", false);
                }
                target.options.put(arg, args.get(++i));
            } else {
                target.positional.add(arg);
            }
        }
        return target;
    }

    String option(String name) {
        return options.get(name);
    }

    /**
     * Connects.
     *
     * @param property     reads a framework property (null when unset)
     * @param needsAccount whether the command sends transactions
     */
    ChainClient connect(UnaryOperator<String> property, boolean needsAccount) throws ChainException {
        Properties devchain = devchainInfo(property);
        String url = first(option("--rpc"), property.apply("framegrid.chain.rpc.url"), devchain.getProperty("rpc.url"));
        String controller = first(option("--controller"), property.apply("framegrid.chain.controller.address"),
                devchain.getProperty("controller.address"));
        if (url == null) {
            throw new ChainException("connect", "no chain to talk to: start the node (it runs a devchain when no chain is "
                    + "configured), or give --rpc URL --controller ADDRESS", false);
        }
        if (controller == null) {
            throw new ChainException("connect", "the Controller's address is needed with --rpc (--controller ADDRESS)", false);
        }
        boolean onDevchain = url.equals(devchain.getProperty("rpc.url"));
        Account account = null;
        String keystore = first(option("--keystore"), property.apply("framegrid.chain.keystore.file"), null);
        if (keystore != null) {
            String password = first(option("--password-file"), property.apply("framegrid.chain.password.file"), null);
            if (password == null) {
                throw new ChainException("connect", "a keystore needs --password-file FILE", false);
            }
            account = Account.of(KeyStoreFiles.load(Path.of(keystore), Path.of(password)));
        }
        Duration poll = Duration.ofMillis(onDevchain ? 20 : 1000);
        ChainClient chain = ChainClient.connect(url, controller, account, poll, null);
        if (account == null && needsAccount) {
            chain = unlockedAccount(chain, url, controller, poll, onDevchain);
        }
        return chain;
    }

    private ChainClient unlockedAccount(ChainClient readOnly, String url, String controller, Duration poll, boolean onDevchain)
            throws ChainException {
        try {
            List<String> unlocked = readOnly.nodeAccounts();
            String index = option("--account") == null ? "0" : option("--account");
            int n;
            try {
                n = Integer.parseInt(index);
            } catch (NumberFormatException e) {
                throw new ChainException("connect", "--account takes an index of the devchain's accounts, got '" + index + "'", false);
            }
            if (unlocked.isEmpty() || !onDevchain && option("--account") == null) {
                throw new ChainException("connect", "no account to sign with: give --keystore FILE --password-file FILE", false);
            }
            if (n < 0 || n >= unlocked.size()) {
                throw new ChainException("connect", "--account " + n + " does not exist (the node has accounts 0-"
                        + (unlocked.size() - 1) + ")", false);
            }
            return ChainClient.connect(url, controller, Account.nodeHeld(unlocked.get(n)), poll, null);
        } finally {
            readOnly.close();
        }
    }

    private static Properties devchainInfo(UnaryOperator<String> property) {
        Properties info = new Properties();
        String home = property.apply("framegrid.home");
        String configured = property.apply("framegrid.chain.devchain.info.file");
        Path file = configured != null ? Path.of(configured) : home != null ? Path.of(home, "run", "devchain.properties") : null;
        if (file != null && Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                info.load(in);
            } catch (IOException e) {
                // Unreadable: as if no node ran here; the "no chain to talk to" message follows.
            }
        }
        return info;
    }

    private static String first(String a, String b, String c) {
        for (String s : new String[] {a, b, c}) {
            if (s != null && !s.isBlank()) {
                return s.strip();
            }
        }
        return null;
    }
}
