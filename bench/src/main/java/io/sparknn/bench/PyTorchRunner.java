package io.sparknn.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs bench/pytorch_bench.py with Debian's python3-torch, on the float32 files of a workload.
 * Absent torch, {@link #available()} says so and the runner skips PyTorch.
 */
final class PyTorchRunner {
    /** Debian's interpreter: python3-torch installs into it, not into other pythons. */
    static final String PYTHON = "/usr/bin/python3";
    static final String INSTALL = "apt-get install -y python3-torch libopenblas0-openmp";

    private PyTorchRunner() {}

    static String available() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch; print(torch.__version__)")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .strip();
            return p.waitFor() == 0 ? out : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    /** The script's JSON result. */
    static JsonNode run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PYTHON, "bench/pytorch_bench.py"));
        command.addAll(args);
        Path log = Files.createTempFile("pytorch-bench", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        // glibc serves allocations above its mmap threshold with fresh mmap/munmap pairs; the
        // threshold only grows when a freed block is under 32 MB, so after the 188 MB
        // Fashion-MNIST array is loaded it stays at 128 KB and every step's 800 KB gradient
        // buffers page-fault: 5.8 s per W3 epoch instead of 1.27 s (measured). A fair anchor.
        builder.environment().put("MALLOC_MMAP_THRESHOLD_", "268435456");
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.HOURS) || p.exitValue() != 0) {
            throw new IOException("PyTorch run failed: " + String.join(" ", command) + "\n"
                    + Files.readString(log));
        }
        return new ObjectMapper().readTree(out);
    }

    static double[] doubles(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }
}
