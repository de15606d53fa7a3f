package org.framegrid.models.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files and byte arrays, as lower-case hex. */
final class Sha256 {

    private Sha256() {
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String of(Path file) throws IOException {
        MessageDigest digest = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String of(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** @throws IOException saying what was expected and found, and what to do, when {@code actual} differs */
    static void check(String what, String expected, String actual, String pinnedIn) throws IOException {
        if (!expected.equalsIgnoreCase(actual)) {
            throw new IOException("SHA-256 mismatch for " + what + ": expected " + expected + " (pinned in " + pinnedIn
                    + "), got " + actual + ". The package changed upstream or the download is corrupt: delete the"
                    + " cached copy and build again, or, if the new content is intended, review it and pin the new value.");
        }
    }
}
