package org.framegrid.stage.model;

import java.nio.FloatBuffer;
import java.util.Set;

import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.inference.api.ColorOrder;
import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.Tensor;
import org.framegrid.inference.api.TensorLayout;

/**
 * Writes a packed RGB24, BGR24 or RGBA frame into a model's float image input, as the model's descriptor says: in its
 * layout (NHWC or NCHW), its colour order (RGB, BGR, or RGB plus a constant channel of 1) and its normalisation. The
 * frame goes in whole, {@linkplain #letterbox letterboxed} (see {@link Letterbox}) or {@linkplain #stretch stretched},
 * or as a {@linkplain #crop rectangle} into the left columns of a wider input (a text line). Samples are bilinear, or
 * nearest for models trained on nearest-sampled input; letterbox padding is black, as MediaPipe pads, or the frame's
 * edge pixels repeated, where a hard border would look like an edge to the model.
 *
 * <p>Sampling tables and row buffers are rebuilt only when the geometry changes (frame size, format or stride,
 * input, rectangle), normalisation is a per-channel lookup table, bilinear weights are 8-bit fixed point (exact enough
 * for an 8-bit lookup, and no float maths per sample), and padding is written only when the geometry or the input
 * tensor changes: the steady state allocates nothing and rewrites only the image rows. Not thread-safe: one instance
 * per stage instance.
 *
 * @since 2.0
 */
public final class ImageInputWriter {

    /** The frame formats the writer reads. */
    public static final Set<PixelFormat> FORMATS = Set.of(PixelFormat.RGB24, PixelFormat.BGR24, PixelFormat.RGBA);

    /** How a sample is taken from the frame. */
    public enum Sampling {
        /** Weighted from the four nearest pixels. */
        BILINEAR,
        /** The pixel the sample's centre falls in. */
        NEAREST
    }

    /** What a letterbox puts around the image. */
    public enum Padding {
        /** Black (0 before normalisation), as MediaPipe's letterbox. */
        BLACK,
        /** The frame's edge pixels, repeated outwards. */
        EDGE
    }

    private final ImageInput spec;
    private final boolean nearest;
    private final boolean edge;
    private final boolean nhwc;
    private final int channels;
    private final InputRaster raster;

    // The geometry of the last write; a change rebuilds the tables and rewrites the padding.
    private PixelFormat format;
    private int frameWidth;
    private int frameHeight;
    private int stride;
    /** The frame area written: {@code x, y, w, h} in frame pixels. */
    private final float[] area = new float[4];
    private int used;
    private Tensor target;
    private FloatBuffer targetFloats;
    private int inputWidth;
    private int inputHeight;
    /** The letterbox of the last write, {@code null} when it stretched or cropped. */
    private Letterbox letterbox;
    private Tensor sized;
    private InputSize sizedFor;

    /**
     * A writer that samples bilinearly and pads letterboxes black.
     *
     * @throws IllegalArgumentException if the input is neither RGB, BGR nor RGB plus a constant channel
     */
    public ImageInputWriter(ImageInput spec) {
        this(spec, Sampling.BILINEAR, Padding.BLACK);
    }

    /**
     * @param spec     the model's image input
     * @param sampling how samples are taken
     * @param padding  what surrounds a letterboxed image
     * @throws IllegalArgumentException if the input is neither RGB, BGR nor RGB plus a constant channel
     */
    public ImageInputWriter(ImageInput spec, Sampling sampling, Padding padding) {
        ColorOrder order = spec.colorOrder();
        if (order != ColorOrder.RGB && order != ColorOrder.BGR && order != ColorOrder.RGB_ONE) {
            throw new IllegalArgumentException("input " + spec.name() + " wants " + order
                    + "; the model stages feed RGB, BGR or RGB_ONE");
        }
        this.spec = spec;
        this.nearest = sampling == Sampling.NEAREST;
        this.edge = padding == Padding.EDGE;
        this.nhwc = spec.layout() == TensorLayout.NHWC;
        this.channels = order.channels();
        this.raster = new InputRaster(spec);
    }

    /** @return whether frames of {@code format} can be written (one of {@link #FORMATS}) */
    public static boolean accepts(PixelFormat format) {
        return format == PixelFormat.RGB24 || format == PixelFormat.BGR24 || format == PixelFormat.RGBA;
    }

    /** @return the model's image input this writer fills */
    public ImageInput spec() {
        return spec;
    }

    /**
     * @return an input tensor of {@code size} in the model's layout, the same one while the size stays (so its
     *     padding is written once); allocated zero-filled when the size changes
     */
    public Tensor input(InputSize size) {
        if (!size.equals(sizedFor)) {
            sized = Tensor.allocate(ElementType.FLOAT32, spec.shape(size.width(), size.height()));
            sizedFor = size;
        }
        return sized;
    }

