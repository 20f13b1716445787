"""Where the spark-nn jar for the running PySpark comes from, and a session that has it."""

import glob
import os

import pyspark

#: The Scala line of each Spark major: spark-nn_2.12 runs on Spark 3.5, spark-nn_2.13 on Spark 4.
_SCALA_BY_SPARK_MAJOR = {"3": "2.12", "4": "2.13"}
#: Per Scala line, the Maven build's folder for the line's assembly and the flag that builds it.
_MAVEN_LINE = {"2.12": ("target", ""), "2.13": ("target/spark-4", " -Pspark-4")}
_HERE = os.path.dirname(os.path.abspath(__file__))


def scala_binary_version(spark_version=None):
    """The Scala line spark-nn's jar must be built for to run on ``spark_version``
    (the installed PySpark's by default)."""
    version = spark_version or pyspark.__version__
    major = version.split(".")[0]
    if major not in _SCALA_BY_SPARK_MAJOR:
        raise RuntimeError("spark-nn runs on Spark 3.5 and Spark 4; this is Spark " + version)
    return _SCALA_BY_SPARK_MAJOR[major]


def jar_path(spark_version=None):
    """The spark-nn assembly jar (spark-nn, DL4J, ND4J and its natives; not Spark) for the
    installed PySpark: ``$SPARKNN_JAR`` when set, else the one this package carries, else the one
    a Maven build left in the repository this package lies in (``assembly/target``)."""
    explicit = os.environ.get("SPARKNN_JAR")
    if explicit:
        if not os.path.isfile(explicit):
            raise FileNotFoundError("SPARKNN_JAR names no file: " + explicit)
        return explicit
    scala = scala_binary_version(spark_version)
    name = "spark-nn-assembly_{}-*.jar".format(scala)
    repo = os.path.dirname(os.path.dirname(_HERE))
    line_dir, line_flag = _MAVEN_LINE[scala]
    for pattern in (os.path.join(_HERE, "jars", name),
                    os.path.join(repo, "assembly", line_dir, name)):
        found = sorted(f for f in glob.glob(pattern) if "/original-" not in f)
        if found:
            return found[-1]
    raise FileNotFoundError(
        "No spark-nn assembly jar for Scala {} (PySpark {}): install a spark-nn wheel built for "
        "it, set SPARKNN_JAR, or build one with `mvn -DskipTests package{}`".format(
            scala, pyspark.__version__, line_flag))


#: What every JVM running spark-nn wants (README, Performance): JavaCPP's native-memory
#: accounting off, which costs a small network a quarter of its time.
_JVM_OPTIONS = "-Dorg.bytedeco.javacpp.maxphysicalbytes=0"


def session_builder(master="local[*]", app_name="spark-nn"):
    """A ``SparkSession.Builder`` with spark-nn's jar on the driver's and executors' classpath
    (``spark.jars``) and its JVM options; add your own ``config`` calls and ``getOrCreate()``.
    On a cluster where spark-nn's jar is installed already (a Databricks cluster library,
    ``--jars``), use the cluster's session instead."""
    from pyspark.sql import SparkSession
    return (SparkSession.builder.master(master).appName(app_name)
            .config("spark.jars", jar_path())
            .config("spark.driver.extraJavaOptions", _JVM_OPTIONS)
            .config("spark.executor.extraJavaOptions", _JVM_OPTIONS))
