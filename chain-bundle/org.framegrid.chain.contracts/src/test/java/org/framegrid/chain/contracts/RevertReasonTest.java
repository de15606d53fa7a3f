package org.framegrid.chain.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The Java list of revert reasons is exactly the set of reason strings in the Solidity sources. */
class RevertReasonTest {

    private static final Pattern REASON = Pattern.compile("\"([A-Z][A-Za-z]+: [^\"]+)\"");
    // The one reason built at run time: Manager.onlyContract(name) appends the expected caller's name.
    private static final String CALLER_PREFIX = "Manager: caller is not the ";
    private static final Set<String> CALLERS = Set.of("Minter", "RoundsManager", "BondingManager", "TicketBroker",
            "Verifier");

    @Test
    void enumMatchesSoliditySources() throws IOException {
        Set<String> inSource = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/solidity"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sol")).toList()) {
                Matcher m = REASON.matcher(Files.readString(file));
                while (m.find()) {
                    inSource.add(m.group(1));
                }
            }
        }
        inSource.remove(CALLER_PREFIX);
        CALLERS.forEach(c -> inSource.add(CALLER_PREFIX + c));
        Set<String> inJava = Arrays.stream(RevertReason.values()).map(RevertReason::reason)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(inSource, inJava);
    }

    @Test
    void findPrefersTheLongestReasonAndReadsCauses() {
        String web3jMessage = "Transaction 0xabc has failed with status: 0x0. Gas used: 30000. Revert reason: "
                + "'Minter: invalid inflation change'.";
        assertEquals(RevertReason.MINTER_INVALID_INFLATION_CHANGE, RevertReason.find(web3jMessage).orElseThrow());
        assertEquals(RevertReason.BONDING_UNBONDING_PERIOD_NOT_OVER, RevertReason.find(new RuntimeException("outer",
                new IllegalStateException("BondingManager: unbonding period not over"))).orElseThrow());
        assertEquals("unbonding period not over", RevertReason.BONDING_UNBONDING_PERIOD_NOT_OVER.message());
        assertEquals(java.util.Optional.empty(), RevertReason.find("out of gas"));
    }
}
