package org.framegrid.chain.web3j.internal;

import org.framegrid.chain.api.ChainException;
import org.framegrid.chain.api.Signatures;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * Publishes {@link Signatures} once the chain connection is up (a node without a chain configuration has none): signed as the connection's own account (its
 * keystore, or the devchain's node account); a read-only connection recovers signatures only.
 */
@Component(name = "org.framegrid.chain.signatures", service = Signatures.class, configurationPid = ChainConnection.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class SignaturesComponent implements Signatures {
    private final Eip191 eip191;

    @Activate
    public SignaturesComponent(@Reference(name = "chain") ChainClient chain) {
        this.eip191 = new Eip191(chain.own() == null ? null : chain.own().key());
    }

    @Override
    public String account() {
        return eip191.account();
    }

    @Override
    public byte[] sign(byte[] message) throws ChainException {
        return eip191.sign(message);
    }

    @Override
    public String signer(byte[] message, byte[] signature) throws ChainException {
        return eip191.signer(message, signature);
    }
}
