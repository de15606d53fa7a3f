package org.framegrid.payment.tickets.internal;

import fr.acinq.secp256k1.Secp256k1CFunctions;
import fr.acinq.secp256k1.Secp256k1Exception;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * libsecp256k1 (the C library the reference node uses) through ACINQ's JNI binding. One context for the life of the
 * class loader: libsecp256k1 contexts are safe to share between threads for signing and recovery.
 */
final class NativeSecp256k1 implements Secp256k1 {
    static final String LIBRARY = "secp256k1-jni";
    private final long context;

    private NativeSecp256k1(long context) {
        this.context = context;
    }

    /**
     * Loads the library: first as a bundle's native code or from java.library.path, else from the class path copy
     * the binding jar carries (plain-Java runs: tests, the bench).
     *
     * @throws UnsatisfiedLinkError if no library for this platform can be loaded
     */
    static NativeSecp256k1 load() {
        try {
            System.loadLibrary(LIBRARY);
        } catch (UnsatisfiedLinkError notInstalled) {
            loadFromClassPath(notInstalled);
        }
        long context = Secp256k1CFunctions.secp256k1_context_create(
                Secp256k1CFunctions.SECP256K1_CONTEXT_SIGN | Secp256k1CFunctions.SECP256K1_CONTEXT_VERIFY);
        return new NativeSecp256k1(context);
    }

    private static void loadFromClassPath(UnsatisfiedLinkError notInstalled) {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("linux") ? "linux" : "other";
        String arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> System.getProperty("os.arch");
        };
        String resource = "/fr/acinq/secp256k1/jni/native/" + os + "-" + arch + "/lib" + LIBRARY + ".so";
        try (InputStream in = NativeSecp256k1.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw notInstalled;
            }
            Path file = Files.createTempFile("framegrid-secp256k1-", ".so");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            System.load(file.toString());
        } catch (IOException e) {
            UnsatisfiedLinkError error = new UnsatisfiedLinkError("secp256k1: cannot extract " + resource + ": " + e);
            error.addSuppressed(notInstalled);
            throw error;
        }
    }

    @Override
    public String name() {
        return "libsecp256k1 (native)";
    }

    @Override
    public byte[] publicKey(byte[] privateKey) {
        byte[] encoded = Secp256k1CFunctions.secp256k1_ec_pubkey_create(context, privateKey);
        return Arrays.copyOfRange(encoded, encoded.length - 64, encoded.length);
    }

    @Override
    public byte[] signCompact(byte[] digest32, byte[] privateKey) {
        // libsecp256k1 signs deterministically (RFC 6979) and always in low-s form.
        return Secp256k1CFunctions.secp256k1_ecdsa_sign(context, digest32, privateKey, null);
    }

    @Override
    public byte[] recoverPublicKey(byte[] digest32, byte[] compact64, int recId) {
        try {
            byte[] encoded = Secp256k1CFunctions.secp256k1_ecdsa_recover(context, compact64, digest32, recId);
            return encoded == null ? null : Arrays.copyOfRange(encoded, encoded.length - 64, encoded.length);
        } catch (Secp256k1Exception invalid) {
            return null;
        }
    }
}
