package io.sparknn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The assembly jar a cluster gets (spark-submit --jars, a Databricks library) holds spark-nn,
 * DL4J, ND4J and the linux-x86_64 natives, and none of the classes the cluster's own Spark and
 * Scala provide: copies of those would shadow the cluster's, in another version.
 */
class AssemblyJarTest {

    @Test
    void holdsSparkNnAndItsNativesButNoSparkOrScala() throws IOException {
        Path assembly = Path.of(System.getProperty("sparknn.it.assemblyJar"));
        assertTrue(Files.exists(assembly), assembly.toString());
        try (JarFile jar = new JarFile(assembly.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            List<String> provided = names.stream().filter(n -> n.startsWith("org/apache/spark/")
                    || n.startsWith("scala/") || n.startsWith("org/apache/hadoop/")
                    || n.startsWith("com/fasterxml/jackson/")).toList();
            assertEquals(List.of(), provided.subList(0, Math.min(10, provided.size())));
            for (String expected : List.of("io/sparknn/ml/NeuralNetClassifier.class",
                    "io/sparknn/ml/SparkNnKryoRegistrator.class",
                    "org/deeplearning4j/nn/multilayer/MultiLayerNetwork.class",
                    "org/nd4j/linalg/cpu/nativecpu/CpuBackend.class")) {
                assertTrue(names.contains(expected), expected);
            }
            assertTrue(names.stream().anyMatch(n -> n.startsWith("org/nd4j/linalg/cpu/nativecpu/"
                    + "bindings/linux-x86_64/") && n.endsWith(".so")), "ND4J's natives");
            // ND4J finds its backend through ServiceLoader files, merged rather than overwritten.
            String backends = new String(jar.getInputStream(jar.getEntry(
                    "META-INF/services/org.nd4j.linalg.factory.Nd4jBackend")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(backends.contains("org.nd4j.linalg.cpu.nativecpu.CpuBackend"), backends);
            // Spark Connect's server finds the stages through theirs (Spark 4).
            String estimators = new String(jar.getInputStream(jar.getEntry(
                    "META-INF/services/org.apache.spark.ml.Estimator")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertTrue(estimators.contains("io.sparknn.ml.NeuralNetClassifier"), estimators);
        }
    }
}
