package io.sparknn.ml.train;

import io.sparknn.ml.data.TaskErrors;
import io.sparknn.ml.data.TrainingData;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's epoch loop. One Spark job per epoch: broadcast the current parameters and
 * updater state, train every partition ({@link PartitionTrainer}), sum the results in partition
 * order ({@link OrderedTreeSum}) and divide by the example count: that average is the epoch's
 * model, whose validation rows are scored in a distributed pass ({@link ValidationScorer}); the
 * next epoch starts from {@link OuterStep}'s step along it. With a {@link CheckpointSeries}, the
 * loop saves its state every few epochs and a new fit continues from the newest checkpoint. A
 * diverged epoch (non-finite loss or parameters) ends the fit with an error ({@link
 * Divergence}).
 */
public final class DistributedTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(DistributedTrainer.class);

    private DistributedTrainer() {}

    /**
     * @param checkpoints this training's checkpoints, or null
     * @param fingerprint identifies this training, written into its checkpoints
     * @throws IllegalArgumentException when the checkpoints are past {@code config.epochs()}
     * @throws IllegalStateException when the training diverges
     */
    public static TrainingResult train(JavaSparkContext jsc, TrainingData data,
            TrainingConfig config, NetworkSnapshot initial, CheckpointSeries checkpoints,
            String fingerprint) {
        int epochs = config.epochs();
        boolean validation = data.hasValidation();
        boolean earlyStopping = config.earlyStoppingPatience() > 0 && validation;
        TrainingCheckpoint loop = new TrainingCheckpoint(fingerprint, 0, initial, initial, 0,
                Double.POSITIVE_INFINITY, false, new double[0], new double[0], new double[0]);
        if (checkpoints != null) {
            TrainingCheckpoint found = checkpoints.latest().orElse(null);
            if (found != null && found.epoch() > epochs) {
                throw new IllegalArgumentException("Param 'checkpointDir' holds this training"
                        + " after epoch " + found.epoch() + " (" + checkpoints.location()
                        + "), more than epochs=" + epochs + "; set epochs to at least "
                        + found.epoch() + " to use it, or choose another checkpointDir.");
            }
            if (found != null) {
                LOG.info("Resuming from the checkpoint in {} after epoch {} of {}.",
                        checkpoints.location(), found.epoch(), epochs);
                loop = found;
            }
        }
        double[] trainingLoss = Arrays.copyOf(loop.trainingLoss(), epochs);
        double[] validationLoss = Arrays.copyOf(loop.validationLoss(), validation ? epochs : 0);
        double[] seconds = Arrays.copyOf(loop.epochSeconds(), epochs);
        // Not checkpointed: epochs done before a resume have no fit-loop time (NaN).
        double[] fitLoopSeconds = new double[epochs];
        Arrays.fill(fitLoopSeconds, Double.NaN);
        // Where the next epoch starts (the averaged model, or OuterStep's step past it).
        NetworkSnapshot state = loop.state();
        NetworkSnapshot best = loop.best();
        int bestEpoch = loop.bestEpoch();
        double bestLoss = loop.bestLoss();
        boolean stopped = loop.stopped();
        int completed = Math.min(loop.epoch(), epochs);

        // Which code trained the network: the driver's choice, unless a task fell back to DL4J.
        boolean denseKernel = config.kernel() != null;
        String previousDescription = jsc.getLocalProperty("spark.job.description");
        Broadcast<NetworkSnapshot> current = jsc.broadcast(state);
        try {
            for (int epoch = completed + 1; epoch <= epochs && !stopped; epoch++) {
                long start = System.nanoTime();
                jsc.setJobDescription("spark-nn epoch " + epoch + "/" + epochs);
                ParameterSum sum = trainEpoch(data, config, current, epoch);
                NetworkSnapshot model = sum.average(state, config.singlePrecision());
                trainingLoss[epoch - 1] = sum.meanLoss();
                denseKernel &= sum.allByDenseKernel();
                Divergence.checkTraining(epoch, epochs, trainingLoss[epoch - 1], model);
                state = OuterStep.nextStart(state, model, sum.tasks(),
                        OuterStep.rate(config.outerLearningRate(), trainingLoss, epoch),
                        config.singlePrecision());
                fitLoopSeconds[epoch - 1] = sum.fitLoopSeconds();
                Broadcast<NetworkSnapshot> next = jsc.broadcast(state);
                current.destroy();
                current = next;
                if (validation) {
                    validationLoss[epoch - 1] = validate(jsc, data, config, model,
                            model == state ? current : null);
                    Divergence.checkValidation(epoch, epochs, validationLoss[epoch - 1]);
                }
                seconds[epoch - 1] = (System.nanoTime() - start) / 1e9;
                completed = epoch;
                LOG.info(progressLine(epoch, epochs, trainingLoss[epoch - 1],
                        validation ? validationLoss[epoch - 1] : Double.NaN));
                if (!earlyStopping) {
                    best = model;
                    bestEpoch = epoch;
                } else if (validationLoss[epoch - 1] < bestLoss) {
                    bestLoss = validationLoss[epoch - 1];
                    best = model;
                    bestEpoch = epoch;
                } else if (epoch - bestEpoch >= config.earlyStoppingPatience()) {
                    LOG.info("Early stopping after epoch {}: no lower validation loss for {}"
                            + " epochs; keeping epoch {}.", epoch,
                            config.earlyStoppingPatience(), bestEpoch);
                    stopped = true;
                }
                if (checkpoints != null
                        && (epoch % checkpoints.interval() == 0 || epoch == epochs || stopped)) {
                    checkpoints.save(new TrainingCheckpoint(fingerprint, epoch, state, best,
                            bestEpoch, bestLoss, stopped, Arrays.copyOf(trainingLoss, epoch),
                            Arrays.copyOf(validationLoss, validation ? epoch : 0),
                            Arrays.copyOf(seconds, epoch)));
                    LOG.info("Checkpoint of epoch {} written to {}.", epoch,
                            checkpoints.location());
                }
            }
        } finally {
            current.destroy();
            jsc.setJobDescription(previousDescription);
        }
        return new TrainingResult(best, Arrays.copyOf(trainingLoss, completed),
                Arrays.copyOf(validationLoss, validation ? completed : 0),
                Arrays.copyOf(seconds, completed), Arrays.copyOf(fitLoopSeconds, completed),
                bestEpoch, denseKernel, new double[0], new double[0]);
    }

    /** The familiar one-line summary: {@code Epoch [3/100], Loss: 0.1234, Validation Loss: ...}. */
    public static String progressLine(int epoch, int epochs, double loss, double validation) {
        String line = String.format(Locale.ROOT, "Epoch [%d/%d], Loss: %.4f", epoch, epochs, loss);
        return Double.isNaN(validation)
                ? line
                : line + String.format(Locale.ROOT, ", Validation Loss: %.4f", validation);
    }

    private static ParameterSum trainEpoch(TrainingData data, TrainingConfig config,
            Broadcast<NetworkSnapshot> start, int epoch) {
        return TaskErrors.rethrowDataErrors(() -> OrderedTreeSum.sum(data.training(),
                new PartitionTrainer(config, start, epoch), config.aggregationFanIn(),
                config.resultsPerJob()));
    }

    /**
     * The mean validation loss of {@code model}, scored through {@code broadcast} when it already
     * holds the model (null: broadcast it for this pass).
     */
    private static double validate(JavaSparkContext jsc, TrainingData data,
            TrainingConfig config, NetworkSnapshot model, Broadcast<NetworkSnapshot> broadcast) {
        Broadcast<NetworkSnapshot> network = broadcast != null ? broadcast : jsc.broadcast(model);
        try {
            LossSum total = LossSum.ZERO;
            for (LossSum part : TaskErrors.rethrowDataErrors(() -> PartitionJob.run(
                    data.validation(), new ValidationScorer(config, network), LossSum.class))) {
                total = total.plus(part);
            }
            return total.mean();
        } finally {
            if (network != broadcast) {
                network.destroy();
            }
        }
    }
}
