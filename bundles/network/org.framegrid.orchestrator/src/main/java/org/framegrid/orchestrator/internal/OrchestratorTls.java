package org.framegrid.orchestrator.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.Logger;
import org.framegrid.chain.api.Signatures;
import org.framegrid.trickle.tls.BoundCertificates;
import org.framegrid.trickle.tls.Pem;
import org.framegrid.trickle.tls.TlsIdentity;

/**
 * What an orchestrator component serves HTTPS with: the certificate files it is configured with (a CA's), or a
 * certificate bound to its address, whose key pair is kept in its data folder and whose binding its chain account
 * signs. Plain HTTP only when {@code tls = false}, with a warning.
 */
final class OrchestratorTls {
    private static final Logger LOG = Logger.getLogger(OrchestratorTls.class.getName());

    private OrchestratorTls() {
    }

    /** @return the identity to serve, or {@code null} for plain HTTP */
    static TlsIdentity identity(OrchestratorComponent.Config config, Signatures signatures) throws IOException {
        String address = config.address().toLowerCase(Locale.ROOT);
        if (!config.tls()) {
            LOG.warning("orchestrator " + address + " serves plain HTTP (tls = false): its streams and payments are "
                    + "not encrypted, and gateways use it only with allow.plain.http = true");
            return null;
        }
        if (!config.tls_certificate_file().isBlank()) {
            if (config.tls_key_file().isBlank()) {
                throw new IllegalArgumentException("orchestrator " + address + ": tls.key.file is needed with "
                        + "tls.certificate.file");
            }
            TlsIdentity given = Pem.identity(Path.of(config.tls_certificate_file()), Path.of(config.tls_key_file()));
            LOG.info("orchestrator " + address + " serves HTTPS with " + config.tls_certificate_file() + " ("
                    + given.leaf().getSubjectX500Principal() + ", issued by " + given.leaf().getIssuerX500Principal()
                    + ")");
            return given;
        }
        if (!address.equals(signatures.account())) {
            throw new IllegalArgumentException("orchestrator " + address + ": its TLS certificate must be signed by "
                    + "its own key, but the chain account is " + signatures.account() + " (set chain.keystore.file "
                    + "to the orchestrator's keystore, or serve tls.certificate.file)");
        }
        Path key = Path.of(config.tls_key_folder(), address + ".key");
        TlsIdentity bound = BoundCertificates.identity(key, address, signatures::sign);
        LOG.info("orchestrator " + address + " serves HTTPS with a certificate bound to its address (TLS key "
                + key + ")");
        return bound;
    }
}