    /**
     * Writes the whole frame into the whole {@code input}, scaled to fit and centred, the rest padded. Pass the same
     * tensor for every frame: padding is written only when it or the frame geometry changes.
     *
     * @return the letterbox used, to map results back to the frame
     * @throws IllegalArgumentException if the frame's format is not one of {@link #FORMATS} or the tensor is not
     *                                  this input's
     */
    public Letterbox letterbox(Frame frame, Tensor input) {
        write(frame, input, 0, 0, frame.width(), frame.height(), width(input), true);
        return letterbox;
    }

    /**
     * Writes the whole frame over the whole {@code input}, stretched to its size (its aspect ratio is the frame's when
     * it was chosen with {@link InputSize#choose}).
     *
     * @throws IllegalArgumentException if the frame's format is not one of {@link #FORMATS} or the tensor is not
     *                                  this input's
     */
    public void stretch(Frame frame, Tensor input) {
        write(frame, input, 0, 0, frame.width(), frame.height(), width(input), false);
    }

    /**
     * Writes the frame rectangle {@code (x, y, w, h)} (frame pixels; it may reach outside the frame, whose edges are
     * then repeated) stretched into the left {@code columns} columns of {@code input}; the other columns keep what
     * they hold (a text line padded on the right).
     *
     * @throws IllegalArgumentException if the frame's format is not one of {@link #FORMATS}, the tensor is not this
     *                                  input's or {@code columns} is not within its width
     */
    public void crop(Frame frame, float x, float y, float w, float h, int columns, Tensor input) {
        if (columns < 1 || columns > width(input)) {
            throw new IllegalArgumentException(columns + " columns do not fit an input " + width(input) + " wide");
        }
        write(frame, input, x, y, w, h, columns, false);
    }

    /** Writes the frame area {@code (x, y, w, h)} over the left {@code columns} columns of the input. */
    private void write(Frame frame, Tensor input, float x, float y, float w, float h, int columns,
            boolean letterboxed) {
        if (!accepts(frame.format())) {
            throw new IllegalArgumentException("unsupported pixel format " + frame.format() + "; expected one of "
                    + FORMATS);
        }
        boolean fresh = input != target || frame.format() != format || frame.width() != frameWidth
                || frame.height() != frameHeight || frame.stride(0) != stride || columns != used
                || letterboxed != (letterbox != null) || x != area[0] || y != area[1] || w != area[2] || h != area[3];
        if (fresh) {
            prepare(frame, input, x, y, w, h, columns, letterboxed);
        }
        raster.fill(frame, fresh);
        raster.copyTo(targetFloats, fresh);
    }

    /** Builds the sampling tables and buffers for a new geometry. */
    private void prepare(Frame frame, Tensor input, float x, float y, float w, float h, int columns,
            boolean letterboxed) {
        if (input != target) {
            target = input;
            targetFloats = input.floats();
            inputWidth = width(input);
            inputHeight = height(input);
        }
        format = frame.format();
        frameWidth = frame.width();
        frameHeight = frame.height();
        stride = frame.stride(0);
        area[0] = x;
        area[1] = y;
        area[2] = w;
        area[3] = h;
        used = columns;
        int bpp = format.elementBytes(0);
        raster.resize(inputWidth, inputHeight, used, frameWidth * bpp);
        if (letterboxed) {
            // The image covers [pad, side - pad] of the input; samples outside it are padding unless edges repeat.
            letterbox = Letterbox.of(frameWidth, frameHeight, inputWidth, inputHeight);
            raster.columns.map(used, letterbox.padX(), inputWidth - letterbox.padX(), letterbox.scale(), 0,
                    frameWidth, bpp, edge, nearest);
            raster.rows.map(inputHeight, letterbox.padY(), inputHeight - letterbox.padY(), letterbox.scale(), 0,
                    frameHeight, stride, edge, nearest);
        } else {
            letterbox = null;
            raster.columns.map(used, 0, used, used / w, x, frameWidth, bpp, true, nearest);
            raster.rows.map(inputHeight, 0, inputHeight, inputHeight / h, y, frameHeight, stride, true, nearest);
        }
    }

    /** @return the input's width, checking that the tensor is an input of this model's layout and channels */
    private int width(Tensor input) {
        check(input);
        return (int) input.dim(nhwc ? 2 : 3);
    }

    private int height(Tensor input) {
        return (int) input.dim(nhwc ? 1 : 2);
    }

    private void check(Tensor input) {
        if (input == target) {
            return;
        }
        if (input.type() != ElementType.FLOAT32 || input.rank() != 4 || input.dim(0) != 1
                || input.dim(nhwc ? 3 : 1) != channels) {
            throw new IllegalArgumentException(input + " is not a " + spec.layout() + " " + spec.colorOrder()
                    + " image input");
        }
    }
}
