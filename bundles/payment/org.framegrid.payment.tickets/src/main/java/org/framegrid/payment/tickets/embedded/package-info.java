/**
 * Ticket payments without a framework: {@link org.framegrid.payment.tickets.embedded.EmbeddedTickets} makes this
 * bundle's sender and receiver components from configurations with the keys and defaults they have in a node, over
 * the ticket chain and redeemer its caller hands in.
 *
 * <p>Why it exists: the components are internal and take their configuration and the chain services from DS; yet the
 * end-to-end network test, tools and apps that embed a node pay with real tickets in a plain JVM. This package is their
 * one entry point, so none of them imports this bundle's internal package or sets a component's fields by
 * reflection. In a node DS makes the components from the PIDs {@code framegrid.payment.tickets.sender} and
 * {@code framegrid.payment.tickets.receiver}; nothing deployed uses this package.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
package org.framegrid.payment.tickets.embedded;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
