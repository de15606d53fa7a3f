package org.framegrid.gateway.client;

import java.net.URI;

/**
 * A started stream.
 *
 * @param id the stream id
 * @param input the trickle channel to publish MPEG-TS segments into
 * @param output the trickle channel to read processed segments from
 * @param orchestrator the address of the orchestrator serving it at start
 */
public record StreamInfo(String id, URI input, URI output, String orchestrator) {
}
