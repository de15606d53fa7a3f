package org.framegrid.chain.web3j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.framegrid.chain.api.ChainException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Credentials;

class KeyStoreFilesTest {

    @TempDir
    Path dir;

    @Test
    void createdKeystoreUnlocksWithItsPasswordFile() throws Exception {
        Path password = Files.writeString(dir.resolve("password.txt"), "correct horse battery staple\n");
        Path keystore = KeyStoreFiles.create(dir.resolve("keys"), password);
        Credentials account = KeyStoreFiles.load(keystore, password);
        // Keystores are named UTC--<time>--<address>(.json): the file and the key agree.
        assertTrue(keystore.getFileName().toString().replace(".json", "").endsWith(account.getAddress().substring(2)),
                keystore.toString());
        assertTrue(Files.readString(keystore).contains("\"crypto\""), "an encrypted V3 keystore");
        assertFalse(Files.readString(keystore).contains(account.getEcKeyPair().getPrivateKey().toString(16)),
                "the private key is not stored in clear");
    }

    @Test
    void wrongPasswordNamesTheFilesNotTheSecrets() throws Exception {
        Path password = Files.writeString(dir.resolve("password.txt"), "right\n");
        Path keystore = KeyStoreFiles.create(dir.resolve("keys"), password);
        Path wrong = Files.writeString(dir.resolve("wrong.txt"), "wrong\n");
        ChainException e = assertThrows(ChainException.class, () -> KeyStoreFiles.load(keystore, wrong));
        assertEquals("keystore: cannot unlock " + keystore + " with the password in " + wrong + " (wrong password?)", e.getMessage());
        assertFalse(e.getMessage().contains("right") || e.getMessage().contains("wrong\n"));
    }

    @Test
    void missingOrEmptyFilesAreNamed() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.txt"), "");
        ChainException e = assertThrows(ChainException.class, () -> KeyStoreFiles.load(dir.resolve("none.json"), empty));
        assertEquals("keystore: password file " + empty + " is empty", e.getMessage());
        Path password = Files.writeString(dir.resolve("password.txt"), "x\n");
        e = assertThrows(ChainException.class, () -> KeyStoreFiles.load(dir.resolve("none.json"), password));
        assertEquals("keystore: keystore file " + dir.resolve("none.json") + " does not exist", e.getMessage());
        Path notJson = Files.writeString(dir.resolve("bad.json"), "hello");
        e = assertThrows(ChainException.class, () -> KeyStoreFiles.load(notJson, password));
        assertTrue(e.getMessage().startsWith("keystore: " + notJson + " is not an Ethereum JSON keystore"), e.getMessage());
    }
}
