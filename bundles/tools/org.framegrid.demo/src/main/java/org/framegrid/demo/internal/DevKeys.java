package org.framegrid.demo.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.generators.SCrypt;

/**
 * The devchain's accounts and their keys. The devchain's anvil runs with its default mnemonic, whose keys are public
 * by design (every Foundry and Hardhat user has them); the demo checks each derived address against the chain's
 * account list before using a key. Nodes get them as a hex key file (payments) and an Ethereum V3 keystore (chain).
 */
final class DevKeys {
    private static final HexFormat HEX = HexFormat.of();

    /** anvil's default development keys, accounts 0-9 ("test test ... junk"). */
    static final List<String> KEYS = List.of(
            "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
            "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
            "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
            "7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
            "47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
            "8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
            "92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
            "4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
            "dbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
            "2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6");

    private DevKeys() {
    }

    static byte[] keccak(byte[] data) {
        KeccakDigest d = new KeccakDigest(256);
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return out;
    }

    /** @return the 4-byte selector of a Solidity signature, hex */
    static String selector(String signature) {
        return HEX.formatHex(keccak(signature.getBytes(StandardCharsets.US_ASCII)), 0, 4);
    }

    static String topic(String eventSignature) {
        return "0x" + HEX.formatHex(keccak(eventSignature.getBytes(StandardCharsets.US_ASCII)));
    }

    /** @return the lower-case 0x address of a private key */
    static String address(String hexKey) {
        var curve = SECNamedCurves.getByName("secp256k1");
        byte[] pub = curve.getG().multiply(new BigInteger(hexKey, 16)).normalize().getEncoded(false);
        byte[] hash = keccak(Arrays.copyOfRange(pub, 1, pub.length));
        return "0x" + HEX.formatHex(hash, 12, 32);
    }

    /** The key of devchain account {@code index}, checked against the address the chain lists for it. */
    static String key(int index, List<String> chainAccounts) {
        String key = KEYS.get(index);
        String derived = address(key);
        if (!derived.equalsIgnoreCase(chainAccounts.get(index))) {
            throw new IllegalStateException("devchain account " + index + " is " + chainAccounts.get(index)
                    + ", not anvil's default " + derived + " (was anvil started with another mnemonic?)");
        }
        return key;
    }

    /** Writes the key as a hex file (what the payment components read). */
    static Path writeHex(Path file, String hexKey) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, hexKey + "\n", StandardCharsets.US_ASCII);
        return file;
    }

    /**
     * Writes an Ethereum V3 keystore (scrypt n=4096 r=8 p=6, aes-128-ctr, keccak MAC), the format the chain
     * connection unlocks with its password file.
     */
    static Path writeKeystore(Path file, String hexKey, String password) throws IOException {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[32];
        byte[] iv = new byte[16];
        random.nextBytes(salt);
        random.nextBytes(iv);
        int n = 4096;
        int r = 8;
        int p = 6;
        byte[] derived = SCrypt.generate(password.getBytes(StandardCharsets.UTF_8), salt, n, r, p, 32);
        byte[] cipherText;
        try {
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derived, 0, 16, "AES"), new IvParameterSpec(iv));
            cipherText = aes.doFinal(HEX.parseHex(hexKey));
        } catch (GeneralSecurityException e) {
            throw new IOException("keystore " + file + ": AES-128-CTR is not available: " + e.getMessage(), e);
        }
        byte[] macInput = new byte[16 + cipherText.length];
        System.arraycopy(derived, 16, macInput, 0, 16);
        System.arraycopy(cipherText, 0, macInput, 16, cipherText.length);
        Map<String, Object> kdf = new LinkedHashMap<>();
        kdf.put("dklen", 32);
        kdf.put("n", n);
        kdf.put("p", p);
        kdf.put("r", r);
        kdf.put("salt", HEX.formatHex(salt));
        Map<String, Object> crypto = new LinkedHashMap<>();
        crypto.put("cipher", "aes-128-ctr");
        crypto.put("ciphertext", HEX.formatHex(cipherText));
        crypto.put("cipherparams", Map.of("iv", HEX.formatHex(iv)));
        crypto.put("kdf", "scrypt");
        crypto.put("kdfparams", kdf);
        crypto.put("mac", HEX.formatHex(keccak(macInput)));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("address", address(hexKey).substring(2).toLowerCase(Locale.ROOT));
        json.put("crypto", crypto);
        json.put("id", UUID.randomUUID().toString());
        json.put("version", 3);
        Files.createDirectories(file.getParent());
        Files.write(file, new ObjectMapper().writeValueAsBytes(json));
        return file;
    }
}
