package org.framegrid.testing;

/**
 * The well-known development keys of anvil (and Hardhat), as hex private keys: public test keys, worth nothing
 * anywhere. Account {@code n} is the {@code n}-th account anvil funds at start.
 */
public final class DevKeys {
    /** Account 0, 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266. */
    public static final String ACCOUNT_0 = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    /** Account 1, 0x70997970C51812dc3A010C7d01b50e0d17dc79C8. */
    public static final String ACCOUNT_1 = "59c6995e998f97a5a0044966f0945389dc9ab5290f37c9bd4d4e19e6a3a4a9a7";
    /** Account 2, 0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC. */
    public static final String ACCOUNT_2 = "5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a";

    private DevKeys() {
    }
}
