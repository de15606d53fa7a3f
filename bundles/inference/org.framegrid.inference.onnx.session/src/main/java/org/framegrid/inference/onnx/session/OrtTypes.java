package org.framegrid.inference.onnx.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.framegrid.inference.api.ElementType;
import org.framegrid.inference.api.GraphOptimization;
import org.framegrid.inference.api.TensorInfo;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;

/** Mappings between the inference API's types and ONNX Runtime's; the API never sees the latter. */
public final class OrtTypes {

    private OrtTypes() {
    }

    public static OnnxJavaType toOrt(ElementType type) {
        return switch (type) {
            case FLOAT32 -> OnnxJavaType.FLOAT;
            case FLOAT16 -> OnnxJavaType.FLOAT16;
            case UINT8 -> OnnxJavaType.UINT8;
            case INT8 -> OnnxJavaType.INT8;
            case INT32 -> OnnxJavaType.INT32;
            case INT64 -> OnnxJavaType.INT64;
            case BOOL -> OnnxJavaType.BOOL;
        };
    }

    /**
     * @return the API type, or {@code null} for a type the API does not carry (strings, doubles, bfloat16): the
     *     inverse of {@link #toOrt(ElementType)}, so that the mapping is written once
     */
    public static ElementType fromOrt(OnnxJavaType type) {
        for (ElementType candidate : ElementType.values()) {
            if (toOrt(candidate) == type) {
                return candidate;
            }
        }
        return null;
    }

    public static OptLevel toOrt(GraphOptimization level) {
        return switch (level) {
            case NONE -> OptLevel.NO_OPT;
            case BASIC -> OptLevel.BASIC_OPT;
            case EXTENDED -> OptLevel.EXTENDED_OPT;
            case ALL -> OptLevel.ALL_OPT;
        };
    }

    /**
     * @return the tensor inputs or outputs of a session in graph order
     * @throws IllegalArgumentException naming the first one that is not a tensor of a supported type
     */
    public static List<TensorInfo> describe(Map<String, NodeInfo> nodes) {
        List<TensorInfo> infos = new ArrayList<>();
        for (NodeInfo node : nodes.values()) {
            if (!(node.getInfo() instanceof ai.onnxruntime.TensorInfo tensor) || fromOrt(tensor.type) == null) {
                throw new IllegalArgumentException("'" + node.getName() + "' is " + node.getInfo()
                        + "; only tensors of " + List.of(ElementType.values()) + " are supported");
            }
            infos.add(new TensorInfo(node.getName(), fromOrt(tensor.type), tensor.getShape()));
        }
        return List.copyOf(infos);
    }
}
