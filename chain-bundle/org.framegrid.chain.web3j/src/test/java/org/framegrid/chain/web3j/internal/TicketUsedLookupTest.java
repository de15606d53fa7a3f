package org.framegrid.chain.web3j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import org.framegrid.chain.api.RoundInfo;
import org.framegrid.chain.contracts.ProtocolParameters;
import org.framegrid.payment.api.ticket.WinningTicket;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Credentials;

/**
 * A winner whose redemption was mined before (its answer lost) is found in the broker's WinningTicketRedeemed events
 * read from the start of the ticket's creation round, not from block 1 (which public RPC nodes refuse to scan).
 */
class TicketUsedLookupTest {
    private static final BigInteger ETH = BigInteger.TEN.pow(18);

    @Test
    void aTicketRedeemedBeforeIsFoundInTheEventsSinceItsCreationRound() throws Exception {
        Fixture f = new Fixture(ProtocolParameters.defaults().withRoundLength(20));
        try {
            f.advanceRounds(3); // some rounds old: its first blocks hold nothing of this ticket
            Credentials key = f.devchain.accounts().get(1);
            InterferingService service = new InterferingService(f.devchain.url());
            try (ChainClient node = ChainClient.connect(service, f.devchain.url(), f.devchain.controller(),
                    Account.of(key), Duration.ofMillis(5), null)) {
                Staking staking = new Staking(node);
                TicketBrokerClient redeemer = new TicketBrokerClient(node, key);
                String orchestrator = staking.account();
                staking.bond(Fixture.LPT.multiply(BigInteger.valueOf(1_000)), orchestrator);
                staking.registerOrchestrator(0, 0, null);
                Credentials gatewayKey = f.devchain.accounts().get(2);
                TicketBrokerClient gateway = new TicketBrokerClient(f.chain(2), gatewayKey);
                gateway.fund(gateway.account(), ETH, ETH);
                f.advanceRounds(1); // the orchestrator is active
                WinningTicket winner = WinningTickets.make(redeemer, gatewayKey, orchestrator,
                        ETH.divide(BigInteger.valueOf(100)), 1).getFirst();
                String first = redeemer.redeem(winner);
                int before = service.logsFrom.size();
                assertEquals(first, redeemer.redeem(winner), "the earlier redemption is found, nothing is sent again");
                assertEquals(before + 1, service.logsFrom.size(), service.logsFrom.toString());
                String from = service.logsFrom.getLast();
                assertTrue(from.startsWith("0x"), "the lookup starts at a block, not at '" + from + "'");
                RoundInfo now = redeemer.round();
                long creationStart = now.startBlock()
                        - (now.round() - winner.ticket().creationRound()) * now.length();
                assertEquals(creationStart, Long.decode(from), "from the start of the ticket's creation round");
                assertTrue(creationStart > 1, String.valueOf(creationStart));
            }
        } finally {
            f.close();
        }
    }
}
