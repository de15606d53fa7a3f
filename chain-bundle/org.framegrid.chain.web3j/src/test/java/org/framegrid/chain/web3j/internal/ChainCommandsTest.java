package org.framegrid.chain.web3j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.framegrid.chain.contracts.ProtocolParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's `chain` commands (staking and ticket funds) against a real anvil, found the way a tool finds the
 * node's devchain (the node folder's run/devchain.properties): output lines, exit codes, and revert reasons as one
 * readable line.
 */
class ChainCommandsTest {

    private static Fixture f;
    private static Commands commands;
    @TempDir
    static Path home;

    @BeforeAll
    static void devchain() throws Exception {
        f = new Fixture(ProtocolParameters.defaults().withRoundLength(20).withUnbondingPeriod(2));
        commands = new Commands(f, home);
        f.advanceRounds(1);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private int run(String... args) {
        return commands.run(args);
    }

    private String out() {
        return commands.out();
    }

    private String err() {
        return commands.err();
    }

    @Test
    void operatorAndDelegatorSession() {
        String orchestrator = f.address(0);
        assertEquals(0, run("register", "--reward-cut", "10%", "--fee-share", "50", "--stake", "1000",
                "--service-uri", "https://127.0.0.1:8935"), err());
        assertTrue(out().contains("registered " + orchestrator + " (reward cut 10.00%, fee share 50.00%)"), out());

        assertEquals(0, run("bond", "500", "--to", orchestrator, "--account", "1"), err());
        assertTrue(out().startsWith("bonded 500.00 LPT to " + orchestrator), out());

        assertEquals(1, run("withdraw-stake", "7", "--account", "1"));
        assertEquals("chain withdraw-stake: BondingManager: invalid unbonding lock ID\n", err());

        assertEquals(0, run("advance-rounds", "1"), err());
        assertTrue(out().startsWith("now in round "), out());

        assertEquals(0, run("unbond", "100", "--account", "1"), err());
        Matcher lock = Pattern.compile("unbonding lock 0: 100.00 LPT, withdrawable from round (\\d+)").matcher(out());
        assertTrue(lock.find(), out());

        assertEquals(1, run("withdraw-stake", "0", "--account", "1"));
        assertEquals("chain withdraw-stake: BondingManager: unbonding period not over\n", err());

        assertEquals(0, run("pending", "--account", "1"), err());
        assertTrue(out().contains("status         bonded, delegate " + orchestrator), out());
        assertTrue(out().contains("pending stake  400.000000 LPT"), out());
        assertTrue(out().contains("lock 0         100.000000 LPT, withdrawable from round " + lock.group(1)), out());

        assertEquals(0, run("pending", orchestrator), err());
        assertTrue(out().contains("orchestrator   active, reward cut 10.00%, fee share 50.00%, total stake 1,400.00 LPT"), out());

        assertEquals(0, run("advance-rounds", "2"), err());
        assertEquals(0, run("withdraw-stake", "0", "--account", "1"), err());
        assertTrue(out().startsWith("withdrew the stake of lock 0"), out());

        assertEquals(1, run("withdraw-fees", "--account", "1", "0.5"));
        assertEquals("chain withdraw-fees: BondingManager: insufficient fees to withdraw\n", err());

        assertEquals(0, run("status"), err());
        assertTrue(out().contains("Total supply         50,948,531.72 LPT"), out());
        assertTrue(out().contains("Total bonded         1,400.00 LPT"), out());
        assertTrue(out().contains("Delegators           2"), out());
        assertTrue(out().contains("Orchestrators        1"), out());
        // Nobody called reward(): the treasury holds nothing yet; the devchain deploys Livepeer's cut and ceiling.
        assertTrue(out().contains("Treasury             0.00 LPT\n"), out());
        assertTrue(out().contains("Treasury cut         10.00% of each reward\n"), out());
        assertTrue(out().contains("Treasury ceiling     750,000.00 LPT\n"), out());
    }

    @Test
    void badInputGetsOneClearLine() {
        assertEquals(2, run("bond", "12abc", "--to", f.address(0)));
        assertEquals("chain bond: '12abc' is not an amount (expected e.g. 1000 or 12.5)\n", err());
        assertEquals(2, run("rebond", "x"));
        assertEquals("chain rebond: 'x' is not a lock id (0, 1, ... as `chain pending` lists them)\n", err());
        assertEquals(1, run("bond", "1", "--to", "0x12"));
        assertEquals("chain bond: '0x12' is not an address (expected 0x and 40 hex digits)\n", err());
        assertEquals(1, run("pending", "--account", "99"));
        assertTrue(err().startsWith("chain pending: --account 99 does not exist (the node has accounts 0-"), err());
        assertEquals(2, run("frobnicate"));
        assertTrue(err().startsWith("chain frobnicate: unknown command 'frobnicate'\nusage: framegrid chain"), err());
        assertEquals(2, run("bond", "1", "--colour", "red"));
        assertTrue(err().startsWith("chain bond: unknown option --colour"), err());
    }

    @Test
    void keystoreAccountSignsAndAnEmptyWalletIsToldSo(@TempDir Path keys) throws Exception {
        Path password = Files.writeString(keys.resolve("password.txt"), "s3cret\n");
        assertEquals(0, run("new-account", "--keystore-dir", keys.resolve("store").toString(), "--password-file", password.toString()), err());
        Matcher created = Pattern.compile("created (\\S+) \\(address (0x[0-9a-f]{40})\\)").matcher(out());
        assertTrue(created.find(), out());
        String keystore = created.group(1);
        String address = created.group(2);
        assertEquals(0, run("pending", "--keystore", keystore, "--password-file", password.toString()), err());
        assertTrue(out().startsWith("account        " + address + "\nstatus         unbonded"), out());
        // A fresh account has no ETH for gas: one readable line, from the node, no hex.
        assertEquals(1, run("bond", "1", "--to", f.address(0), "--keystore", keystore, "--password-file", password.toString()));
        assertTrue(err().startsWith("chain bond: account " + address + " has too little ETH to pay for gas ("), err());
        assertEquals(1, err().lines().count(), err());
        assertTrue(!err().contains("s3cret"));
    }

    @Test
    void withoutANodeItSaysWhatToDo() {
        int code = commands.run(name -> null, "status");
        assertEquals(1, code);
        assertEquals("chain status: no chain to talk to: start the node (it runs a devchain when no chain is configured), "
                + "or give --rpc URL --controller ADDRESS\n", err());
        assertEquals(1, run("status", "--rpc", "http://127.0.0.1:1", "--controller", f.devchain.controller()));
        assertTrue(err().startsWith("chain status: no Ethereum JSON-RPC node answers at http://127.0.0.1:1"), err());
    }

    /** A gateway operator's ticket funds: deposit and reserve, unlock, cancel, unlock again, withdraw. */
    @Test
    void depositUnlockCancelAndWithdraw() throws Exception {
        String gateway = f.address(3);
        assertEquals(1, run("unlock", "--account", "3"));
        assertEquals("chain unlock: TicketBroker: sender deposit and reserve are zero\n", err());

        assertEquals(0, run("deposit", "1.5", "--reserve", "0.5", "--account", "3"), err());
        assertTrue(out().startsWith("deposited 1.500000 ETH and reserved 0.500000 ETH for " + gateway + " (tx 0x"),
                out());
        assertEquals(0, run("funds", gateway), err());
        assertTrue(out().contains("deposit        1.500000 ETH\nreserve        0.500000 ETH\nunlock         none "
                + "(an unlock takes 2 rounds)"), out());

        assertEquals(1, run("withdraw", "--account", "3"));
        assertEquals("chain withdraw: TicketBroker: no unlock request in progress\n", err());
        assertEquals(1, run("cancel-unlock", "--account", "3"));
        assertEquals("chain cancel-unlock: TicketBroker: no unlock request in progress\n", err());

        assertEquals(0, run("unlock", "--account", "3"), err());
        assertTrue(out().startsWith("unlocking: deposit and reserve can be withdrawn from round "), out());
        assertEquals(1, run("unlock", "--account", "3"));
        assertEquals("chain unlock: TicketBroker: unlock already initiated\n", err());
        assertEquals(0, run("cancel-unlock", "--account", "3"), err());
        assertTrue(out().startsWith("unlock cancelled"), out());

        assertEquals(0, run("unlock", "--account", "3"), err());
        assertEquals(1, run("withdraw", "--account", "3"));
        assertEquals("chain withdraw: TicketBroker: account is locked\n", err());
        f.advanceRounds(2);
        assertEquals(0, run("withdraw", "--account", "3"), err());
        assertTrue(out().startsWith("withdrew 1.500000 ETH of deposit and 0.500000 ETH of reserve to " + gateway),
                out());
        assertEquals(0, run("funds", "--account", "3"), err());
        assertTrue(out().contains("deposit        0.000000 ETH\nreserve        0.000000 ETH\n"), out());
    }

    @Test
    void fundsCommandsNameTheWrongWord() {
        assertEquals(2, run("deposit", "--account", "3"));
        assertTrue(err().startsWith("chain deposit: ETH is needed\n"), err());
        assertEquals(2, run("deposit", "lots", "--account", "3"));
        assertTrue(err().startsWith("chain deposit: "), err());
        assertTrue(err().contains("lots"), err());
        assertEquals(1, run("funds", "0xnot-an-address"));
        assertTrue(err().startsWith("chain funds: ") && err().contains("0xnot-an-address"), err());
    }
}
