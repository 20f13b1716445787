"""One local[2] SparkSession for the whole test run, with spark-nn's jar (sparknn.jar_path)."""

import os

import pytest

import sparknn

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    cache = tmp_path_factory.mktemp("javacpp-cache")
    session = (sparknn.session_builder(master="local[2]", app_name="sparknn-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2")
               # A private JavaCPP cache per JVM (a shared one re-extracted by another JVM has
               # crashed JVMs loading ND4J's natives).
               .config("spark.driver.extraJavaOptions",
                       "-Dorg.bytedeco.javacpp.maxphysicalbytes=0"
                       " -Dorg.bytedeco.javacpp.cachedir=" + str(cache))
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def jvm(spark):
    return spark.sparkContext._jvm


@pytest.fixture(scope="session")
def digits(spark):
    """The bundled digits as (features vector, label), 1797 rows in 2 partitions."""
    from pyspark.ml.feature import VectorAssembler
    from pyspark.sql import functions as F
    frame = (spark.read.option("inferSchema", "true").csv(os.path.join(REPO, "data", "digits.csv.gz"))
             .withColumn("label", F.col("_c64").cast("double")))
    assembled = VectorAssembler(inputCols=["_c%d" % i for i in range(64)],
                                outputCol="features").transform(frame)
    return assembled.select("features", "label").repartition(2).cache()
