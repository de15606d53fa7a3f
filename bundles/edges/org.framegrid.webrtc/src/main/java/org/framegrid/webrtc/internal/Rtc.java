package org.framegrid.webrtc.internal;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCRtpCodecCapability;
import dev.onvoid.webrtc.media.MediaType;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.util.ArrayList;
import java.util.List;

/**
 * libwebrtc loaded: one peer connection factory over a headless audio device module. The default factory opens a
 * sound device and aborts the JVM on a host without one (spike FINDINGS §1), so the headless module is not optional.
 * Its playout must run, or remote audio never reaches the sinks; its recording runs so that custom audio sources are
 * pulled.
 */
final class Rtc implements AutoCloseable {
    /** The library webrtc-java loads from its class loader: the native fragment provides it. */
    static final String LIBRARY = "libwebrtc-java-linux-x86_64.so";

    private final HeadlessAudioDeviceModule adm;
    private final PeerConnectionFactory factory;

    private Rtc(HeadlessAudioDeviceModule adm, PeerConnectionFactory factory) {
        this.adm = adm;
        this.factory = factory;
    }

    /**
     * Loads libwebrtc and creates the factory.
     *
     * @throws IllegalStateException with one line saying what is missing
     */
    static Rtc load() {
        if (Rtc.class.getClassLoader().getResource(LIBRARY) == null) {
            // webrtc-java would fail with a bare NullPointerException (it copies a missing resource).
            throw new IllegalStateException("WebRTC natives for this platform not found: " + LIBRARY + " is missing "
                    + "(bundle org.framegrid.webrtc.natives.linux-x86_64 not installed or not attached)");
        }
        try {
            HeadlessAudioDeviceModule adm = new HeadlessAudioDeviceModule();
            adm.initPlayout();
            adm.startPlayout();
            adm.initRecording();
            adm.startRecording();
            return new Rtc(adm, new PeerConnectionFactory(adm));
        } catch (UnsatisfiedLinkError | ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new IllegalStateException("cannot load libwebrtc (" + e.getMessage() + "); it needs libpulse0, "
                    + "libudev1, libx11-6, libxfixes3, libxrandr2, libxcomposite1 and libdbus-1-3 installed", e);
        }
    }

    PeerConnectionFactory factory() {
        return factory;
    }

    /**
     * @param sending whether the codecs are for sending (WHEP) or receiving (WHIP)
     * @param names the video codecs allowed, best first
     * @return those codecs as capabilities in that order, H.264 only in packetization mode 1, each followed by
     *     retransmission (rtx)
     */
    List<RTCRtpCodecCapability> videoCodecs(boolean sending, List<String> names) {
        List<RTCRtpCodecCapability> all = (sending ? factory.getRtpSenderCapabilities(MediaType.VIDEO)
                : factory.getRtpReceiverCapabilities(MediaType.VIDEO)).getCodecs();
        List<RTCRtpCodecCapability> chosen = new ArrayList<>();
        for (String name : names) {
            for (RTCRtpCodecCapability c : all) {
                if (c.getName().equalsIgnoreCase(name)
                        && (!name.equals("H264") || "1".equals(c.getSDPFmtp().get("packetization-mode")))) {
                    chosen.add(c);
                }
            }
        }
        for (RTCRtpCodecCapability c : all) {
            if (c.getName().equalsIgnoreCase("rtx")) {
                chosen.add(c);
            }
        }
        return chosen;
    }

    @Override
    public void close() {
        factory.dispose();
        try {
            adm.stopPlayout();
            adm.stopRecording();
        } finally {
            adm.dispose();
        }
    }
}
