package io.sparknn.ml.data;

import io.sparknn.ml.param.NeuralNetParams;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.BinaryAttribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fit's training and validation rows, converted once into cached {@link RowBlock}s
 * (in executor memory, spilling to disk) and checked; {@link #close()} releases the
 * cache. The rows are repartitioned into as many partitions as numWorkers asks for (by
 * default the application's task slots) unless the input already has that many (an input whose
 * query has a shuffle is always repartitioned: its partition count is only known once it runs);
 * numWorkers -1 keeps the input's partitions.
 */
public final class TrainingData implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingData.class);
    private final JavaRDD<RowBlock> blocks;
    /** The two views of the cached blocks, made once: every epoch's job reads them. */
    private final JavaRDD<RowBlock> training;
    private final JavaRDD<RowBlock> validation;
    private final List<DataStats> partitionStats;
    private final DataStats stats;
    private final int numFeatures;
    private final int numClasses;

    private TrainingData(JavaRDD<RowBlock> blocks, List<DataStats> partitionStats,
            DataStats stats, int numFeatures, int numClasses) {
        this.blocks = blocks;
        this.training = blocks.filter(new IsValidation(false));
        this.validation = blocks.filter(new IsValidation(true));
        this.partitionStats = List.copyOf(partitionStats);
        this.stats = stats;
        this.numFeatures = numFeatures;
        this.numClasses = numClasses;
    }

    /**
     * Converts, caches and checks {@code dataset}'s rows (the label already cast to double by
     * Predictor.fit).
     *
     * @throws IllegalArgumentException naming the column for every data problem: types, widths,
     *     non-finite values, bad labels, empty data, a validation split selecting all or no rows
     */
    public static TrainingData prepare(Dataset<?> dataset, NeuralNetParams params,
            boolean classification) {
        StructType schema = dataset.schema();
        String featuresCol = params.getFeaturesCol();
        String labelCol = params.getLabelCol();
        FeatureKind kind = FeatureColumns.kindOf(schema, featuresCol);
        int declaredWidth = FeatureColumns.declaredWidth(schema, featuresCol);
        int declaredClasses =
                classification ? declaredClasses(FeatureColumns.field(schema, labelCol)) : -1;

        List<Column> columns = new ArrayList<>(List.of(dataset.col(featuresCol),
                dataset.col(labelCol).cast(DataTypes.DoubleType)));
        ValidationSplit split = validationSplit(params);
        if (split.usesColumn()) {
            columns.add(dataset.col(params.getValidationIndicatorCol()));
        }
        Dataset<Row> selected = dataset.select(columns.toArray(Column[]::new));
        int workers = workers(params.getNumWorkers(), dataset);
        JavaRDD<InternalRow> rows = workers > 0
                ? SparkSqlInternals.internalRowsWithoutShuffling(selected)
                : SparkSqlInternals.internalRows(selected);
        // An input already in numWorkers partitions trains as it is: a repartition would copy
        // every row through a shuffle (0.5-0.6 s of a 60,000-image fit here) for the same count.
        if (workers > 0 && (rows == null || rows.getNumPartitions() != workers)) {
            LOG.info("The input ({}) is repartitioned into {} partitions, one per training"
                    + " task{}.", rows == null ? "a query with a shuffle"
                            : rows.getNumPartitions() + " partitions", workers,
                    params.getNumWorkers() == 0
                            ? " (numWorkers 0: the application's task slots)" : "");
            rows = SparkSqlInternals.internalRows(selected.repartition(workers));
        }
        RowBlockConverter converter = new RowBlockConverter(
                new FeatureReader(featuresCol, kind),
                new LabelEncoder(labelCol, classification, declaredClasses),
                declaredWidth, split);
        JavaRDD<RowBlock> blocks = rows.mapPartitions(new ConvertPartition(converter), true)
                // Deserialized: a RowBlock is two primitive arrays, as small on the heap as
                // serialized, and every epoch reads the cached arrays in place instead of
                // deserializing a copy of the partition (and collecting it afterwards).
                .persist(StorageLevel.MEMORY_AND_DISK());
        blocks.setName("spark-nn training rows (" + featuresCol + ", " + labelCol + ")");
        try {
            // In partition order (collect keeps it): which rows each partition holds is part
            // of what the data is, since partitions train separately.
            long chunkBytes = Long.parseLong(dataset.sparkSession().conf()
                    .get(BlockChunks.CHUNK_BYTES_CONF, "0"));
            StatsOfPartition ofPartition =
                    new StatsOfPartition(params.getStandardization(), chunkBytes);
            List<DataStats> partitions = TaskErrors.rethrowDataErrors(
                    () -> blocks.mapPartitions(ofPartition).collect());
            DataStats stats = DataStats.EMPTY;
            for (DataStats s : partitions) {
                stats = stats.merge(s);
            }
            checkRows(stats, params, featuresCol, split);
            int classes = 0;
            if (classification) {
                classes = declaredClasses > 0 ? declaredClasses : (int) stats.maxLabel() + 1;
                if (classes < 2) {
                    throw new IllegalArgumentException("Column '" + labelCol
                            + "' has only class 0; a classifier needs labels of at least two"
                            + " classes (0..k-1).");
                }
            }
            return new TrainingData(blocks, partitions, stats, stats.maxWidth(), classes);
        } catch (RuntimeException e) {
            blocks.unpersist(false);
            throw e;
        }
    }

    /**
     * The number of training tasks {@code numWorkers} asks for: itself when positive, the
     * application's task slots for 0 (Spark's defaultParallelism: executor cores, or
     * spark.default.parallelism), and -1 (keep the input's partitions) as it is.
     */
    static int workers(int numWorkers, Dataset<?> dataset) {
        return numWorkers == 0
                ? dataset.sparkSession().sparkContext().defaultParallelism()
                : numWorkers;
    }

    public int numFeatures() {
        return numFeatures;
    }

    /** Classes of a classifier's labels, 0 for regression. */
    public int numClasses() {
        return numClasses;
    }

    public DataStats stats() {
        return stats;
    }

    /** Each partition's statistics, in partition order (their key sums identify the data). */
    public List<DataStats> partitionStats() {
        return partitionStats;
    }

    public boolean hasValidation() {
        return stats.validationRows() > 0;
    }

    /** Training rows, keeping the partition indices the epoch shuffle is seeded with. */
    public JavaRDD<RowBlock> training() {
        return training;
    }

    public JavaRDD<RowBlock> validation() {
        return validation;
    }

    @Override
    public void close() {
        blocks.unpersist(false);
    }

    private static int declaredClasses(StructField label) {
        Attribute attribute = Attribute.fromStructField(label);
        if (attribute instanceof NominalAttribute nominal && nominal.numValues().isDefined()) {
            return (Integer) nominal.numValues().get();
        }
        return attribute instanceof BinaryAttribute ? 2 : -1;
    }

    private static ValidationSplit validationSplit(NeuralNetParams params) {
        if (params.isDefined(params.validationIndicatorCol())
                && !params.getValidationIndicatorCol().isEmpty()) {
            return ValidationSplit.byColumn(params.getValidationIndicatorCol());
        }
        if (params.getValidationFraction() > 0) {
            return ValidationSplit.randomFraction(params.getValidationFraction(), params.getSeed());
        }
        return ValidationSplit.none();
    }

    private static void checkRows(DataStats stats, NeuralNetParams params, String featuresCol,
            ValidationSplit split) {
        long total = stats.trainRows() + stats.validationRows();
        if (total == 0) {
            throw new IllegalArgumentException("Column '" + featuresCol
                    + "' has no rows: the training data is empty.");
        }
        if (stats.minWidth() != stats.maxWidth()) {
            throw new IllegalArgumentException("Column '" + featuresCol + "' has rows of "
                    + stats.minWidth() + " and of " + stats.maxWidth()
                    + " features; all rows must have the same width.");
        }
        if (!split.isEnabled()) {
            return;
        }
        String source = split.usesColumn()
                ? "Column '" + params.getValidationIndicatorCol() + "' (validationIndicatorCol)"
                : "validationFraction=" + params.getValidationFraction();
        if (stats.validationRows() == 0) {
            throw new IllegalArgumentException(source + " selects none of the " + total
                    + " rows for validation; at least one row must be a validation row.");
        }
        if (stats.trainRows() == 0) {
            throw new IllegalArgumentException(source + " selects all " + total
                    + " rows for validation; at least one row must remain for training.");
        }
    }

    private static final class ConvertPartition
            implements FlatMapFunction<Iterator<InternalRow>, RowBlock> {
        private static final long serialVersionUID = 1L;
        private final RowBlockConverter converter;

        ConvertPartition(RowBlockConverter converter) {
            this.converter = converter;
        }

        @Override
        public Iterator<RowBlock> call(Iterator<InternalRow> rows) {
            return converter.convert(rows);
        }
    }

    private static final class StatsOfPartition
            implements FlatMapFunction<Iterator<RowBlock>, DataStats> {
        private static final long serialVersionUID = 1L;
        private final boolean withMoments;
        private final long chunkBytes;

        StatsOfPartition(boolean withMoments, long chunkBytes) {
            this.withMoments = withMoments;
            this.chunkBytes = chunkBytes;
        }

        @Override
        public Iterator<DataStats> call(Iterator<RowBlock> blocks) {
            return List.of(DataStats.of(blocks, withMoments, chunkBytes)).iterator();
        }
    }

    private static final class IsValidation implements Function<RowBlock, Boolean> {
        private static final long serialVersionUID = 1L;
        private final boolean validation;

        IsValidation(boolean validation) {
            this.validation = validation;
        }

        @Override
        public Boolean call(RowBlock block) {
            return block.validation() == validation;
        }
    }
}
