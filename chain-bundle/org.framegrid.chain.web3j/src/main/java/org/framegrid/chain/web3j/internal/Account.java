package org.framegrid.chain.web3j.internal;

import java.util.Locale;

import org.web3j.crypto.Credentials;

/**
 * Who signs an account's transactions: a key of ours, or the node itself (anvil's unlocked development accounts,
 * where we never see a key).
 *
 * @param key         the key, or {@code null} for a node-held account
 * @param nodeAccount the node-held account's address when {@code key} is {@code null}
 */
record Account(Credentials key, String nodeAccount) {

    static Account of(Credentials key) {
        return new Account(key, null);
    }

    static Account nodeHeld(String address) {
        return new Account(null, address);
    }

    /** @return the address, lower-case hex: what one nonce sequence belongs to */
    String address() {
        return (key != null ? key.getAddress() : nodeAccount).toLowerCase(Locale.ROOT);
    }

    /** Never the key: records print their components. */
    @Override
    public String toString() {
        return "Account[" + address() + "]";
    }
}
