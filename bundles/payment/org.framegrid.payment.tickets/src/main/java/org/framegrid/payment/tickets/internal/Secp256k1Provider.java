package org.framegrid.payment.tickets.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Picks libsecp256k1 when its native library loads on this platform, BouncyCastle otherwise. Decided once per class
 * loader (a native library binds to one class loader; its context is shared and lives as long as the bundle).
 */
final class Secp256k1Provider {
    private static final Logger LOG = Logger.getLogger(Secp256k1Provider.class.getName());

    private Secp256k1Provider() {
    }

    private static final class Holder {
        static final Secp256k1 BEST = load();
    }

    /** @return the native implementation if it loads, else the pure-Java one */
    static Secp256k1 best() {
        return Holder.BEST;
    }

    private static Secp256k1 load() {
        try {
            Secp256k1 loaded = NativeSecp256k1.load();
            LOG.log(Level.FINE, "signing with {0}", loaded.name());
            return loaded;
        } catch (UnsatisfiedLinkError | RuntimeException unavailable) {
            LOG.log(Level.INFO, "libsecp256k1 not available on this platform ({0}); signing with BouncyCastle",
                    String.valueOf(unavailable.getMessage()));
            return new JavaSecp256k1();
        }
    }
}
