package org.framegrid.chain.contracts;

/**
 * Where the protocol contracts live. Every field is a 0x-prefixed address; all but {@code controller} can be found
 * through the Controller ({@link ProtocolDeployer#lookUp}).
 */
public record ProtocolAddresses(
        String controller,
        String livepeerToken,
        String roundsManager,
        String minter,
        String bondingManager,
        String ticketBroker,
        String serviceRegistry,
        String bondingVotes,
        String treasury,
        String livepeerGovernor) {
}
