package org.framegrid.inference.tensorrt.internal;

import org.bytedeco.tensorrt.global.nvinfer.DataType;
import org.bytedeco.tensorrt.nvinfer.Dims64;
import org.framegrid.inference.api.ElementType;

/** Mappings between the inference API's types and TensorRT's; the API never sees the latter. */
final class TrtTypes {

    private TrtTypes() {
    }

    /** @return the API type, or {@code null} for one the API does not carry (bf16, fp8, int4, ...) */
    static ElementType fromTrt(DataType type) {
        return switch (type) {
            case kFLOAT -> ElementType.FLOAT32;
            case kHALF -> ElementType.FLOAT16;
            case kINT8 -> ElementType.INT8;
            case kINT32 -> ElementType.INT32;
            case kINT64 -> ElementType.INT64;
            case kBOOL -> ElementType.BOOL;
            case kUINT8 -> ElementType.UINT8;
            default -> null;
        };
    }

    static long[] shape(Dims64 dims) {
        long[] shape = new long[dims.nbDims()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.d(i);
        }
        return shape;
    }

    static Dims64 dims(long[] shape) {
        Dims64 dims = new Dims64();
        dims.nbDims(shape.length);
        for (int i = 0; i < shape.length; i++) {
            dims.d(i, shape[i]);
        }
        return dims;
    }
}
