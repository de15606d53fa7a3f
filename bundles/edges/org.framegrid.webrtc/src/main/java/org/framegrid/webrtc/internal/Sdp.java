package org.framegrid.webrtc.internal;

import java.util.ArrayList;
import java.util.List;

/** The little SDP this bundle reads and repairs; WebRTC's own parser does the rest. */
final class Sdp {

    /** One trickled candidate. */
    record Candidate(String mid, String line) {
    }

    private Sdp() {
    }

    /**
     * FFmpeg 8.1's WHIP muxer declares {@code a=ssrc-group:FID main rtx} without an {@code a=ssrc} line for the rtx
     * SSRC, and libwebrtc then refuses the whole offer; such dangling groups are dropped (spike FINDINGS §2).
     */
    static String dropDanglingSsrcGroups(String sdp) {
        StringBuilder out = new StringBuilder();
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("a=ssrc-group:FID ")) {
                String[] ssrcs = line.substring(17).trim().split(" ");
                if (ssrcs.length == 2 && !sdp.contains("a=ssrc:" + ssrcs[1] + " ")) {
                    continue;
                }
            }
            out.append(line).append("\r\n");
        }
        return out.toString();
    }

    /**
     * Adds, after each UDP host candidate, the same candidate at {@code address}: what a client outside a 1:1 NAT
     * must reach. The host candidates stay, so clients on the same network still connect directly.
     */
    static String withPublicAddress(String sdp, String address) {
        if (address == null || address.isBlank()) {
            return sdp;
        }
        StringBuilder out = new StringBuilder();
        for (String line : sdp.split("\r?\n")) {
            out.append(line).append("\r\n");
            String[] f = line.split(" ");
            // a=candidate:FOUNDATION COMPONENT udp PRIORITY ADDRESS PORT typ host ...
            if (line.startsWith("a=candidate:") && f.length > 7 && f[2].equalsIgnoreCase("udp")
                    && f[7].equals("host") && !f[4].equals(address)) {
                f[0] = f[0] + "9";
                f[4] = address;
                out.append(String.join(" ", f)).append("\r\n");
            }
        }
        return out.toString();
    }

    /** @return the candidates of a trickle-ice-sdpfrag body, each with the {@code a=mid:} before it */
    static List<Candidate> candidates(String fragment) {
        List<Candidate> out = new ArrayList<>();
        String mid = "0";
        for (String line : fragment.split("\r?\n")) {
            if (line.startsWith("a=mid:")) {
                mid = line.substring(6).trim();
            } else if (line.startsWith("a=candidate:")) {
                out.add(new Candidate(mid, line.substring(2).trim()));
            }
        }
        return out;
    }

    /** @return whether {@code sdp} has an m-line of {@code kind} ("video", "audio") that is not rejected (port 0) */
    static boolean accepts(String sdp, String kind) {
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=" + kind + " ")) {
                String[] f = line.split(" ");
                if (f.length > 1 && !f[1].equals("0")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return the first codec name of the first accepted m-line of {@code kind}, e.g. "H264"; empty if none */
    static String firstCodec(String sdp, String kind) {
        String payload = null;
        for (String line : sdp.split("\r?\n")) {
            if (payload == null && line.startsWith("m=" + kind + " ")) {
                String[] f = line.split(" ");
                if (f.length > 3 && !f[1].equals("0")) {
                    payload = f[3];
                }
            } else if (payload != null && line.startsWith("a=rtpmap:" + payload + " ")) {
                String name = line.substring(line.indexOf(' ') + 1);
                return name.substring(0, name.indexOf('/'));
            }
        }
        return "";
    }
}
