package org.framegrid.payment.api;

import java.util.Objects;

/**
 * What an orchestrator asks of a sender before it pays, e.g. ticket parameters. Only the provider of the same
 * scheme reads {@code data}; everyone else carries it as bytes.
 *
 * @param scheme the provider's scheme name, e.g. {@code "tickets"}
 * @param data the provider-specific encoding
 */
public record PaymentTerms(String scheme, byte[] data) {
    public PaymentTerms {
        Objects.requireNonNull(scheme, "scheme");
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }
}
