package io.sparknn.ml;

import io.sparknn.ml.data.StageSchemas;
import io.sparknn.ml.param.NeuralNetEstimatorParams;
import io.sparknn.ml.param.NeuralNetParamSet;
import io.sparknn.ml.param.ParamDefs;
import io.sparknn.ml.param.StageUid;
import io.sparknn.ml.persist.CheckpointStore;
import io.sparknn.ml.train.NetworkSnapshot;
import io.sparknn.ml.train.TrainingRun;
import org.apache.spark.ml.classification.ProbabilisticClassifier;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Trains a DL4J neural network classifier on a DataFrame: shuffled mini-batches on every
 * partition, parameters (and optimizer state) averaged across partitions once per epoch (or
 * every averagingInterval batches).
 *
 * <pre>{@code
 * NeuralNetClassificationModel model = new NeuralNetClassifier()
 *     .setHiddenLayers(64, 32).setEpochs(20).setValidationFraction(0.1)
 *     .fit(train);                       // features: vector, array<float> or array<double>
 * model.transform(test).show();          // rawPrediction, probability, prediction
 * }</pre>
 *
 * <p>Labels are 0..k-1 (k from the label column's ML metadata, else the largest label + 1); the
 * output layer is softmax with negative log-likelihood loss. Params are in {@link
 * io.sparknn.ml.param.NeuralNetParams}.
 */
public class NeuralNetClassifier
        extends ProbabilisticClassifier<Vector, NeuralNetClassifier, NeuralNetClassificationModel>
        implements NeuralNetEstimatorParams<NeuralNetClassifier>, MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final NeuralNetParamSet params;
    private final Param<NeuralNetClassificationModel> initialModel;

    public NeuralNetClassifier() {
        this(Identifiable$.MODULE$.randomUID("nnClassifier"));
    }

    public NeuralNetClassifier(String uid) {
        this(StageUid.stash(uid), true);
    }

    private NeuralNetClassifier(String uid, boolean stashed) {
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
    public Param<NeuralNetClassificationModel> initialModel() {
        return initialModel;
    }

    public NeuralNetClassificationModel getInitialModel() {
        return getOrDefault(initialModel);
    }

    /** @see #initialModel() */
    public NeuralNetClassifier setInitialModel(NeuralNetClassificationModel model) {
        set(initialModel, model);
        return this;
    }

    /** {@inheritDoc} */
    @Override
    public NeuralNetClassificationModel train(Dataset<?> dataset) {
        NetworkSnapshot start =
                isDefined(initialModel) ? getInitialModel().fitted().snapshot(uid) : null;
        TrainingRun run = TrainingRun.fit(this, dataset, true, start,
                CheckpointStore.forParams(this, dataset.sparkSession()));
        return new NeuralNetClassificationModel(uid(), new FittedNetwork(run.result().network(),
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
    public static MLReader<NeuralNetClassifier> read() {
        return StagePersistence.estimatorReader(NeuralNetClassifier.class, NeuralNetClassifier::new,
                NeuralNetClassifier::initialModel, NeuralNetClassificationModel::load);
    }

    /** Loads an estimator saved with {@code write().save(path)}. */
    public static NeuralNetClassifier load(String path) {
        return read().load(path);
    }

    /** {@inheritDoc} */
    @Override
    public NeuralNetClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }
}
