package io.sparknn.ml;

import io.sparknn.ml.persist.ModelData;
import io.sparknn.ml.persist.ModelFiles;
import io.sparknn.ml.persist.StageReader;
import io.sparknn.ml.persist.StageWriter;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;

/**
 * The writers and readers of the four public stages, written once: estimators save their params
 * and, beside them, their initial model; models save their params and their network.
 */
final class StagePersistence {
    private StagePersistence() {}

    /** Params in {@code path/metadata}; the initial model, when set, in {@code path/initialModel}. */
    static <M extends MLWritable> MLWriter estimatorWriter(Params estimator,
            Param<M> initialModel) {
        return new StageWriter(estimator, Set.of(initialModel.name()), (dir, conf) -> {
            if (estimator.isDefined(initialModel)) {
                estimator.getOrDefault(initialModel).write()
                        .save(new Path(dir, initialModel.name()).toString());
            }
        });
    }

    /** Reads what {@link #estimatorWriter} wrote. */
    static <E extends Params, M> MLReader<E> estimatorReader(Class<E> estimatorClass,
            Function<String, E> create, Function<E, Param<M>> initialModel,
            Function<String, M> loadModel) {
        return new StageReader<>(estimatorClass, (uid, path, conf) -> {
            E estimator = create.apply(uid);
            Param<M> param = initialModel.apply(estimator);
            Path saved = new Path(path, param.name());
            if (saved.getFileSystem(conf).exists(saved)) {
                estimator.set(param, loadModel.apply(saved.toString()));
            }
            return estimator;
        });
    }

    /** Params in {@code path/metadata}, the network and its data in {@code path/data/}. */
    static MLWriter modelWriter(Params model, FittedNetwork fitted, String task) {
        ModelData data = new ModelData(ModelData.FORMAT_VERSION, task, fitted.numFeatures(),
                fitted.numClasses(), fitted.hasSummary() ? fitted.summary(model.uid()) : null);
        return new StageWriter(model, Set.of(),
                (dir, conf) -> ModelFiles.write(dir, fitted.snapshot(model.uid()), data, conf));
    }

    /** Reads what {@link #modelWriter} wrote. */
    static <M extends Params> MLReader<M> modelReader(Class<M> modelClass, String task,
            BiFunction<String, FittedNetwork, M> create) {
        return new StageReader<>(modelClass, (uid, path, conf) -> {
            ModelFiles.Loaded loaded = ModelFiles.read(path, task, conf);
            return create.apply(uid, new FittedNetwork(loaded.network(),
                    loaded.data().numFeatures(), loaded.data().numClasses(),
                    loaded.data().summary()));
        });
    }
}
