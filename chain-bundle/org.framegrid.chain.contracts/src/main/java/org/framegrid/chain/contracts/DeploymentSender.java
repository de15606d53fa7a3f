package org.framegrid.chain.contracts;

/**
 * Sends the transactions of a protocol deployment ({@link ProtocolDeployer}) one way or another: one at a time
 * through any transaction manager, or gathered into as few blocks as a local anvil allows. Not thread-safe.
 */
interface DeploymentSender {

    /** Sends a contract creation with {@code initCode} (bytecode and encoded constructor); returns its address. */
    String create(String label, String initCode) throws Exception;

    /** Sends a call of {@code data} to {@code to}. */
    void call(String label, String to, String data) throws Exception;

    /**
     * Returns once everything sent so far is mined and succeeded, so that later transactions may depend on its
     * effects (not only on addresses).
     *
     * @throws IllegalStateException naming the first transaction that failed
     */
    void flush() throws Exception;
}
