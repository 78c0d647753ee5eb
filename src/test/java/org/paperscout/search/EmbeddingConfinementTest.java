package org.paperscout.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Only OnnxEmbedder touches the embedding runtime, so a later model or runtime is a one-class change. */
class EmbeddingConfinementTest {

    private static final Path MAIN_CLASSES = Path.of("target/classes");
    private static final String ALLOWED = "org/paperscout/search/OnnxEmbedder";
    private static final List<String> RUNTIME = List.of("ai/onnxruntime", "ai/djl", "dev/langchain4j");

    @Test
    void noCompiledClassButOnnxEmbedderReferencesTheRuntime() throws IOException {
        assertThat(offenders()).as("classes other than OnnxEmbedder that reference ONNX Runtime or DJL").isEmpty();
    }

    @Test
    void theScanSeesTheRuntimeInOnnxEmbedder() throws IOException {
        String bytes = Files.readString(MAIN_CLASSES.resolve(ALLOWED + ".class"), StandardCharsets.ISO_8859_1);
        assertThat(bytes).contains("ai/onnxruntime").contains("ai/djl");
    }

    private static List<String> offenders() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN_CLASSES)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .filter(p -> !MAIN_CLASSES.relativize(p).toString().replace('\\', '/').startsWith(ALLOWED))
                    .filter(p -> {
                        try {
                            String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                            return RUNTIME.stream().anyMatch(text::contains);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(Path::toString)
                    .toList();
        }
    }
}
