package org.framegrid.gateway.internal;

import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A stream's status as {@code GET /v1/streams/ID} reports it (amounts as decimal strings in JSON).
 *
 * @param id the stream id
 * @param pipeline the pipeline it runs
 * @param orchestrator the serving orchestrator's address
 * @param orchestratorUri its service URI
 * @param session the session id there
 * @param events the session's events channel (JSON: status every 10 s, per-frame detections, texts, lines); it
 *     changes with a failover
 * @param segmentsIn input segments sent to orchestrators
 * @param segmentsOut output segments delivered whole to the app
 * @param framesSkipped frames of segments the gateway passed over because they were gone from a channel before it
 *     read them (it fell behind the app's input or an orchestrator's output), from the gap in time they left
 * @param framesLostInFailover input frames lost in failovers: sent to the failed session after the last frame it sent
 *     back, and those of the input segments the next session passed over (it starts at the live edge)
 * @param swaps failovers so far
 * @param lastGapMillis the output gap of the last failover, -1 before the first
 * @param payments periodic payments made
 * @param paidWei everything paid, initial payments included
 * @param deliveredWei the value of the output delivered
 * @param termsRefreshed how often stale payment terms were fetched again
 * @param valueAtRiskWei what the serving orchestrator was paid beyond the output it delivered
 * @param params the stream's params now (replayed after a failover)
 * @param failures why each session failed and each failover round found no orchestrator, in order
 */
record StreamReport(String id, String pipeline, String orchestrator, URI orchestratorUri, String session, URI events,
                    long segmentsIn, long segmentsOut, long framesSkipped, long framesLostInFailover, int swaps,
                    long lastGapMillis, long payments, BigInteger paidWei, BigInteger deliveredWei, long termsRefreshed,
                    BigInteger valueAtRiskWei, Map<String, Object> params, List<String> failures) {
}
