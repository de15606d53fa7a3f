package org.framegrid.chain.web3j.internal;

import java.io.PrintStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.Units;
import org.framegrid.chain.web3j.internal.Proposals.Proposal;

/**
 * The governance commands of {@code framegrid chain}: {@code proposals}, {@code propose}, {@code vote}, {@code queue}
 * and {@code execute}. Failures are thrown as {@link ChainException} (one line, said by {@link ChainCommands}) or
 * {@link IllegalArgumentException} for bad input.
 *
 * @param property the node's properties (where its chain is found)
 * @param out      where results are printed
 */
record GovernanceCommands(UnaryOperator<String> property, PrintStream out) {

    static final List<String> COMMANDS = List.of("proposals", "propose", "vote", "queue", "execute");
    static final List<String> OPTIONS = List.of("--set", "--description", "--reason");
    static final String USAGE = """
              proposals                                   governance proposals: state, votes, change
              propose --set NAME=VALUE [--description TEXT]
                                                          propose a parameter change, e.g. treasuryRewardCutRate=20%
              vote N for|against|abstain [--reason TEXT]  vote with your stake (a delegator overrides its orchestrator)
              queue N                                     put a passed proposal in the Treasury timelock
              execute N                                   carry out a queued proposal
            """.stripTrailing(); // two columns in, as ChainCommands.USAGE lists its commands

    void run(String command, ToolTarget t) throws ChainException {
        switch (command) {
            case "proposals" -> {
                try (ChainClient chain = t.connect(property, false)) {
                    list(chain);
                }
            }
            case "propose" -> {
                GovernableParameter.Change change = GovernableParameter.parse(ChainCommands.required(t, "--set"));
                try (ChainClient chain = t.connect(property, true)) {
                    BigInteger before = change.parameter().current(chain);
                    String description = t.option("--description") != null ? t.option("--description")
                            : "Set " + change + " (from " + change.parameter().unit().format(before) + ")";
                    Proposal p = new Governance(chain).propose(change, description);
                    out.println("proposed " + p.number() + ": " + change.parameter().key() + " from "
                            + change.parameter().unit().format(before) + " to " + change.parameter().unit()
                            .format(change.value()) + "; voting in rounds " + rounds(p) + " (id " + p.id() + ")");
                }
            }
            case "vote" -> {
                String ref = ChainCommands.positional(t, 0, "the proposal's number");
                Governance.Support support = Governance.Support.parse(ChainCommands.positional(t, 1,
                        "for, against or abstain"));
                try (ChainClient chain = t.connect(property, true)) {
                    Governance governance = new Governance(chain);
                    Proposal p = governance.proposals().find(ref);
                    vote(p, governance.vote(p, support, t.option("--reason")));
                }
            }
            case "queue", "execute" -> {
                String ref = ChainCommands.positional(t, 0, "the proposal's number");
                try (ChainClient chain = t.connect(property, true)) {
                    Governance governance = new Governance(chain);
                    Proposal p = governance.proposals().find(ref);
                    if (command.equals("queue")) {
                        out.println("queued proposal " + p.number() + " in the Treasury timelock"
                                + ChainCommands.txLine(governance.queue(p)));
                    } else {
                        out.println("executed proposal " + p.number() + ": " + changes(chain, p)
                                + ChainCommands.txLine(governance.execute(p)));
                    }
                }
            }
            default -> throw new IllegalStateException("not a governance command: " + command);
        }
    }

    private void list(ChainClient chain) throws ChainException {
        Governance governance = new Governance(chain);
        List<Proposal> all = governance.proposals().all();
        if (all.isEmpty()) {
            out.println("no proposals yet (`chain propose --set NAME=VALUE` makes one); round " + governance.round());
            return;
        }
        for (Proposal p : all) {
            out.println("proposal " + p.number() + " (" + p.state().text() + ", voting in rounds " + rounds(p) + "): "
                    + changes(chain, p) + " - \"" + p.description() + "\"");
            out.println("  " + Governance.tally(p) + "; quorum " + Units.formatTokens(governance.quorum(p), 2)
                    + " LPT; proposer " + p.proposer() + "; id " + p.id());
        }
        out.println("now round " + governance.round());
    }

    private void vote(Proposal p, Governance.Vote vote) {
        String line = (vote.support() == Governance.Support.ABSTAIN ? "abstained on" : "voted " + vote.support().text())
                + " proposal " + p.number() + " with "
                + Units.formatTokens(vote.weight(), 2) + " LPT";
        if (vote.delegate() != null) {
            line += vote.overridden() != null ? ", overriding your orchestrator " + vote.delegate() + " (it voted "
                    + vote.overridden().text() + ")" : "; your orchestrator " + vote.delegate() + " votes without it";
        } else if (vote.votedByOthers().signum() > 0) {
            line += " (" + Units.formatTokens(vote.votedByOthers(), 2) + " LPT of your delegators voted themselves)";
        }
        out.println(line + ChainCommands.txLine(vote.tx()));
    }

    /** @return the changes {@code p} makes, as parameter assignments where they are ours to read */
    private static String changes(ChainClient chain, Proposal p) {
        List<String> changes = new ArrayList<>();
        for (int i = 0; i < p.targets().size(); i++) {
            byte[] call = p.calls().get(i);
            String target = p.targets().get(i);
            changes.add(GovernableParameter.decode(chain.addresses(), target, call).map(Object::toString)
                    .orElse("a call to " + target));
        }
        return String.join(", ", changes);
    }

    private static String rounds(Proposal p) {
        return (p.voteStart() + 1) + "-" + p.voteEnd();
    }
}
