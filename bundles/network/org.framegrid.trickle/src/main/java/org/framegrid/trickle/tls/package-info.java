/**
 * TLS between Framegrid nodes and on the gateway's developer API, with JDK types only: a server's
 * {@link org.framegrid.trickle.tls.TlsIdentity} (its key and certificate chain, read from PEM files or made by
 * {@link org.framegrid.trickle.tls.BoundCertificates}), and {@link org.framegrid.trickle.tls.NodeTrust}, the client's
 * trust manager that accepts an orchestrator's certificate only when it is bound to the address the gateway selected
 * for that service URI, or issued by a configured CA for that host.
 *
 * <p>A bound certificate is self-signed over a key pair the orchestrator keeps in its data folder; its extension
 * {@value org.framegrid.trickle.tls.BoundCertificates#BINDING_OID} holds the orchestrator's Ethereum signature
 * (EIP-191, 65 bytes r||s||v) of {@link org.framegrid.trickle.tls.BoundCertificates#message(java.security.PublicKey)}:
 * the text {@code "Framegrid TLS key sha256:"} and the hex SHA-256 of the certificate's SubjectPublicKeyInfo.
 * Signing and recovering are the chain's ({@code org.framegrid.chain.api.Signatures}); this package only carries the
 * signature.
 *
 * @since 1.0
 */
@Export
@Version("1.0.0")
package org.framegrid.trickle.tls;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
