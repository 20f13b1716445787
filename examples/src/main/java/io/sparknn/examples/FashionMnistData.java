package io.sparknn.examples;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Fashion-MNIST as a DataFrame ({@code label} double, {@code features} array&lt;float&gt; of
 * 784 pixels scaled to [0, 1]) read from the dataset's gzipped IDX files.
 *
 * <p>The files are decoded by the executors, not the driver: partition {@code p} of {@code n}
 * opens the files through Hadoop's FileSystem (so a local folder, HDFS or DBFS path all work)
 * and keeps its own slice of the records. Nothing is shuffled and the driver never holds the
 * 180 MB of pixels.
 */
public final class FashionMnistData {
    /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
    public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";

    static final int PIXELS = 28 * 28;
    private static final int IMAGES_MAGIC = 2051;
    private static final int LABELS_MAGIC = 2049;

    /** Fashion-MNIST's ten classes, by label. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover",
            "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    public static final StructType SCHEMA = new StructType()
            .add("label", DataTypes.DoubleType, false)
            .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    private FashionMnistData() {}

    /**
     * Reads the training set ({@code train}) or the test set ({@code t10k}).
     *
     * @param limit the first {@code limit} records only (0 or less: all)
     * @throws FileNotFoundException saying how to install the dataset when a file is missing
     */
    public static Dataset<Row> load(SparkSession spark, String dir, String set, int limit,
            int partitions) throws IOException {
        String images = dir + "/" + set + "-images-idx3-ubyte.gz";
        String labels = dir + "/" + set + "-labels-idx1-ubyte.gz";
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        for (String file : List.of(images, labels)) {
            Path path = new Path(file);
            if (!path.getFileSystem(hadoop).exists(path)) {
                throw new FileNotFoundException("Fashion-MNIST not found: " + file
                        + " is missing. Install Debian's package (sudo apt-get install"
                        + " dataset-fashion-mnist, files in " + DEBIAN_DIR + ") or pass the"
                        + " folder holding the four *-ubyte.gz files of"
                        + " https://github.com/zalandoresearch/fashion-mnist");
            }
        }
        int total;
        try (DataInputStream in = open(images, hadoop)) {
            header(in, IMAGES_MAGIC, images);
            total = in.readInt();
        }
        int count = limit > 0 ? Math.min(limit, total) : total;
        // One slice number per partition; each task decodes its own slice of the records.
        JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(IntStream.range(0, partitions).boxed().toList(), partitions)
                .flatMap(part -> read(images, labels, (int) ((long) count * part / partitions),
                        (int) ((long) count * (part + 1) / partitions)).iterator());
        return spark.createDataFrame(rows, SCHEMA);
    }

    /** Records [from, to) of the image and label files, decoded in the calling task. */
    private static List<Row> read(String images, String labels, int from, int to)
            throws IOException {
        Configuration hadoop = new Configuration();
        List<Row> rows = new ArrayList<>(to - from);
        try (DataInputStream pixels = open(images, hadoop);
                DataInputStream classes = open(labels, hadoop)) {
            header(pixels, IMAGES_MAGIC, images);
            pixels.readInt();
            if (pixels.readInt() * pixels.readInt() != PIXELS) {
                throw new IOException(images + " does not hold 28x28 images");
            }
            header(classes, LABELS_MAGIC, labels);
            classes.readInt();
            pixels.skipNBytes((long) from * PIXELS);
            classes.skipNBytes(from);
            byte[] image = new byte[PIXELS];
            for (int i = from; i < to; i++) {
                pixels.readFully(image);
                float[] features = new float[PIXELS];
                for (int p = 0; p < PIXELS; p++) {
                    features[p] = (image[p] & 0xFF) / 255f;
                }
                rows.add(RowFactory.create((double) classes.readUnsignedByte(), features));
            }
        } catch (EOFException e) {
            throw new IOException(images + " or " + labels + " ends before record " + to, e);
        }
        return rows;
    }

    private static DataInputStream open(String file, Configuration hadoop) throws IOException {
        Path path = new Path(file);
        InputStream raw = path.getFileSystem(hadoop).open(path);
        return new DataInputStream(new BufferedInputStream(
                file.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16));
    }

    private static void header(DataInputStream in, int magic, String file) throws IOException {
        int found = in.readInt();
        if (found != magic) {
            throw new IOException(file + " is not an IDX file of this kind: magic " + found
                    + ", expected " + magic);
        }
    }
}
