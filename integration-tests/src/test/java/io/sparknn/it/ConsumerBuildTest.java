package io.sparknn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;

/**
 * A user's own Maven project (src/test/resources/consumer: no parent, no spark-nn
 * dependencyManagement, Spark as their own provided dependency) built against the installed
 * spark-nn with plain Maven mediation, its test fitting, saving, loading and transforming on
 * local[2]: the jars Maven picks for a consumer, not those of spark-nn's own build.
 */
class ConsumerBuildTest {
    private static final List<String> PLACEHOLDERS = List.of("spark.version",
            "scala.binary.version", "sparknn.version", "junit.version", "spark.java17.opens",
            "nd4j.jvm.flags");

    @Test
    void aUsersOwnProjectFitsSavesLoadsAndTransforms() throws Exception {
        Path template = Path.of(System.getProperty("sparknn.it.repo"), "integration-tests",
                "src", "test", "resources", "consumer");
        Path project = Files.createTempDirectory(
                Path.of(System.getProperty("sparknn.it.dir")), "consumer");
        FileUtils.copyDirectory(template.toFile(), project.toFile());
        Path pom = project.resolve("pom.xml");
        String text = Files.readString(pom);
        for (String name : PLACEHOLDERS) {
            text = text.replace("@" + name + "@",
                    System.getProperty("sparknn.it.consumer." + name));
        }
        assertTrue(!text.contains("@"), text);
        Files.writeString(pom, text);

        Path log = project.resolve("build.log");
        Process build = new ProcessBuilder("mvn", "-B", "--no-transfer-progress", "test",
                "-Dmaven.repo.local=" + System.getProperty("sparknn.it.mavenRepo"))
                .directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertTrue(build.waitFor(10, TimeUnit.MINUTES), "the consumer's build did not finish");
        String output = Files.readString(log);
        assertEquals(0, build.exitValue(), output.substring(Math.max(0, output.length() - 6000)));
        assertTrue(output.contains("Tests run: 1, Failures: 0, Errors: 0"), output);
    }
}
