package org.framegrid.inference.tensorrt.internal;

import static org.bytedeco.tensorrt.global.nvinfer.createInferBuilder;
import static org.bytedeco.tensorrt.global.nvonnxparser.createParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tensorrt.global.nvinfer;
import org.bytedeco.tensorrt.global.nvinfer.NetworkDefinitionCreationFlag;
import org.bytedeco.tensorrt.global.nvinfer.OptProfileSelector;
import org.bytedeco.tensorrt.nvinfer.IBuilder;
import org.bytedeco.tensorrt.nvinfer.IBuilderConfig;
import org.bytedeco.tensorrt.nvinfer.IHostMemory;
import org.bytedeco.tensorrt.nvinfer.ILogger;
import org.bytedeco.tensorrt.nvinfer.INetworkDefinition;
import org.bytedeco.tensorrt.nvinfer.IOptimizationProfile;
import org.bytedeco.tensorrt.nvinfer.ITensor;
import org.bytedeco.tensorrt.nvonnxparser.IParser;
import org.framegrid.inference.api.ImageInput;
import org.framegrid.inference.api.InferenceException;
import org.framegrid.inference.api.ModelDescriptor;
import org.framegrid.inference.api.SizeRule;

/**
 * ONNX bytes to a serialised TensorRT engine, through a disk cache: the file name carries the model, a hash of its
 * bytes and of everything else the engine depends on (input size range, TensorRT version, device), so an engine is
 * built once per model, shape range and device, and every later load reads it.
 *
 * <p>Networks are strongly typed: TensorRT 11 has no builder flag for fp16 any more (its {@code BuilderFlag} has no
 * {@code kFP16}); an fp16 engine comes from an fp16 ONNX export, which the backend runs like any other.
 */
final class EngineBuilder {

    private final ILogger logger;
    private final Path cacheDir;
    private final String device;

    /**
     * @param device what identifies the device for the cache key, for example {@code "NVIDIA H200 sm90"}
     */
    EngineBuilder(ILogger logger, Path cacheDir, String device) {
        this.logger = logger;
        this.cacheDir = cacheDir;
        this.device = device;
    }

    /** The size range dynamic image sides get in the engine's optimisation profile. */
    record SideRange(int min, int opt, int max) {
    }

    /** @return the serialised engine for {@code model}, read from the cache or built and stored there */
    byte[] engine(byte[] model, ModelDescriptor descriptor, SideRange range) throws InferenceException {
        Path file = cacheDir.resolve(fileName(model, descriptor, range));
        try {
            if (Files.isRegularFile(file)) {
                return Files.readAllBytes(file);
            }
            byte[] plan = build(model, descriptor, range);
            Files.createDirectories(cacheDir);
            // Written aside and moved: a node stopped mid-write never leaves a truncated engine behind.
            Path partial = Files.createTempFile(cacheDir, file.getFileName().toString(), ".part");
            Files.write(partial, plan);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return plan;
        } catch (IOException e) {
            throw new InferenceException("model " + descriptor.name() + ": TensorRT engine cache " + file + ": " + e, e);
        }
    }

    private String fileName(byte[] model, ModelDescriptor descriptor, SideRange range) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(model);
            digest.update((range + " trt " + nvinfer.getInferLibVersion() + " " + device).getBytes());
            String key = HexFormat.of().formatHex(digest.digest(), 0, 8);
            return (descriptor.name() + "-" + descriptor.version()).replaceAll("[^A-Za-z0-9._-]", "_") + "-" + key
                    + ".engine";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private byte[] build(byte[] model, ModelDescriptor descriptor, SideRange range) throws InferenceException {
        String what = "model " + descriptor.name() + " " + descriptor.version();
        try (IBuilder builder = createInferBuilder(logger);
                INetworkDefinition network = builder.createNetworkV2(
                        1 << NetworkDefinitionCreationFlag.kSTRONGLY_TYPED.value);
                IParser parser = createParser(network, logger);
                BytePointer bytes = new BytePointer(model);
                IBuilderConfig config = builder.createBuilderConfig()) {
            if (!parser.parse(bytes, model.length)) {
                StringBuilder errors = new StringBuilder();
                for (int i = 0; i < parser.getNbErrors(); i++) {
                    errors.append(i == 0 ? "" : "; ").append(parser.getError(i).desc());
                }
                throw new InferenceException(what + ": TensorRT's ONNX parser refused it: " + errors);
            }
            IOptimizationProfile profile = builder.createOptimizationProfile();
            for (int i = 0; i < network.getNbInputs(); i++) {
                ITensor input = network.getInput(i);
                long[] shape = TrtTypes.shape(input.getDimensions());
                if (Arrays.stream(shape).allMatch(dim -> dim >= 0)) {
                    continue;
                }
                if (!input.getName().equals(descriptor.input().name())) {
                    throw new InferenceException(what + ": input '" + input.getName() + "' " + Arrays.toString(shape)
                            + " has dynamic dimensions and is not the image input; TensorRT needs them fixed");
                }
                String name = input.getName();
                profile.setDimensions(name, OptProfileSelector.kMIN, TrtTypes.dims(image(descriptor, shape, range.min())));
                profile.setDimensions(name, OptProfileSelector.kOPT, TrtTypes.dims(image(descriptor, shape, range.opt())));
                profile.setDimensions(name, OptProfileSelector.kMAX, TrtTypes.dims(image(descriptor, shape, range.max())));
            }
            config.addOptimizationProfile(profile);
            try (IHostMemory plan = builder.buildSerializedNetwork(network, config)) {
                if (plan == null || plan.isNull()) {
                    throw new InferenceException(what + ": TensorRT could not build an engine (see the log above)");
                }
                byte[] out = new byte[(int) plan.size()];
                new BytePointer(plan.data()).capacity(plan.size()).get(out);
                return out;
            }
        }
    }

    /** The image input's shape with batch 1 and dynamic sides set to {@code side} (or the descriptor's fixed size). */
    private static long[] image(ModelDescriptor descriptor, long[] declared, int side) {
        ImageInput input = descriptor.input();
        SizeRule size = input.size();
        int width = size.width() > 0 ? size.width() : side;
        int height = size.height() > 0 ? size.height() : side;
        long[] shape = input.shape(width, height);
        for (int i = 0; i < shape.length; i++) {
            if (declared[i] >= 0) {
                shape[i] = declared[i];
            }
        }
        return shape;
    }
}
