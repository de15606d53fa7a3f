package org.framegrid.chain.web3j.internal;

import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.DelegatorInfo;
import org.framegrid.chain.api.OrchestratorInfo;
import org.framegrid.chain.api.TxResult;
import org.framegrid.chain.api.UnbondingLock;
import org.framegrid.chain.api.Units;

/**
 * The operator's {@code framegrid chain} commands. Every failure is one line on stderr, {@code chain CMD: reason},
 * with the contract's revert reason as text; exit code 1 for a failure, 2 for a usage error.
 */
final class ChainCommands {

    static final String USAGE = """
            usage: framegrid chain COMMAND [ARGS] [--rpc URL --controller ADDRESS] [--keystore FILE --password-file FILE] [--account N]
              status                                      the network panel and the treasury
              register --reward-cut PCT --fee-share PCT [--service-uri URI] [--stake LPT]
                                                          become (or update) an orchestrator; --stake bonds to yourself first
              bond LPT [--to ADDRESS]                     bond more (0 only moves stake) to ADDRESS (default: current delegate)
              unbond LPT                                  start unbonding; prints the lock
              rebond LOCK [--to ADDRESS]                  return a lock's stake to the delegate
              withdraw-stake LOCK                         take out a lock's LPT after the unbonding period
              withdraw-fees [ETH] [--to ADDRESS]          take out earned fees (default: all, to yourself)
              pending [ADDRESS]                           stake, fees and locks (default: your account)
              advance-rounds [N]                          devchain: mine to round +N and initialise it
              accounts                                    devchain: the unlocked development accounts
              new-account --keystore-dir DIR --password-file FILE
                                                          create an encrypted keystore
            """ + GovernanceCommands.USAGE + "\n" + TicketFundsCommands.USAGE;

    private static final List<String> COMMAND_OPTIONS = Stream.concat(Stream.of("--reward-cut", "--fee-share",
            "--service-uri", "--stake", "--to", "--keystore-dir", "--reserve"), GovernanceCommands.OPTIONS.stream())
            .toList();

    private final UnaryOperator<String> property;
    private final PrintStream out;
    private final PrintStream err;

