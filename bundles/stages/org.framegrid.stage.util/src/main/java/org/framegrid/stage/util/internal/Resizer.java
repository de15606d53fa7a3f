package org.framegrid.stage.util.internal;

import java.nio.ByteBuffer;
import org.framegrid.api.frame.Frame;
import org.framegrid.api.frame.PixelFormat;
import org.framegrid.api.stage.StageProperties;

/** One {@code resize} instance: nearest-neighbour scaling of every plane to the live output size. */
final class Resizer extends SimpleStage {
    private int width;
    private int height;
    private int[] columns = new int[0];

    @Override
    protected void apply(StageProperties p) {
        width = p.getInt("width");
        height = p.getInt("height");
    }

    @Override
    public Frame process(Frame in) {
        if (in.width() == width && in.height() == height) {
            return in;
        }
        Frame out = context.pool().acquire(in.format(), width, height, in);
        for (int p = 0; p < in.format().planes(); p++) {
            scalePlane(in, out, p);
        }
        return out;
    }

    private void scalePlane(Frame in, Frame out, int plane) {
        PixelFormat f = in.format();
        int eb = f.elementBytes(plane);
        int sw = f.planeWidth(plane, in.width());
        int sh = f.planeHeight(plane, in.height());
        int dw = f.planeWidth(plane, width);
        int dh = f.planeHeight(plane, height);
        if (columns.length < dw) {
            columns = new int[dw]; // grows once per size, not per frame
        }
        for (int x = 0; x < dw; x++) {
            columns[x] = (int) ((long) x * sw / dw) * eb;
        }
        ByteBuffer src = in.data();
        ByteBuffer dst = out.data();
        for (int y = 0; y < dh; y++) {
            int s = in.offset(plane) + (int) ((long) y * sh / dh) * in.stride(plane);
            int d = out.offset(plane) + y * out.stride(plane);
            for (int x = 0; x < dw; x++) {
                for (int b = 0; b < eb; b++) {
                    dst.put(d + x * eb + b, src.get(s + columns[x] + b));
                }
            }
        }
    }
}
