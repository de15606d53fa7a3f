/**
 * The protocol on chain, as the node and its operators see it: {@link org.framegrid.chain.api.ChainService} (blocks
 * and network statistics), {@link org.framegrid.chain.api.StakingService} (orchestrator registration, delegation,
 * unbonding locks, fees), {@link org.framegrid.chain.api.RoundService} with the
 * {@link org.framegrid.chain.api.RoundListener} whiteboard, {@link org.framegrid.chain.api.DevchainService} on a
 * local development chain, and {@link org.framegrid.chain.api.Signatures} (signed messages as the node's account).
 *
 * <p>Nothing here names a client library. Addresses are {@code 0x}-prefixed hex strings, amounts are
 * {@link java.math.BigInteger} wei (LPT and ETH both have 18 decimals; {@link org.framegrid.chain.api.Units} formats
 * and parses them), rates are integers in the protocol's fixed point. Every call that reaches the chain throws
 * {@link org.framegrid.chain.api.ChainException} with a readable reason. Unless a method says otherwise, parameters
 * and results are never {@code null} and services are thread-safe.
 */
@Export
@Version("2.2.0")
package org.framegrid.chain.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
