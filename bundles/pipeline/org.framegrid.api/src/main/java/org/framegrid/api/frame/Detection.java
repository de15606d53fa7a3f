package org.framegrid.api.frame;

/**
 * One detected object. Coordinates are normalised to the frame ({@code 0..1}) so that they survive a resize.
 *
 * <p>Immutable and thread-safe.
 *
 * @param x left edge, {@code 0..1}
 * @param y top edge, {@code 0..1}
 * @param width box width, {@code 0..1}
 * @param height box height, {@code 0..1}
 * @param classId the model's class index, or -1 when unknown
 * @param label the class name; may be {@code null}
 * @param score confidence {@code 0..1}
 * @param trackId a tracker's id for the object, or -1 when untracked
 */
public record Detection(float x, float y, float width, float height, int classId, String label, float score,
                        long trackId) {
}
