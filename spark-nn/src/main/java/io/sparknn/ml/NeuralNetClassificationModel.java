package io.sparknn.ml;

import io.sparknn.ml.data.StageSchemas;
import io.sparknn.ml.param.NeuralNetParamSet;
import io.sparknn.ml.param.NeuralNetParams;
import io.sparknn.ml.param.ParamDefs;
import io.sparknn.ml.param.StageUid;
import io.sparknn.ml.predict.ClassificationOutputs;
import io.sparknn.ml.predict.ModelScoring;
import io.sparknn.ml.predict.ScoringBroadcast;
import io.sparknn.ml.train.NetworkFactory;
import io.sparknn.ml.train.NetworkSnapshot;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A trained neural network classifier. {@code transform} scores rows in batches of {@code
 * inferenceBatchSize} (one forward pass per batch) and appends MLlib's rawPrediction
 * (log-probabilities), probability and prediction columns; it also works on streaming
 * DataFrames.
 *
 * <pre>{@code
 * Dataset<Row> scored = model.transform(test);
 * double[] losses = model.summary().trainingLossHistory();
 * MultiLayerNetwork net = model.network();   // a copy, for use outside Spark
 * }</pre>
 */
public class NeuralNetClassificationModel
        extends ProbabilisticClassificationModel<Vector, NeuralNetClassificationModel>
        implements NeuralNetParams, MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final NeuralNetParamSet params;
    private final FittedNetwork fitted;

    /**
     * A model without a network, as Java's ServiceLoader needs every registered stage to have
     * (Spark Connect's server finds stages through it); it cannot transform.
     */
    public NeuralNetClassificationModel() {
        this(Identifiable$.MODULE$.randomUID("nnClassificationModel"));
    }

    /** A model without a network (for Spark's reflective construction); it cannot transform. */
    public NeuralNetClassificationModel(String uid) {
        this(uid, FittedNetwork.NONE);
    }

    NeuralNetClassificationModel(String uid, FittedNetwork fitted) {
        this(StageUid.stash(uid), fitted, true);
    }

    private NeuralNetClassificationModel(String uid, FittedNetwork fitted, boolean stashed) {
        super();
        this.uid = StageUid.take(uid);
        this.params = NeuralNetParamSet.createFor(this);
        ParamDefs.setDefaults(this);
        this.fitted = fitted;
    }

    /**
     * A model around a trained DL4J network (trained elsewhere, or to fine-tune with {@code
     * setInitialModel}). The network must end in a softmax output layer with one unit per class.
     *
     * @param numFeatures the network's input width
     * @throws IllegalArgumentException when the network does not take {@code numFeatures} inputs
     */
    public static NeuralNetClassificationModel fromNetwork(MultiLayerNetwork network,
            int numFeatures) {
        int numClasses = network.layerSize(network.getnLayers() - 1);
        NetworkFactory.checkFits(network, numFeatures, numClasses, "features", "label");
        return new NeuralNetClassificationModel(
                Identifiable$.MODULE$.randomUID("nnClassificationModel"),
                new FittedNetwork(NetworkSnapshot.of(network), numFeatures, numClasses, null));
    }

    /** As {@link #fromNetwork(MultiLayerNetwork, int)}, reading the width off the first layer. */
    public static NeuralNetClassificationModel fromNetwork(MultiLayerNetwork network) {
        return fromNetwork(network, network.layerInputSize(0));
    }

    @Override
    public String uid() {
        return uid != null ? uid : StageUid.pending();
    }

    @Override
    public NeuralNetParamSet neuralNetParams() {
        return params;
    }

    /** Rows per forward pass in {@code transform}; see {@link #inferenceBatchSize()}. */
    public NeuralNetClassificationModel setInferenceBatchSize(int value) {
        set(inferenceBatchSize(), value);
        return this;
    }

    /** The trained network and what came with it, for the estimator's initialModel. */
    FittedNetwork fitted() {
        return fitted;
    }

    @Override
    public int numFeatures() {
        return fitted.numFeatures();
    }

    @Override
    public int numClasses() {
        return fitted.numClasses();
    }

    /** Whether this model was fitted here and so has a training summary. */
    public boolean hasSummary() {
        return fitted.hasSummary();
    }

    /**
     * The losses of the fit that produced this model.
     *
     * @throws IllegalStateException when the model has no summary
     */
    public NeuralNetTrainingSummary summary() {
        return fitted.summary(uid);
    }

    /** A copy of the trained DL4J network, with its updater state; the caller owns it. */
    public MultiLayerNetwork network() {
        return fitted.network(uid);
    }

    /**
     * Frees now the native (off-heap) memory of the network this model keeps for single-row
     * predictions ({@code predict}, {@code predictRaw} or {@code predictProbability} on one
     * vector), held otherwise until the model is garbage-collected. The model stays usable: the
     * next single-row prediction builds the network again. {@code transform} does not use it (its
     * tasks free their networks as soon as their partitions are scored).
     */
    public void releaseNativeMemory() {
        fitted.releaseLocalNetwork();
    }

    /** {@inheritDoc} rawPrediction is log(probability). */
    @Override
    public Vector predictRaw(Vector features) {
        return Vectors.dense(ClassificationOutputs.logOf(fitted.predict(uid, features)));
    }

    /** Softmax of the raw log-probabilities, in place. */
    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        double[] v = ((DenseVector) rawPrediction).values();
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(v[i] - max);
            sum += v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= sum;
        }
        return rawPrediction;
    }

    /** {@inheritDoc} */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        ScoringBroadcast network = fitted.scoring(uid);
        StructType schema = transformSchema(dataset.schema(), true);
        double[] thresholds = isDefined(thresholds()) ? getThresholds() : null;
        if (thresholds != null && thresholds.length != numClasses()) {
            throw new IllegalArgumentException("Param 'thresholds' has " + thresholds.length
                    + " values, but the model has " + numClasses() + " classes.");
        }
        List<String> columns = new ArrayList<>();
        for (String column : List.of(getRawPredictionCol(), getProbabilityCol(),
                getPredictionCol())) {
            if (!column.isEmpty()) {
                columns.add(column);
            }
        }
        ClassificationOutputs outputs = new ClassificationOutputs(numClasses(),
                !getRawPredictionCol().isEmpty(), !getProbabilityCol().isEmpty(),
                !getPredictionCol().isEmpty(), thresholds);
        return ModelScoring.transform(dataset, schema, columns, getFeaturesCol(), network,
                numFeatures(), getInferenceBatchSize(), outputs);
    }

    /** {@inheritDoc} */
    @Override
    public StructType validateAndTransformSchema(StructType schema, boolean fitting,
            DataType featuresDataType) {
        return StageSchemas.validateAndTransform(this, schema, fitting, numFeatures(),
                s -> super.validateAndTransformSchema(s, fitting, featuresDataType));
    }

    /**
     * {@inheritDoc} Saves {@code path/metadata} (params, as MLlib does) and {@code path/data/}:
     * {@code network.zip} (DL4J's model zip with updater state, loadable with plain {@code
     * ModelSerializer}) and {@code model.json} (format version, widths, training summary).
     */
    @Override
    public MLWriter write() {
        return StagePersistence.modelWriter(this, fitted, "classification");
    }

    /** A reader for models saved with {@link #write()}. */
    public static MLReader<NeuralNetClassificationModel> read() {
        return StagePersistence.modelReader(NeuralNetClassificationModel.class, "classification",
                NeuralNetClassificationModel::new);
    }

    /** Loads a model saved with {@code write().save(path)}. */
    public static NeuralNetClassificationModel load(String path) {
        return read().load(path);
    }

    /** {@inheritDoc} */
    @Override
    public NeuralNetClassificationModel copy(ParamMap extra) {
        NeuralNetClassificationModel copy = new NeuralNetClassificationModel(uid, fitted);
        return copyValues(copy, extra).setParent(parent());
    }

    /** Disambiguates two Scala-private methods javac sees as clashing; Spark's behaviour. */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

}
