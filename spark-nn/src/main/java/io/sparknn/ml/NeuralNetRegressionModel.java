package io.sparknn.ml;

import io.sparknn.ml.data.StageSchemas;
import io.sparknn.ml.param.NeuralNetParamSet;
import io.sparknn.ml.param.NeuralNetParams;
import io.sparknn.ml.param.ParamDefs;
import io.sparknn.ml.param.StageUid;
import io.sparknn.ml.predict.ModelScoring;
import io.sparknn.ml.predict.RegressionOutputs;
import io.sparknn.ml.predict.ScoringBroadcast;
import io.sparknn.ml.train.NetworkFactory;
import io.sparknn.ml.train.NetworkSnapshot;
import java.util.List;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
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
 * A trained neural network regressor. {@code transform} scores rows in batches of {@code
 * inferenceBatchSize} (one forward pass per batch) and appends the prediction column; it also
 * works on streaming DataFrames.
 *
 * <pre>{@code
 * Dataset<Row> scored = model.transform(df);
 * double[] validation = model.summary().validationLossHistory();
 * }</pre>
 */
public class NeuralNetRegressionModel
        extends RegressionModel<Vector, NeuralNetRegressionModel>
        implements NeuralNetParams, MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final NeuralNetParamSet params;
    private final FittedNetwork fitted;

    /**
     * A model without a network, as Java's ServiceLoader needs every registered stage to have
     * (Spark Connect's server finds stages through it); it cannot transform.
     */
    public NeuralNetRegressionModel() {
        this(Identifiable$.MODULE$.randomUID("nnRegressionModel"));
    }

    /** A model without a network (for Spark's reflective construction); it cannot transform. */
    public NeuralNetRegressionModel(String uid) {
        this(uid, FittedNetwork.NONE);
    }

    NeuralNetRegressionModel(String uid, FittedNetwork fitted) {
        this(StageUid.stash(uid), fitted, true);
    }

    private NeuralNetRegressionModel(String uid, FittedNetwork fitted, boolean stashed) {
        super();
        this.uid = StageUid.take(uid);
        this.params = NeuralNetParamSet.createFor(this);
        ParamDefs.setDefaults(this);
        this.fitted = fitted;
    }

    /**
     * A model around a trained DL4J network (trained elsewhere, or to fine-tune with {@code
     * setInitialModel}). The network must have one output.
     *
     * @param numFeatures the network's input width
     * @throws IllegalArgumentException when the network does not take {@code numFeatures} inputs
     */
    public static NeuralNetRegressionModel fromNetwork(MultiLayerNetwork network,
            int numFeatures) {
        NetworkFactory.checkFits(network, numFeatures, 1, "features", "label");
        return new NeuralNetRegressionModel(Identifiable$.MODULE$.randomUID("nnRegressionModel"),
                new FittedNetwork(NetworkSnapshot.of(network), numFeatures, 0, null));
    }

    /** As {@link #fromNetwork(MultiLayerNetwork, int)}, reading the width off the first layer. */
    public static NeuralNetRegressionModel fromNetwork(MultiLayerNetwork network) {
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
    public NeuralNetRegressionModel setInferenceBatchSize(int value) {
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
     * predictions ({@code predict} on one vector), held otherwise until the model is
     * garbage-collected. The model stays usable: the next single-row prediction builds the network
     * again. {@code transform} does not use it (its tasks free their networks as soon as their
     * partitions are scored).
     */
    public void releaseNativeMemory() {
        fitted.releaseLocalNetwork();
    }

    /** {@inheritDoc} */
    @Override
    public double predict(Vector features) {
        return fitted.predict(uid, features)[0];
    }

    /** {@inheritDoc} */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        ScoringBroadcast network = fitted.scoring(uid);
        StructType schema = transformSchema(dataset.schema(), true);
        if (getPredictionCol().isEmpty()) {
            return dataset.toDF();
        }
        return ModelScoring.transform(dataset, schema, List.of(getPredictionCol()),
                getFeaturesCol(), network, numFeatures(), getInferenceBatchSize(),
                new RegressionOutputs());
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
        return StagePersistence.modelWriter(this, fitted, "regression");
    }

    /** A reader for models saved with {@link #write()}. */
    public static MLReader<NeuralNetRegressionModel> read() {
        return StagePersistence.modelReader(NeuralNetRegressionModel.class, "regression",
                NeuralNetRegressionModel::new);
    }

    /** Loads a model saved with {@code write().save(path)}. */
    public static NeuralNetRegressionModel load(String path) {
        return read().load(path);
    }

    /** {@inheritDoc} */
    @Override
    public NeuralNetRegressionModel copy(ParamMap extra) {
        NeuralNetRegressionModel copy = new NeuralNetRegressionModel(uid, fitted);
        return copyValues(copy, extra).setParent(parent());
    }

}
