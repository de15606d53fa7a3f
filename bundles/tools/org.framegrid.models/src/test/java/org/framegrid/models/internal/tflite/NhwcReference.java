package org.framegrid.models.internal.tflite;

/**
 * Plain-loop NHWC implementations of TFLite's reference kernels (tensorflow/lite/kernels/internal/reference), written
 * independently of the converter, as the expected values of the operator tests.
 */
final class NhwcReference {

    private NhwcReference() {
    }

    /** Tensor {@code [n, h, w, c]} in NHWC order. */
    record T(float[] v, int n, int h, int w, int c) {

        float at(int b, int y, int x, int ch) {
            return v[((b * h + y) * w + x) * c + ch];
        }

        static T of(int n, int h, int w, int c) {
            return new T(new float[n * h * w * c], n, h, w, c);
        }

        void set(int b, int y, int x, int ch, float value) {
            v[((b * h + y) * w + x) * c + ch] = value;
        }
    }

    /** CONV_2D; weights OHWI {@code [outC, kh, kw, inC / groups]}; top/left padding given, output size given. */
    static T conv(T x, float[] w, int kh, int kw, float[] bias, int outC, int stride, int dilation, int padTop,
            int padLeft, int outH, int outW) {
        int inPerGroup = w.length / (outC * kh * kw);
        int outPerGroup = outC / (x.c() / inPerGroup);
        T y = T.of(x.n(), outH, outW, outC);
        for (int b = 0; b < x.n(); b++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    for (int o = 0; o < outC; o++) {
                        int group = o / outPerGroup;
                        double sum = bias == null ? 0 : bias[o];
                        for (int ky = 0; ky < kh; ky++) {
                            for (int kx = 0; kx < kw; kx++) {
                                int iy = oy * stride + ky * dilation - padTop;
                                int ix = ox * stride + kx * dilation - padLeft;
                                if (iy < 0 || ix < 0 || iy >= x.h() || ix >= x.w()) {
                                    continue;
                                }
                                for (int i = 0; i < inPerGroup; i++) {
                                    sum += x.at(b, iy, ix, group * inPerGroup + i)
                                            * w[((o * kh + ky) * kw + kx) * inPerGroup + i];
                                }
                            }
                        }
                        y.set(b, oy, ox, o, (float) sum);
                    }
                }
            }
        }
        return y;
    }

    /** DEPTHWISE_CONV_2D; weights {@code [1, kh, kw, inC * multiplier]}. */
    static T depthwise(T x, float[] w, int kh, int kw, float[] bias, int multiplier, int stride, int padTop,
            int padLeft, int outH, int outW) {
        int outC = x.c() * multiplier;
        T y = T.of(x.n(), outH, outW, outC);
        for (int b = 0; b < x.n(); b++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    for (int o = 0; o < outC; o++) {
                        double sum = bias == null ? 0 : bias[o];
                        for (int ky = 0; ky < kh; ky++) {
                            for (int kx = 0; kx < kw; kx++) {
                                int iy = oy * stride + ky - padTop;
                                int ix = ox * stride + kx - padLeft;
                                if (iy >= 0 && ix >= 0 && iy < x.h() && ix < x.w()) {
                                    sum += x.at(b, iy, ix, o / multiplier) * w[(ky * kw + kx) * outC + o];
                                }
                            }
                        }
                        y.set(b, oy, ox, o, (float) sum);
                    }
                }
            }
        }
        return y;
    }

    /** TRANSPOSE_CONV as TFLite's reference scatters it: out[iy*s + ky - padTop] += in[iy] * w[ky]. */
    static T transposeConv(T x, float[] w, int kh, int kw, float[] bias, int outC, int stride, int padTop,
            int padLeft, int outH, int outW) {
        double[] acc = new double[x.n() * outH * outW * outC];
        for (int b = 0; b < x.n(); b++) {
            for (int iy = 0; iy < x.h(); iy++) {
                for (int ix = 0; ix < x.w(); ix++) {
                    for (int ky = 0; ky < kh; ky++) {
                        for (int kx = 0; kx < kw; kx++) {
                            int oy = iy * stride + ky - padTop;
                            int ox = ix * stride + kx - padLeft;
                            if (oy < 0 || ox < 0 || oy >= outH || ox >= outW) {
                                continue;
                            }
                            for (int o = 0; o < outC; o++) {
                                for (int i = 0; i < x.c(); i++) {
                                    acc[((b * outH + oy) * outW + ox) * outC + o] += x.at(b, iy, ix, i)
                                            * w[((o * kh + ky) * kw + kx) * x.c() + i];
                                }
                            }
                        }
                    }
                }
            }
        }
        T y = T.of(x.n(), outH, outW, outC);
        for (int i = 0; i < acc.length; i++) {
            y.v()[i] = (float) (acc[i] + (bias == null ? 0 : bias[i % outC]));
        }
        return y;
    }

    /** AVERAGE_POOL_2D / MAX_POOL_2D: windows clipped to the image (padding never counts). */
    static T pool(T x, boolean max, int k, int stride, int padTop, int padLeft, int outH, int outW) {
        T y = T.of(x.n(), outH, outW, x.c());
        for (int b = 0; b < x.n(); b++) {
            for (int oy = 0; oy < outH; oy++) {
                for (int ox = 0; ox < outW; ox++) {
                    for (int ch = 0; ch < x.c(); ch++) {
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        int count = 0;
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                int iy = oy * stride + ky - padTop;
                                int ix = ox * stride + kx - padLeft;
                                if (iy >= 0 && ix >= 0 && iy < x.h() && ix < x.w()) {
                                    float v = x.at(b, iy, ix, ch);
                                    acc = max ? Math.max(acc, v) : acc + v;
                                    count++;
                                }
                            }
                        }
                        y.set(b, oy, ox, ch, (float) (max ? acc : acc / count));
                    }
                }
            }
        }
        return y;
    }

    /** RESIZE_BILINEAR with half_pixel_centers (TFLite's ComputeInterpolationValues). */
    static T resizeBilinearHalfPixel(T x, int outH, int outW) {
        T y = T.of(x.n(), outH, outW, x.c());
        float sy = (float) x.h() / outH;
        float sx = (float) x.w() / outW;
        for (int b = 0; b < x.n(); b++) {
            for (int oy = 0; oy < outH; oy++) {
                float fy = (oy + 0.5f) * sy - 0.5f;
                int y0 = Math.max((int) Math.floor(fy), 0);
                int y1 = Math.min((int) Math.ceil(fy), x.h() - 1);
                float dy = fy - (float) Math.floor(fy);
                for (int ox = 0; ox < outW; ox++) {
                    float fx = (ox + 0.5f) * sx - 0.5f;
                    int x0 = Math.max((int) Math.floor(fx), 0);
                    int x1 = Math.min((int) Math.ceil(fx), x.w() - 1);
                    float dx = fx - (float) Math.floor(fx);
                    for (int ch = 0; ch < x.c(); ch++) {
                        float v = x.at(b, y0, x0, ch) * (1 - dy) * (1 - dx) + x.at(b, y1, x0, ch) * dy * (1 - dx)
                                + x.at(b, y0, x1, ch) * (1 - dy) * dx + x.at(b, y1, x1, ch) * dy * dx;
                        y.set(b, oy, ox, ch, v);
                    }
                }
            }
        }
        return y;
    }

    /** DEPTH_TO_SPACE: output (y*bs+dy, x*bs+dx, c) comes from input channel (dy*bs+dx)*outC + c. */
    static T depthToSpace(T x, int bs) {
        int outC = x.c() / (bs * bs);
        T y = T.of(x.n(), x.h() * bs, x.w() * bs, outC);
        for (int b = 0; b < x.n(); b++) {
            for (int oy = 0; oy < y.h(); oy++) {
                for (int ox = 0; ox < y.w(); ox++) {
                    for (int ch = 0; ch < outC; ch++) {
                        int inC = ((oy % bs) * bs + ox % bs) * outC + ch;
                        y.set(b, oy, ox, ch, x.at(b, oy / bs, ox / bs, inC));
                    }
                }
            }
        }
        return y;
    }

    /** {@code n} values uniform in [-1, 1). */
    static float[] uniform(java.util.Random random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return values;
    }

    /** @return a tensor {@code [n, h, w, c]} of {@link #uniform(java.util.Random, int)} values */
    static T uniform(java.util.Random random, int n, int h, int w, int c) {
        return new T(uniform(random, n * h * w * c), n, h, w, c);
    }

    static float relu6(float v) {
        return Math.min(Math.max(v, 0), 6);
    }
}
