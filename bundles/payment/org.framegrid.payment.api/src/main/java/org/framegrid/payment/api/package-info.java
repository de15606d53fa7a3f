/**
 * Paying for work. A gateway holds a {@link org.framegrid.payment.api.PaymentSender}; an orchestrator holds a
 * {@link org.framegrid.payment.api.PaymentReceiver}. They talk through opaque byte blobs tagged with a scheme name:
 * the orchestrator hands out {@link org.framegrid.payment.api.PaymentTerms}, the gateway answers with a
 * {@link org.framegrid.payment.api.Payment}, and the orchestrator credits the session's balance and debits it per
 * unit of work, failing with {@link org.framegrid.payment.api.PaymentRequiredException} when it runs out.
 *
 * <p>Providers register both services with the property {@value org.framegrid.payment.api.PaymentReceiver#SCHEME}
 * and a {@code service.ranking}. Consumers use the highest-ranked provider for new sessions and keep routing a
 * session's payments to the provider of its scheme, so a newly installed provider takes over new work while sessions
 * already paid through the old one finish there.
 */
@Export
@Version("1.1.0")
package org.framegrid.payment.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
