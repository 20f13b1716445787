package io.sparknn.ml;

import io.sparknn.ml.data.StageSchemas;
import io.sparknn.ml.param.NeuralNetEstimatorParams;
import io.sparknn.ml.param.NeuralNetParamSet;
import io.sparknn.ml.param.ParamDefs;
import io.sparknn.ml.param.StageUid;
import io.sparknn.ml.persist.CheckpointStore;
import io.sparknn.ml.train.NetworkSnapshot;
import io.sparknn.ml.train.TrainingRun;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.Regressor;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Trains a DL4J neural network regressor on a DataFrame: shuffled mini-batches on every
 * partition, parameters (and optimizer state) averaged across partitions once per epoch (or
 * every averagingInterval batches).
 *
 * <pre>{@code
 * NeuralNetRegressionModel model = new NeuralNetRegressor()
 *     .setHiddenLayers(50).setOptimizer("sgd").setLearningRate(0.01).setBatchSize(16)
 *     .setEpochs(100).setValidationIndicatorCol("isVal")
 *     .fit(df);
 * model.transform(df).select("prediction").show();
 * }</pre>
 *
 * <p>The output layer is one identity unit with mean squared error loss. Params are in {@link
 * io.sparknn.ml.param.NeuralNetParams}.
 */
public class NeuralNetRegressor
        extends Regressor<Vector, NeuralNetRegressor, NeuralNetRegressionModel>
        implements NeuralNetEstimatorParams<NeuralNetRegressor>, MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final NeuralNetParamSet params;
    private final Param<NeuralNetRegressionModel> initialModel;

    public NeuralNetRegressor() {
        this(Identifiable$.MODULE$.randomUID("nnRegressor"));
    }

    public NeuralNetRegressor(String uid) {
        this(StageUid.stash(uid), true);
    }

    private NeuralNetRegressor(String uid, boolean stashed) {
        super();
        this.uid = StageUid.take(uid);
        this.params = NeuralNetParamSet.createFor(this);
        this.initialModel = ParamDefs.initialModel(this);
        ParamDefs.setDefaults(this);
    }

    @Override
    public String uid() {
        return uid != null ? uid : StageUid.pending();
    }

    @Override
    public NeuralNetParamSet neuralNetParams() {
        return params;
    }

    /**
     * A fitted model whose weights training starts from (fine-tuning, or continuing a fit with
     * other params); its optimizer state is kept when the optimizer is the same. Its network
     * must have the architecture hiddenLayers (or network) describes. Not set by default.
     */
    public Param<NeuralNetRegressionModel> initialModel() {
        return initialModel;
    }

    public NeuralNetRegressionModel getInitialModel() {
        return getOrDefault(initialModel);
    }

    /** @see #initialModel() */
    public NeuralNetRegressor setInitialModel(NeuralNetRegressionModel model) {
        set(initialModel, model);
        return this;
    }

    /** {@inheritDoc} */
    @Override
    public NeuralNetRegressionModel train(Dataset<?> dataset) {
        NetworkSnapshot start =
                isDefined(initialModel) ? getInitialModel().fitted().snapshot(uid) : null;
        TrainingRun run = TrainingRun.fit(this, dataset, false, start,
                CheckpointStore.forParams(this, dataset.sparkSession()));
        return new NeuralNetRegressionModel(uid(), new FittedNetwork(run.result().network(),
                run.numFeatures(), run.numClasses(), NeuralNetTrainingSummary.of(run.result())));
    }

    /** {@inheritDoc} */
    @Override
    public StructType validateAndTransformSchema(StructType schema, boolean fitting,
            DataType featuresDataType) {
        return StageSchemas.validateAndTransform(this, schema, fitting, -1,
                s -> super.validateAndTransformSchema(s, fitting, featuresDataType));
    }

    /**
     * {@inheritDoc} Saves the params as MLlib does ({@code path/metadata}) and an initialModel,
     * when set, in {@code path/initialModel}.
     */
    @Override
    public MLWriter write() {
        return StagePersistence.estimatorWriter(this, initialModel);
    }

    /** A reader for estimators saved with {@link #write()}. */
    public static MLReader<NeuralNetRegressor> read() {
        return StagePersistence.estimatorReader(NeuralNetRegressor.class, NeuralNetRegressor::new,
                NeuralNetRegressor::initialModel, NeuralNetRegressionModel::load);
    }

    /** Loads an estimator saved with {@code write().save(path)}. */
    public static NeuralNetRegressor load(String path) {
        return read().load(path);
    }

    /** {@inheritDoc} */
    @Override
    public NeuralNetRegressor copy(ParamMap extra) {
        return defaultCopy(extra);
    }
}
