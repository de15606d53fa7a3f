/**
 * The chain client without a framework: {@link org.framegrid.chain.web3j.embedded.EmbeddedChain} connects to a chain
 * where the protocol is deployed and acts for ticket accounts ({@link org.framegrid.chain.web3j.embedded.TicketAccount})
 * through the client's one transaction sender per account, until it is closed;
 * {@link org.framegrid.chain.web3j.embedded.MessageSignatures} signs and recovers EIP-191 messages (since 1.1).
 *
 * <p>Why it exists: the client is internal and speaks web3j; yet tests of other bundles (real tickets redeemed on a
 * real anvil), tools and apps that embed a node need the TicketBroker side of the payment SPI in a plain JVM. This
 * package is their one entry point, with no web3j type in it, so none of them imports this bundle's internal package.
 * In a node the components {@code org.framegrid.chain} and {@code org.framegrid.chain.tickets} publish the same
 * services; nothing deployed uses this package.
 *
 * @since 1.0
 */
@Export
@Version("1.1.0")
package org.framegrid.chain.web3j.embedded;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
