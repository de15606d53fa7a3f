package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.framegrid.payment.api.PaymentTerms;
import org.framegrid.payment.api.Price;
import org.framegrid.payment.api.Receipt;
import org.framegrid.testing.DevKeys;
import org.framegrid.testing.MemoryTicketChain;

/**
 * {@code bench tickets}: on one thread, ticket signing per second and ticket validation per second (what the
 * receiver does per ticket: hash, EIP-191 digest, signature recovery, nonce check, win check, crediting), for
 * libsecp256k1 and the BouncyCastle fallback side by side in one run. Goal: ≥ 20,000 validations/s.
 *
 * <p>Rates are work / this thread's CPU time, i.e. what one core does when it is not shared; the wall-clock rate
 * is printed beside it per round, and the two differ when other processes compete for the cores.
 */
public final class TicketsBench {
    private static final String KEY = DevKeys.ACCOUNT_0;
    private static final String RECIPIENT = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private TicketsBench() {
    }

    /** @param args {@code tickets [--tickets N] [--rounds N]} */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || !args[0].equals("tickets")) {
            System.err.println("usage: bench tickets [--tickets 20000] [--rounds 5]");
            System.exit(2);
        }
        int tickets = 20_000;
        int rounds = 5;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--tickets" -> tickets = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("bench tickets: unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        List<Secp256k1> implementations = new ArrayList<>();
        Secp256k1 best = Secp256k1Provider.best();
        if (!(best instanceof JavaSecp256k1)) {
            implementations.add(best);
        } else {
            System.out.println("bench tickets: libsecp256k1 did not load on this platform; fallback only");
        }
        implementations.add(new JavaSecp256k1());
        System.out.printf("bench tickets: one thread, %d tickets per round, best of %d rounds, %s, %s%n", tickets,
                rounds, System.getProperty("os.arch"), System.getProperty("java.vm.version"));
        double[][] results = new double[implementations.size()][];
        for (int i = 0; i < implementations.size(); i++) {
            results[i] = run(implementations.get(i), tickets, rounds);
        }
        System.out.printf("%-28s %16s %16s %16s%n", "", "validations/s", "signatures/s", "recoveries/s");
        for (int i = 0; i < implementations.size(); i++) {
            System.out.printf("%-28s %,16.0f %,16.0f %,16.0f%n", implementations.get(i).name(), results[i][0],
                    results[i][1], results[i][2]);
        }
        if (implementations.size() == 2) {
            System.out.printf("%-28s %15.1fx %15.1fx %15.1fx%n", "native / fallback", results[0][0] / results[1][0],
                    results[0][1] / results[1][1], results[0][2] / results[1][2]);
        }
        System.out.printf("per core (work / thread CPU time); goal >= 20,000 validations/s: %s%n",
                results[0][0] >= 20_000 ? "met" : "NOT met");
    }

    /** @return {validations/s, signatures/s, bare recoveries/s}, each the best round */
    private static double[] run(Secp256k1 ec, int tickets, int rounds) throws Exception {
        Path dir = Files.createTempDirectory("framegrid-bench-tickets");
        MemoryTicketChain chain = new MemoryTicketChain(); // the bench measures the node, not a chain
        try (WinningTicketStore store = WinningTicketStore.open(dir.resolve("winners.mv"))) {
            // A tiny EV against a large face value: almost no winners, so the disk is not what is measured.
            TicketRecipient recipient = new TicketRecipient(RECIPIENT, chain, store, ec,
                    new TicketRecipient.Settings(BigInteger.valueOf(1_000_000_000L), 100, 350_000, 1_000_000, 60_000),
                    id -> { });
            BigInteger lots = new BigInteger("1000000000000000000000000");
            TicketSender sender = new TicketSender(new EthKey(Bytes.unhex(KEY), ec),
                    new TicketSender.Settings(lots, BigInteger.ZERO));
            chain.fund(sender.address(), lots, lots);
            PaymentTerms terms = new PaymentTerms(TicketCodec.SCHEME,
                    TicketCodec.encodeTerms(recipient.params(sender.address())));
            Price price = new Price(TicketCodec.decodeTerms(terms.data()).expectedValue(), 1);
            int batch = 1_000;
            double bestSign = 0;
            double bestValidate = 0;
            double bestRecover = 0;
            for (int round = -1; round < rounds; round++) { // round -1 warms up the JIT
                List<byte[]> payments = new ArrayList<>();
                long start = System.nanoTime();
                long cpu = THREADS.getCurrentThreadCpuTime();
                for (int done = 0; done < tickets; done += batch) {
                    payments.add(sender.pay(RECIPIENT, terms, price, Math.min(batch, tickets - done)).data());
                }
                double signSeconds = (System.nanoTime() - start) / 1e9;
                double signCpu = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
                start = System.nanoTime();
                cpu = THREADS.getCurrentThreadCpuTime();
                int accepted = 0;
                for (byte[] payment : payments) {
                    Receipt receipt = recipient.receive("bench", payment);
                    if (!receipt.accepted()) {
                        throw new IllegalStateException("bench tickets: payment refused: " + receipt.rejections());
                    }
                    accepted += payment.length > 0 ? TicketCodec.decodePayment(payment).tickets().size() : 0;
                }
                double validateSeconds = (System.nanoTime() - start) / 1e9;
                double validateCpu = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
                // The floor under validation: signature recovery alone, on the same tickets.
                TicketCodec.Batch first = TicketCodec.decodePayment(payments.get(0));
                byte[] digest = TicketRules.ethSignedMessageHash(TicketRules.hash(first.ticket(first.tickets().get(0))));
                byte[] signature = first.tickets().get(0).signature();
                cpu = THREADS.getCurrentThreadCpuTime();
                for (int i = 0; i < tickets; i++) {
                    if (ec.recoverAddress(digest, signature) == null) {
                        throw new IllegalStateException("bench tickets: recovery failed");
                    }
                }
                double recoverCpu = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
                if (round >= 0) {
                    bestRecover = Math.max(bestRecover, tickets / recoverCpu);
                    bestSign = Math.max(bestSign, tickets / signCpu);
                    bestValidate = Math.max(bestValidate, accepted / validateCpu);
                    System.out.printf("  %-26s round %d: %,8.0f validations/s (wall %,8.0f), %,8.0f signatures/s"
                            + " (wall %,8.0f)%n", ec.name(), round + 1, accepted / validateCpu,
                            accepted / validateSeconds, tickets / signCpu, tickets / signSeconds);
                }
            }
            return new double[] {bestValidate, bestSign, bestRecover};
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }
}
