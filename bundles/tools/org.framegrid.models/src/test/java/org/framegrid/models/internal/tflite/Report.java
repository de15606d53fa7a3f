package org.framegrid.models.internal.tflite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The figures the reference and speed checks measure, printed and collected in target/tflite2onnx-report.txt. */
final class Report {

    static final Path FILE = Path.of("target", "tflite2onnx-report.txt");

    private Report() {
    }

    static synchronized void line(String topic, String text) {
        String line = "[" + topic + "] " + text;
        System.out.println(line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
