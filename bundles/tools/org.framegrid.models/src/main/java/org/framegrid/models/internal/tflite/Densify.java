package org.framegrid.models.internal.tflite;

import org.tensorflow.lite.schema.DimensionMetadata;
import org.tensorflow.lite.schema.DimensionType;
import org.tensorflow.lite.schema.Int32Vector;
import org.tensorflow.lite.schema.SparseIndexVector;
import org.tensorflow.lite.schema.SparsityParameters;
import org.tensorflow.lite.schema.Uint16Vector;
import org.tensorflow.lite.schema.Uint8Vector;

/**
 * Sparse TFLite constants (the {@code sparsity} field: a traversal order, optional block map, and per traversed
 * dimension DENSE or SPARSE_CSR metadata) made dense, the way TFLite's FormatConverter does it for DENSIFY. MediaPipe's
 * pose detector stores 38 of its weight tensors this way.
 */
final class Densify {

    private final float[] sourceFloats;
    private final long[] sourceLongs;
    private final int[] denseShape;
    private final int[] traversal;
    private final int[] blockMap;
    private final int[] blockSize;
    private final DimensionMetadata[] levels;
    private final int[][] segments;
    private final int[][] indices;
    private final float[] outFloats;
    private final long[] outLongs;
    private int next;

    private Densify(Constant sparse, int[] denseShape, SparsityParameters sparsity) {
        this.sourceFloats = sparse.floats();
        this.sourceLongs = sparse.longs();
        this.denseShape = denseShape;
        this.traversal = new int[sparsity.traversalOrderLength()];
        for (int i = 0; i < traversal.length; i++) {
            traversal[i] = sparsity.traversalOrder(i);
        }
        this.blockMap = new int[sparsity.blockMapLength()];
        for (int i = 0; i < blockMap.length; i++) {
            blockMap[i] = sparsity.blockMap(i);
        }
        this.levels = new DimensionMetadata[sparsity.dimMetadataLength()];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = sparsity.dimMetadata(i);
        }
        this.segments = new int[levels.length][];
        this.indices = new int[levels.length][];
        for (int i = 0; i < levels.length; i++) {
            if (levels[i].format() != DimensionType.DENSE) {
                segments[i] = vector(levels[i].arraySegmentsType(), levels[i], true);
                indices[i] = vector(levels[i].arrayIndicesType(), levels[i], false);
            }
        }
        this.blockSize = new int[blockMap.length];
        for (int b = 0; b < blockMap.length; b++) {
            blockSize[b] = levels[denseShape.length + b].denseSize();
        }
        int size = Shapes.size(denseShape);
        this.outFloats = sourceFloats == null ? null : new float[size];
        this.outLongs = sourceLongs == null ? null : new long[size];
    }

    static Constant toDense(Constant sparse, int[] denseShape, SparsityParameters sparsity, String name) {
        Densify densify = new Densify(sparse, denseShape, sparsity);
        if (densify.traversal.length != densify.levels.length
                || densify.traversal.length != denseShape.length + densify.blockMap.length) {
            throw new IllegalArgumentException("sparse tensor '" + name + "': traversal order, block map and "
                    + "dimension metadata do not agree");
        }
        densify.populate(new int[densify.levels.length], 0, 0);
        if (densify.next != sparse.size()) {
            throw new IllegalArgumentException("sparse tensor '" + name + "' has " + sparse.size()
                    + " values, its metadata addresses " + densify.next);
        }
        return new Constant(denseShape, densify.outFloats, densify.outLongs);
    }

    private void populate(int[] indices, int level, int previous) {
        if (level == indices.length) {
            store(indices);
            return;
        }
        DimensionMetadata meta = levels[level];
        if (meta.format() == DimensionType.DENSE) {
            int size = meta.denseSize();
            for (int i = 0; i < size; i++) {
                indices[level] = i;
                populate(indices, level + 1, previous * size + i);
            }
        } else {
            for (int i = segments[level][previous]; i < segments[level][previous + 1]; i++) {
                indices[level] = this.indices[level][i];
                populate(indices, level + 1, i);
            }
        }
    }

    private void store(int[] indices) {
        int rank = denseShape.length;
        int[] original = new int[rank];
        for (int i = 0; i < rank; i++) {
            original[traversal[i]] = indices[i];
        }
        for (int i = rank; i < indices.length; i++) {
            int block = traversal[i] - rank;
            int dim = blockMap[block];
            original[dim] = original[dim] * blockSize[block] + indices[i];
        }
        int flat = 0;
        for (int d = 0; d < rank; d++) {
            flat = flat * denseShape[d] + original[d];
        }
        if (outFloats != null) {
            outFloats[flat] = sourceFloats[next++];
        } else {
            outLongs[flat] = sourceLongs[next++];
        }
    }

    /** A segments or indices vector as ints, whichever integer width it was stored with. */
    private static int[] vector(byte type, DimensionMetadata meta, boolean segments) {
        return switch (type) {
            case SparseIndexVector.Int32Vector -> {
                Int32Vector v = (Int32Vector) (segments ? meta.arraySegments(new Int32Vector()) : meta.arrayIndices(new Int32Vector()));
                yield copy(v.valuesLength(), v::values);
            }
            case SparseIndexVector.Uint16Vector -> {
                Uint16Vector v = (Uint16Vector) (segments ? meta.arraySegments(new Uint16Vector()) : meta.arrayIndices(new Uint16Vector()));
                yield copy(v.valuesLength(), v::values);
            }
            case SparseIndexVector.Uint8Vector -> {
                Uint8Vector v = (Uint8Vector) (segments ? meta.arraySegments(new Uint8Vector()) : meta.arrayIndices(new Uint8Vector()));
                yield copy(v.valuesLength(), v::values);
            }
            default -> throw new IllegalArgumentException("sparse index vector of unknown type " + type);
        };
    }

    private static int[] copy(int length, java.util.function.IntUnaryOperator at) {
        int[] values = new int[length];
        for (int i = 0; i < length; i++) {
            values[i] = at.applyAsInt(i);
        }
        return values;
    }
}
