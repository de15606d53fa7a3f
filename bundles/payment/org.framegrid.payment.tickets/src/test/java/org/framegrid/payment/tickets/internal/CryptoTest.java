package org.framegrid.payment.tickets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.framegrid.payment.api.ticket.Ticket;
import org.framegrid.testing.DevKeys;
import org.junit.jupiter.api.Test;

class CryptoTest {
    /** The well-known first dev account of anvil/Hardhat. */
    static final String KEY0 = DevKeys.ACCOUNT_0;
    static final String ADDRESS0 = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266";
    static final String ADDRESS1 = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";

    /** Fixed ticket fields whose hashes were computed independently with js-sha3 (keccak256 over the packed bytes). */
    static Ticket vectorTicket() {
        byte[] blockHash = new byte[32];
        Arrays.fill(blockHash, (byte) 0x11);
        return new Ticket(ADDRESS1, ADDRESS0, new BigInteger("1000000000000000000"), BigInteger.ONE.shiftLeft(255),
                BigInteger.valueOf(7), Keccak.keccak256(Bytes.uint256(BigInteger.valueOf(42))), 5, blockHash);
    }

    @Test
    void keccakIsEthereumsKeccakNotSha3() {
        assertEquals("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
                Bytes.hex(Keccak.keccak256(new byte[0])));
    }

    @Test
    void ticketHashMatchesIndependentVector() {
        Ticket ticket = vectorTicket();
        assertEquals("0xbeced09521047d05b8960b7e7bcc1d1292cf3e4b2a6b63f48335cbde5f7545d2",
                Bytes.hex(ticket.recipientRandHash()));
        byte[] hash = TicketRules.hash(ticket);
        assertEquals("0x8d112d535b1c8a3596bb942495450608770221defb12e2f1806acdabcec21490", Bytes.hex(hash));
        assertEquals("0xb7a37297e6d1b0db008cb611ad42a07c777349772f9e19b71bb191689794a12e",
                Bytes.hex(TicketRules.ethSignedMessageHash(hash)));
    }

    @Test
    void batchHasherGivesTheSameHashAsTheFullPacking() {
        Ticket template = vectorTicket();
        TicketRules.BatchHasher hasher = new TicketRules.BatchHasher(template);
        for (long nonce : new long[] {0, 7, 1L << 40}) {
            Ticket ticket = new Ticket(template.recipient(), template.sender(), template.faceValue(),
                    template.winProb(), BigInteger.valueOf(nonce), template.recipientRandHash(),
                    template.creationRound(), template.creationRoundBlockHash());
            assertEquals(Bytes.hex(TicketRules.hash(ticket)), Bytes.hex(hasher.hash(BigInteger.valueOf(nonce))));
        }
    }

    @Test
    void bothImplementationsDeriveTheDevAccountAddress() {
        for (Secp256k1 ec : implementations()) {
            assertEquals(ADDRESS0, new EthKey(Bytes.unhex(KEY0), ec).address(), ec.name());
        }
    }

    @Test
    void nativeAndJavaSignaturesAreIdenticalAndCrossRecover() {
        List<Secp256k1> all = implementations();
        byte[] key = Bytes.unhex(KEY0);
        for (int i = 0; i < 50; i++) {
            byte[] digest = Keccak.keccak256(("message " + i).getBytes(StandardCharsets.UTF_8));
            byte[] first = null;
            for (Secp256k1 ec : all) {
                byte[] signature = ec.sign(digest, key, ec.publicKey(key));
                int v = signature[64] & 0xff;
                assertTrue(v == 27 || v == 28, "v = " + v);
                // low s: s <= n/2
                BigInteger s = Bytes.unsigned(Arrays.copyOfRange(signature, 32, 64));
                assertTrue(s.compareTo(new BigInteger(
                        "7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0", 16)) <= 0);
                if (first != null) {
                    // RFC 6979 is deterministic: both libraries must produce the same bytes.
                    assertArrayEquals(first, signature, ec.name());
                }
                first = signature;
                for (Secp256k1 verifier : all) {
                    assertEquals(ADDRESS0, Bytes.hex(verifier.recoverAddress(digest, signature)), verifier.name());
                }
            }
        }
    }

    @Test
    void tamperedSignatureDoesNotRecoverToTheSigner() {
        byte[] key = Bytes.unhex(KEY0);
        byte[] digest = Keccak.keccak256("x".getBytes(StandardCharsets.UTF_8));
        for (Secp256k1 ec : implementations()) {
            byte[] signature = ec.sign(digest, key, ec.publicKey(key));
            signature[10] ^= 1;
            byte[] recovered = ec.recoverAddress(digest, signature);
            assertTrue(recovered == null || !Bytes.hex(recovered).equals(ADDRESS0), ec.name());
            byte[] badV = ec.sign(digest, key, ec.publicKey(key));
            badV[64] = 31;
            assertNull(ec.recoverAddress(digest, badV), ec.name());
        }
    }

    @Test
    void winRuleComparesKeccakOfSignatureAndRandWithWinProb() {
        byte[] signature = new byte[65];
        BigInteger rand = BigInteger.valueOf(42);
        BigInteger draw = Bytes.unsigned(Keccak.keccak256(signature, Bytes.uint256(rand)));
        assertTrue(TicketRules.wins(signature, rand, draw.add(BigInteger.ONE)));
        assertFalse(TicketRules.wins(signature, rand, draw));
        assertFalse(TicketRules.wins(signature, rand, BigInteger.ZERO));
        assertTrue(TicketRules.wins(signature, rand, Bytes.MAX_UINT256) || draw.equals(Bytes.MAX_UINT256));
        assertNotEquals(BigInteger.ZERO, draw);
    }

    @Test
    void nativeLibraryLoadsOnLinuxX86() {
        if (System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64")) {
            assertEquals("libsecp256k1 (native)", Secp256k1Provider.best().name());
        }
    }

    static List<Secp256k1> implementations() {
        Secp256k1 best = Secp256k1Provider.best();
        return best instanceof JavaSecp256k1 ? List.of(best) : List.of(best, new JavaSecp256k1());
    }
}
