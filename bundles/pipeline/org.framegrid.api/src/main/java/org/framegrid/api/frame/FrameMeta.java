package org.framegrid.api.frame;

/**
 * The well-known metadata keys that stages from different bundles agree on. Other keys are free: any stage may define
 * its own {@link MetaKey}.
 *
 * <p>Constants only; thread-safe.
 */
public interface FrameMeta {
    /** Objects found in the frame (detectors, trackers). */
    MetaKey<Detections> DETECTIONS = new MetaKey<>("framegrid.detections", Detections.class);
    /** Lines to draw or analyse (tripwires, skeletons). */
    MetaKey<Lines> LINES = new MetaKey<>("framegrid.lines", Lines.class);
    /** Text labels (captions, counters, OCR). */
    MetaKey<Texts> TEXTS = new MetaKey<>("framegrid.texts", Texts.class);
    /** A per-pixel class mask (segmentation). */
    MetaKey<Mask> MASK = new MetaKey<>("framegrid.mask", Mask.class);
    /** Raw tensors produced by an inference stage, before or instead of decoding. */
    MetaKey<Tensors> TENSORS = new MetaKey<>("framegrid.tensors", Tensors.class);
    /** Decoded audio that belongs with the frame (WebRTC sources and sinks); since 2.1. */
    MetaKey<AudioSamples> AUDIO = new MetaKey<>("framegrid.audio", AudioSamples.class);
    /**
     * The frame code drawn into the picture by its source: frame number, capture time, last app event.
     *
     * @since 2.2
     */
    MetaKey<FrameCode> FRAME_CODE = new MetaKey<>("framegrid.frame-code", FrameCode.class);
}