    ChainCommands(UnaryOperator<String> property, PrintStream out, PrintStream err) {
        this.property = property;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
            (args.isEmpty() ? err : out).println(USAGE);
            return args.isEmpty() ? 2 : 0;
        }
        String command = args.get(0);
        try {
            ToolTarget target = ToolTarget.parse(args.subList(1, args.size()), COMMAND_OPTIONS);
            return execute(command, target);
        } catch (ChainException e) {
            err.println("chain " + command + ": " + (e.operation().equals("usage") ? e.reason() + "\n" + USAGE : e.reason()));
            return e.operation().equals("usage") ? 2 : 1;
        } catch (IllegalArgumentException e) {
            err.println("chain " + command + ": " + e.getMessage());
            return 2;
        }
    }

    private int execute(String command, ToolTarget t) throws ChainException {
        if (GovernanceCommands.COMMANDS.contains(command)) {
            new GovernanceCommands(property, out).run(command, t);
            return 0;
        }
        if (TicketFundsCommands.COMMANDS.contains(command)) {
            new TicketFundsCommands(property, out).execute(command, t);
            return 0;
        }
        switch (command) {
            case "status" -> {
                try (ChainClient chain = t.connect(property, false)) {
                    NetworkStatsReader reader = new NetworkStatsReader(chain, chain.logs());
                    out.print(StatsPanel.format(reader.read(), chain.chainId()));
                    out.print(treasuryRows(reader));
                }
            }
            case "register" -> {
                long cut = Units.parsePercentPpm(required(t, "--reward-cut"));
                long share = Units.parsePercentPpm(required(t, "--fee-share"));
                try (ChainClient chain = t.connect(property, true)) {
                    Staking staking = new Staking(chain);
                    if (t.option("--stake") != null) {
                        BigInteger stake = Units.parseTokens(t.option("--stake"));
                        tx(staking.bond(stake, staking.account()), "bonded " + Units.formatTokens(stake, 2) + " LPT to yourself");
                    }
                    tx(staking.registerOrchestrator(cut, share, t.option("--service-uri")), "registered " + staking.account()
                            + " (reward cut " + Units.formatPercentPpm(cut, 2) + ", fee share " + Units.formatPercentPpm(share, 2) + ")");
                }
            }
            case "bond" -> {
                BigInteger amount = Units.parseTokens(positional(t, 0, "LPT"));
                try (ChainClient chain = t.connect(property, true)) {
                    Staking staking = new Staking(chain);
                    String to = t.option("--to");
                    if (to == null) {
                        to = staking.delegator(staking.account()).delegate();
                        if (to.equals(ChainClient.ZERO_ADDRESS)) {
                            throw new ChainException("bond", "not bonded yet: say to whom with --to ADDRESS", false);
                        }
                    }
                    tx(staking.bond(amount, to), "bonded " + Units.formatTokens(amount, 2) + " LPT to " + to);
                }
            }
            case "unbond" -> {
                BigInteger amount = Units.parseTokens(positional(t, 0, "LPT"));
                try (ChainClient chain = t.connect(property, true)) {
                    UnbondingLock lock = new Staking(chain).unbond(amount);
                    out.println("unbonding lock " + lock.id() + ": " + Units.formatTokens(lock.amount(), 2)
                            + " LPT, withdrawable from round " + lock.withdrawRound());
                }
            }
            case "rebond" -> {
                long lock = lockId(positional(t, 0, "LOCK"));
                try (ChainClient chain = t.connect(property, true)) {
                    tx(new Staking(chain).rebond(lock, t.option("--to")), "rebonded lock " + lock);
                }
            }
            case "withdraw-stake" -> {
                long lock = lockId(positional(t, 0, "LOCK"));
                try (ChainClient chain = t.connect(property, true)) {
                    tx(new Staking(chain).withdrawStake(lock), "withdrew the stake of lock " + lock);
                }
            }
            case "withdraw-fees" -> {
                try (ChainClient chain = t.connect(property, true)) {
                    Staking staking = new Staking(chain);
                    BigInteger amount = t.positional.isEmpty() ? staking.pendingFees(staking.account())
                            : Units.parseTokens(t.positional.get(0));
                    String to = t.option("--to") == null ? staking.account() : t.option("--to");
                    tx(staking.withdrawFees(to, amount), "withdrew " + Units.formatTokens(amount, 6) + " ETH of fees to " + to);
                }
            }
            case "pending" -> {
                try (ChainClient chain = t.connect(property, false)) {
                    Staking staking = new Staking(chain);
                    String who = t.positional.isEmpty() ? accountOf(t) : t.positional.get(0);
                    pending(staking, who);
                }
            }
            case "advance-rounds" -> {
                int rounds = t.positional.isEmpty() ? 1 : count(t.positional.get(0));
                try (ChainClient chain = t.connect(property, true)) {
                    requireDevchain(chain);
                    long round = DevchainControl.advanceRounds(chain, rounds);
                    out.println("now in round " + round + " (block " + String.format(Locale.ROOT, "%,d", chain.blockNumber()) + ")");
                }
            }
            case "accounts" -> {
                try (ChainClient chain = t.connect(property, false)) {
                    requireDevchain(chain);
                    List<String> accounts = chain.nodeAccounts();
                    Staking staking = new Staking(chain);
                    for (int i = 0; i < accounts.size(); i++) {
                        out.println(i + "  " + accounts.get(i) + "  " + Units.formatTokens(staking.tokenBalance(accounts.get(i)), 2) + " LPT");
                    }
                }
            }
            case "new-account" -> {
                Path file = KeyStoreFiles.create(Path.of(required(t, "--keystore-dir")), Path.of(required(t, "--password-file")));
                out.println("created " + file + " (address 0x"
                        + file.getFileName().toString().replaceAll(".*--", "").replace(".json", "") + ")");
            }
            default -> throw new ChainException("usage", "unknown command '" + command + "'", false);
        }
        return 0;
    }

    /** The panel's treasury rows; a chain without a treasury says so in the panel instead of failing it. */
    private static String treasuryRows(NetworkStatsReader reader) throws ChainException {
        try {
            return StatsPanel.treasury(reader.treasury());
        } catch (ChainException e) {
            if (e.operation().equals(Registered.TREASURY)) {
                return StatsPanel.noTreasury("no Treasury registered in the Controller");
            }
            throw e;
        }
    }

    /** The account `pending` shows by default: the signing account the options or properties name. */
    private String accountOf(ToolTarget t) throws ChainException {
        try (ChainClient chain = t.connect(property, true)) {
            return chain.account();
        }
    }

    private void pending(Staking staking, String who) throws ChainException {
        DelegatorInfo d = staking.delegator(who);
        out.println("account        " + d.address());
        out.println("status         " + d.status().name().toLowerCase(Locale.ROOT)
                + (d.delegate().equals(ChainClient.ZERO_ADDRESS) ? "" : ", delegate " + d.delegate()));
        out.println("pending stake  " + Units.formatTokens(staking.pendingStake(who), 6) + " LPT");
        out.println("pending fees   " + Units.formatTokens(staking.pendingFees(who), 6) + " ETH");
        OrchestratorInfo o = staking.orchestrator(who);
        if (o.registered()) {
            out.println("orchestrator   " + (o.active() ? "active" : "inactive") + ", reward cut " + Units.formatPercentPpm(o.rewardCut(), 2)
                    + ", fee share " + Units.formatPercentPpm(o.feeShare(), 2) + ", total stake "
                    + Units.formatTokens(o.totalStake(), 2) + " LPT, last reward round " + o.lastRewardRound()
                    + (o.serviceUri().isEmpty() ? "" : ", " + o.serviceUri()));
        }
        for (UnbondingLock lock : staking.unbondingLocks(who)) {
            out.println("lock " + lock.id() + "         " + Units.formatTokens(lock.amount(), 6)
                    + " LPT, withdrawable from round " + lock.withdrawRound());
        }
    }

    private void tx(TxResult result, String what) {
        out.println(what + txLine(result));
    }

    /** @return {@code " (tx HASH, block N, gas G)"}: what every command that sends a transaction ends its line with */
    static String txLine(TxResult result) {
        return " (tx " + result.hash() + ", block " + result.blockNumber() + ", gas " + result.gasUsed() + ")";
    }

    private static void requireDevchain(ChainClient chain) throws ChainException {
        if (chain.chainId() != 31337 || chain.nodeAccounts().isEmpty()) {
            throw new ChainException("devchain", "only on the devchain (this is chain " + chain.chainId() + " at " + chain.url() + ")", false);
        }
    }

    static String required(ToolTarget t, String option) throws ChainException {
        String value = t.option(option);
        if (value == null) {
            throw new ChainException("usage", option + " is needed", false);
        }
        return value;
    }

    static String positional(ToolTarget t, int index, String what) throws ChainException {
        if (t.positional.size() <= index) {
            throw new ChainException("usage", what + " is needed", false);
        }
        return t.positional.get(index);
    }

    private static long lockId(String text) {
        try {
            long id = Long.parseLong(text);
            if (id >= 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("'" + text + "' is not a lock id (0, 1, ... as `chain pending` lists them)");
    }

    private static int count(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number of rounds");
        }
    }
}
