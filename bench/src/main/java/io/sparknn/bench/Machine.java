package io.sparknn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the machine is, for the results' header. */
final class Machine {
    private Machine() {}

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
