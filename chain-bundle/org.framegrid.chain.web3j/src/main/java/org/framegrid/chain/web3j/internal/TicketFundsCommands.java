package org.framegrid.chain.web3j.internal;

import java.io.PrintStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.TxResult;
import org.framegrid.chain.api.Units;
import org.framegrid.payment.api.ticket.SenderState;

/**
 * The gateway operator's {@code framegrid chain} commands for its TicketBroker funds ({@link SenderFunding}), with the
 * same one-line errors as the staking commands ({@link ChainCommands} reports them).
 *
 * @param property the node's properties (where its chain is found)
 * @param out      where results are printed
 */
record TicketFundsCommands(UnaryOperator<String> property, PrintStream out) {

    /** Its lines of the tool's usage, indented as those of {@link ChainCommands#USAGE}. */
    static final String USAGE = """
              deposit ETH [--reserve ETH]                 add to your ticket deposit (and reserve)
              unlock                                      start an unlock: withdraw after the unlock period
              cancel-unlock                               stop an unlock: the funds pay tickets again
              withdraw                                    take out deposit and reserve once unlocked
              funds [ADDRESS]                             deposit, reserve and unlock (default: yours)
            """.stripTrailing();

    static final List<String> COMMANDS = List.of("deposit", "unlock", "cancel-unlock", "withdraw", "funds");

    void execute(String command, ToolTarget t) throws ChainException {
        if (command.equals("funds") && !t.positional.isEmpty()) {
            try (ChainClient chain = t.connect(property, false)) {
                print(new SenderFunding(chain, null), t.positional.get(0));
            }
            return;
        }
        try (ChainClient chain = t.connect(property, true)) {
            SenderFunding funding = new SenderFunding(chain, chain.own());
            switch (command) {
                case "deposit" -> {
                    if (t.positional.isEmpty()) {
                        throw new ChainException("usage", "ETH is needed", false);
                    }
                    BigInteger deposit = Units.parseTokens(t.positional.get(0));
                    BigInteger reserve = t.option("--reserve") == null ? BigInteger.ZERO
                            : Units.parseTokens(t.option("--reserve"));
                    tx(funding.fund(deposit, reserve), "deposited " + eth(deposit) + " ETH and reserved "
                            + eth(reserve) + " ETH for " + funding.account());
                }
                case "unlock" -> {
                    TxResult result = funding.unlock();
                    tx(result, "unlocking: deposit and reserve can be withdrawn from round "
                            + funding.state(funding.account()).withdrawRound());
                }
                case "cancel-unlock" -> tx(funding.cancelUnlock(), "unlock cancelled: the funds pay tickets again");
                case "withdraw" -> {
                    SenderState before = funding.state(funding.account());
                    tx(funding.withdraw(), "withdrew " + eth(before.deposit()) + " ETH of deposit and "
                            + eth(before.reserve()) + " ETH of reserve to " + funding.account());
                }
                case "funds" -> print(funding, funding.account());
                default -> throw new ChainException("usage", "unknown command '" + command + "'", false);
            }
        }
    }

    private void print(SenderFunding funding, String who) throws ChainException {
        SenderState s = funding.state(who);
        out.println("sender         " + who.toLowerCase(Locale.ROOT));
        out.println("deposit        " + eth(s.deposit()) + " ETH");
        out.println("reserve        " + eth(s.reserve()) + " ETH");
        out.println("unlock         " + (s.withdrawRound() == 0
                ? "none (an unlock takes " + funding.unlockPeriod() + " rounds)"
                : "withdrawable from round " + s.withdrawRound()));
    }

    private void tx(TxResult result, String what) {
        out.println(what + " (tx " + result.hash() + ", block " + result.blockNumber() + ", gas " + result.gasUsed()
                + ")");
    }

    private static String eth(BigInteger wei) {
        return Units.formatTokens(wei, 6);
    }
}
