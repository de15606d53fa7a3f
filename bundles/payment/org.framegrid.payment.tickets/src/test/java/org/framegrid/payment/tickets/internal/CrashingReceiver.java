package org.framegrid.payment.tickets.internal;

import java.nio.file.Path;

/**
 * Child process for {@link StoreAndWorkerTest}: acknowledges winning tickets, prints their ids, then waits to be
 * killed (SIGKILL: no shutdown hooks, no clean close of the store).
 */
public final class CrashingReceiver {
    private CrashingReceiver() {
    }

    public static void main(String[] args) throws Exception {
        Fixture fx = new Fixture(Path.of(args[0]), CryptoTest.ADDRESS1, 0, StoreAndWorkerTest.ALWAYS_WINS_EV);
        int winners = StoreAndWorkerTest.acknowledgeWinners(fx, Integer.parseInt(args[1]));
        System.out.println("acknowledged " + winners + " " + fx.store.pending().keySet());
        System.out.flush();
        System.in.read(); // blocks until the parent kills us
    }
}
