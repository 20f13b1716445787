package io.sparknn.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1 for tests: a Master and Workers as separate JVMs run
 * from a SPARK_HOME whose jars/ holds Spark's runtime classpath (Maven Central jars). Ports are
 * picked free, so two runs on one machine do not collide. {@link #close()} kills every JVM it
 * started and their children (executors, drivers), also when a test fails.
 */
final class StandaloneCluster implements AutoCloseable {
    private final Path sparkHome;
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final int masterPort;
    private final int masterUiPort;
    private final Thread shutdownHook = new Thread(this::killAll);

    private StandaloneCluster(Path sparkHome, Path dir) throws IOException {
        this.sparkHome = sparkHome;
        this.dir = dir;
        this.masterPort = freePort();
        this.masterUiPort = freePort();
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The Scala line of the Spark jars (surefire sets it from scala.binary.version). */
    static final String SCALA_BINARY_VERSION = System.getenv("SPARK_SCALA_VERSION");

    /**
     * Spark's launcher needs {@code SPARK_HOME/jars} and the Scala line's build folder to exist
     * before a Worker can start an executor.
     */
    static void prepareLauncher(Path sparkHome) throws IOException {
        Files.createDirectories(sparkHome.resolve("jars"));
        Files.createDirectories(sparkHome.resolve("launcher/target/scala-" + SCALA_BINARY_VERSION));
    }

    /** Starts a Master and {@code workers} Workers of one core and {@code memory} each. */
    static StandaloneCluster start(int workerCount, String memory) throws Exception {
        Path sparkHome = Path.of(System.getProperty("sparknn.it.sparkHome"));
        if (!Files.isDirectory(sparkHome.resolve("jars"))) {
            throw new IllegalStateException("No Spark jars in " + sparkHome);
        }
        prepareLauncher(sparkHome);
        Path dir = Files.createTempDirectory(
                Path.of(System.getProperty("sparknn.it.dir", "target")), "cluster-");
        StandaloneCluster cluster = new StandaloneCluster(sparkHome, dir);
        try {
            cluster.launch("master", List.of("org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", String.valueOf(cluster.masterPort),
                    "--webui-port", String.valueOf(cluster.masterUiPort)), false);
            cluster.awaitMaster(json -> json.contains("\"status\" : \"ALIVE\""));
            for (int i = 0; i < workerCount; i++) {
                Path work = Files.createDirectories(dir.resolve("worker-" + i));
                cluster.workers.add(cluster.launch("worker-" + i, List.of(
                        "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                        "--webui-port", String.valueOf(freePort()), "--cores", "1",
                        "--memory", memory, "--work-dir", work.toString(),
                        cluster.masterUrl()), false));
            }
            cluster.awaitMaster(json -> json.contains("\"aliveworkers\" : " + workerCount));
            return cluster;
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    Path dir() {
        return dir;
    }

    /**
     * Runs Spark's own {@code SparkSubmit} as a driver JVM (client mode) against this cluster,
     * shipping spark-nn as its separate jars; its output goes to {@code name}.log.
     */
    Process submit(String name, String mainClass, List<String> args) throws IOException {
        return submit(name, mainClass, args, libraryJars());
    }

    /** As {@link #submit(String, String, List)}, shipping {@code jars} with {@code --jars}. */
    Process submit(String name, String mainClass, List<String> args, List<String> jars)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("org.apache.spark.deploy.SparkSubmit",
                "--master", masterUrl(), "--deploy-mode", "client",
                "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.executor.memory=1g",
                "--conf", "spark.executor.extraJavaOptions=" + executorJavaOptions(),
                "--conf", "spark.executorEnv.OMP_NUM_THREADS=1",
                "--jars", String.join(",", jars),
                "--class", mainClass, appJar().toString()));
        command.addAll(args);
        return launch(name, command, true);
    }

    Path log(String name) {
        return dir.resolve(name + ".log");
    }

    /** The executor JVMs the Workers run now, as (executor id, process). */
    List<Executor> executors() {
        return workers.stream().flatMap(w -> w.toHandle().descendants())
                .map(p -> new Executor(executorId(p.pid()), p))
                .filter(e -> e.id() != null)
                .collect(Collectors.toList());
    }

    record Executor(String id, ProcessHandle process) {}

    /** JVM options for executors: a pre-extracted shared JavaCPP cache, no off-heap polling. */
    static String executorJavaOptions() {
        return "-Dorg.bytedeco.javacpp.cachedir="
                + System.getProperty("org.bytedeco.javacpp.cachedir")
                + " -Dorg.bytedeco.javacpp.maxphysicalbytes=0";
    }

    /** spark-nn, DL4J and ND4J jars (the pom leaves out those Spark's jars/ has). */
    static List<String> libraryJars() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("sparknn.it.appJars")))) {
            return jars.map(Path::toString)
                    .filter(p -> !p.contains("spark-nn-examples"))
                    .sorted().collect(Collectors.toList());
        }
    }

    static Path appJar() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of(System.getProperty("sparknn.it.appJars")))) {
            return jars.filter(p -> p.getFileName().toString().startsWith("spark-nn-examples"))
                    .findFirst().orElseThrow();
        }
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or ran.
        }
    }

    private void killAll() {
        for (Process p : processes) {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Process launch(String name, List<String> mainAndArgs, boolean driver)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(driver ? "-Xmx2g" : "-Xmx256m");
        command.addAll(Arrays.asList(System.getProperty("sparknn.it.jvmFlags").trim()
                .split("\\s+")));
        if (driver) {
            command.addAll(Arrays.asList(executorJavaOptions().split(" ")));
        }
        command.add("-cp");
        command.add(sparkHome.resolve("jars") + "/*");
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log(name).toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", SCALA_BINARY_VERSION);
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("OMP_NUM_THREADS", "1");
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private void awaitMaster(java.util.function.Predicate<String> ready) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + masterUiPort + "/json/");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String json = http.send(HttpRequest.newBuilder(uri).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (ready.test(json)) {
                    return;
                }
            } catch (IOException notYet) {
                // The Master is still starting.
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The cluster did not become ready; see " + dir);
    }

    /** The executor id in an executor JVM's command line ({@code --executor-id N}), or null. */
    private static String executorId(long pid) {
        try {
            String[] args = new String(Files.readAllBytes(Path.of("/proc", pid + "", "cmdline")),
                    StandardCharsets.UTF_8).split("\0");
            boolean executor = Arrays.asList(args).contains(
                    "org.apache.spark.executor.CoarseGrainedExecutorBackend");
            for (int i = 0; executor && i < args.length - 1; i++) {
                if (args[i].equals("--executor-id")) {
                    return args[i + 1];
                }
            }
        } catch (IOException gone) {
            // The process ended.
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    Optional<Executor> executor(String id) {
        return executors().stream().filter(e -> e.id().equals(id)).findFirst();
    }
}
