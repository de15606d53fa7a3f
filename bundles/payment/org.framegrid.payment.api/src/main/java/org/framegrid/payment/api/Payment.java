package org.framegrid.payment.api;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A payment made by a sender, to be carried to the orchestrator as bytes.
 *
 * @param scheme the provider's scheme name; the receiver of the same scheme decodes {@code data}
 * @param data the provider-specific encoding (e.g. a batch of signed tickets)
 * @param value what the sender believes the payment is worth (for tickets: the expected value); the receiver
 *     computes its own figure and never trusts this one
 */
public record Payment(String scheme, byte[] data, BigInteger value) {
    public Payment {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(value, "value");
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }
}
