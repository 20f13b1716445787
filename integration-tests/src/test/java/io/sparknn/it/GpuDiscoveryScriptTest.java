package io.sparknn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.spark.resource.ResourceInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped gpu-discovery script, run against a stand-in nvidia-smi, parsed by Spark. */
class GpuDiscoveryScriptTest {
    private static final Path SCRIPT = Path.of("..", "examples", "src", "main", "scripts",
            "gpu-discovery.sh");

    private static ResourceInformation run(Path dir, String nvidiaSmiOutput)
            throws IOException, InterruptedException {
        Path fake = dir.resolve("nvidia-smi");
        Files.writeString(fake, "#!/usr/bin/env bash\nprintf '" + nvidiaSmiOutput + "'\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder("bash", SCRIPT.toString());
        builder.environment().put("PATH", dir + ":" + System.getenv("PATH"));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor());
        // The same parser Spark applies to a discovery script's output.
        return ResourceInformation.parseJson(out);
    }

    @Test
    void reportsEveryGpuIndexForSpark(@TempDir Path dir) throws Exception {
        ResourceInformation gpus = run(dir, "0\\n1\\n 2\\n");
        assertEquals("gpu", gpus.name());
        assertEquals(java.util.List.of("0", "1", "2"), java.util.List.of(gpus.addresses()));
    }

    @Test
    void reportsNoAddressesWithoutGpus(@TempDir Path dir) throws Exception {
        assertEquals(0, run(dir, "").addresses().length);
    }
}
