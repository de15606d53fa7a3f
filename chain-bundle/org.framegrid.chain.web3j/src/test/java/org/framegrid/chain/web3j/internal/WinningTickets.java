package org.framegrid.chain.web3j.internal;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.framegrid.chain.api.RoundInfo;
import org.framegrid.payment.api.ticket.Ticket;
import org.framegrid.payment.api.ticket.WinningTicket;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Tickets that always win (winProb = 2^256 - 1), made as a sender would, in the last initialised round: signed
 * (EIP-191, r || s || v) over the hash the TicketBroker itself computes, so these tests need no ticket hash of their
 * own.
 */
final class WinningTickets {

    static final BigInteger ALWAYS_WINS = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    private WinningTickets() {
    }

    static List<WinningTicket> make(TicketBrokerClient broker, Credentials sender, String recipient,
            BigInteger faceValue, int count) throws Exception {
        RoundInfo round = broker.round();
        List<WinningTicket> tickets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BigInteger rand = BigInteger.valueOf(1_000 + i);
            Ticket ticket = new Ticket(recipient, sender.getAddress(), faceValue, ALWAYS_WINS,
                    BigInteger.valueOf(i + 1), Hash.sha3(Numeric.toBytesPadded(rand, 32)), round.lastInitializedRound(),
                    Numeric.hexStringToByteArray(round.lastInitializedBlockHash()));
            Sign.SignatureData s = Sign.signPrefixedMessage(broker.ticketHash(ticket), sender.getEcKeyPair());
            byte[] signature = new byte[65];
            System.arraycopy(s.getR(), 0, signature, 0, 32);
            System.arraycopy(s.getS(), 0, signature, 32, 32);
            signature[64] = s.getV()[0];
            tickets.add(new WinningTicket(ticket, signature, rand));
        }
        return tickets;
    }
}
