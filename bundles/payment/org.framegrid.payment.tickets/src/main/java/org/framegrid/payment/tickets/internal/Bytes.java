package org.framegrid.payment.tickets.internal;

import java.math.BigInteger;
import java.util.HexFormat;

/** Ethereum byte encodings: hex, addresses, uint256 words. */
final class Bytes {
    static final BigInteger MAX_UINT256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    private static final HexFormat HEX = HexFormat.of();

    private Bytes() {
    }

    static String hex(byte[] bytes) {
        return "0x" + HEX.formatHex(bytes);
    }

    static byte[] unhex(String hex) {
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        return HEX.parseHex(digits);
    }

    /** @return the 20 bytes of a 0x-prefixed address, or an IllegalArgumentException naming the bad value */
    static byte[] address(String address) {
        byte[] bytes;
        try {
            bytes = unhex(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("address: not hex: '" + address + "'");
        }
        if (bytes.length != 20) {
            throw new IllegalArgumentException("address: expected 20 bytes, got " + bytes.length + " in '" + address
                    + "'");
        }
        return bytes;
    }

    /** @return the address in lower case, for comparing and keys */
    static String normalize(String address) {
        return hex(address(address));
    }

    /** @return {@code value} as a big-endian 32-byte word (uint256) */
    static byte[] uint256(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("uint256 out of range: " + value);
        }
        byte[] raw = value.toByteArray();
        byte[] word = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, word, 32 - copy, copy);
        return word;
    }

    /** @return a non-negative decimal amount of wei from configuration, or an error naming the key and value */
    static BigInteger wei(String value, String key) {
        try {
            BigInteger wei = new BigInteger(value.strip());
            if (wei.signum() < 0) {
                throw new NumberFormatException("negative");
            }
            return wei;
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("configuration " + key + ": expected a whole number of wei, got '"
                    + value + "'");
        }
    }

    static BigInteger unsigned(byte[] bytes) {
        return new BigInteger(1, bytes);
    }
}
