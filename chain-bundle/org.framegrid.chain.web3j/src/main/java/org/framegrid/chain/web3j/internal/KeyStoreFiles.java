package org.framegrid.chain.web3j.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.framegrid.chain.api.ChainException;
import org.web3j.crypto.exception.CipherException;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.ObjectMapperFactory;

/**
 * The node's account: an encrypted JSON keystore (the Ethereum V3 format geth and go-livepeer use) unlocked with the
 * first line of a password file. Neither the key nor the password is ever logged or put in a message: errors name
 * the files only.
 */
final class KeyStoreFiles {

    private KeyStoreFiles() {
    }

    /** Unlocks {@code keystore} with the password in {@code passwordFile}. */
    static Credentials load(Path keystore, Path passwordFile) throws ChainException {
        String password = password(passwordFile);
        if (!Files.isRegularFile(keystore)) {
            throw new ChainException("keystore", "keystore file " + keystore + " does not exist", false);
        }
        try {
            return WalletUtils.loadCredentials(password, keystore.toFile());
        } catch (CipherException e) {
            throw new ChainException("keystore", "cannot unlock " + keystore + " with the password in " + passwordFile
                    + " (wrong password?)", false);
        } catch (IOException | RuntimeException e) {
            throw new ChainException("keystore", keystore + " is not an Ethereum JSON keystore (" + e.getClass().getSimpleName() + ")", false);
        }
    }

    /**
     * Creates a new account in a new keystore file in {@code directory}, encrypted with the password in
     * {@code passwordFile} (scrypt with geth's "light" parameters: unlocking takes well under a second).
     *
     * @return the keystore file
     */
    static Path create(Path directory, Path passwordFile) throws ChainException {
        String password = password(passwordFile);
        try {
            Files.createDirectories(directory);
            ECKeyPair key = Keys.createEcKeyPair();
            String name = WalletUtils.generateWalletFile(password, key, directory.toFile(), false);
            return directory.resolve(name);
        } catch (IOException e) {
            throw new ChainException("new-account", "cannot write a keystore in " + directory + ": " + e.getMessage(), false);
        } catch (CipherException | java.security.GeneralSecurityException e) {
            throw new ChainException("new-account", "cannot create a key: " + e.getClass().getSimpleName(), false);
        }
    }

    /**
     * Writes {@code key} into the keystore file {@code keystore}, encrypted with the password in {@code passwordFile}
     * (the same light scrypt parameters as {@link #create}).
     */
    static void write(Path keystore, ECKeyPair key, Path passwordFile) throws ChainException {
        String password = password(passwordFile);
        try {
            WalletFile wallet = Wallet.createLight(password, key);
            Path parent = keystore.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            ObjectMapperFactory.getObjectMapper().writeValue(keystore.toFile(), wallet);
        } catch (IOException e) {
            throw new ChainException("keystore", "cannot write the keystore " + keystore + ": " + e.getMessage(), false);
        } catch (CipherException e) {
            throw new ChainException("keystore", "cannot encrypt a key: " + e.getClass().getSimpleName(), false);
        }
    }

    private static String password(Path passwordFile) throws ChainException {
        try {
            List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw new ChainException("keystore", "password file " + passwordFile + " is empty", false);
            }
            return lines.get(0); // the first line, without its line break: what `echo secret > file` writes
        } catch (IOException e) {
            throw new ChainException("keystore", "cannot read the password file " + passwordFile, false);
        }
    }
}
