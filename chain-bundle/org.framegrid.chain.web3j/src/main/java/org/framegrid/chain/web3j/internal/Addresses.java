package org.framegrid.chain.web3j.internal;

/** Where the protocol's contracts live; found through the Controller. */
record Addresses(String controller, String token, String bondingManager, String roundsManager, String minter,
        String ticketBroker, String serviceRegistry) {
}
