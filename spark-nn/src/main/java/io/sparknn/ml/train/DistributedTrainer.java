package io.sparknn.ml.train;

import io.sparknn.ml.data.TaskErrors;
import io.sparknn.ml.data.TrainingData;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's epoch loop. One Spark job per epoch: broadcast the current parameters and
 * updater state, train every partition ({@link PartitionTrainer}), sum the results in partition
 * order ({@link OrderedTreeSum}) and divide by the example count; then score the validation rows
 * in a distributed pass ({@link ValidationScorer}).
 */
public final class DistributedTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(DistributedTrainer.class);

    private DistributedTrainer() {}

    public static TrainingResult train(JavaSparkContext jsc, TrainingData data,
            TrainingConfig config, NetworkSnapshot initial) {
        int epochs = config.epochs();
        double[] trainingLoss = new double[epochs];
        double[] validationLoss = new double[data.hasValidation() ? epochs : 0];
        double[] seconds = new double[epochs];
        boolean earlyStopping = config.earlyStoppingPatience() > 0 && data.hasValidation();

        String previousDescription = jsc.getLocalProperty("spark.job.description");
        NetworkSnapshot state = initial;
        NetworkSnapshot best = initial;
        int bestEpoch = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        int completed = 0;
        Broadcast<NetworkSnapshot> current = jsc.broadcast(initial);
        try {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long start = System.nanoTime();
                jsc.setJobDescription("spark-nn epoch " + epoch + "/" + epochs);
                ParameterSum sum = trainEpoch(data, config, current, epoch);
                state = sum.average(state);
                Broadcast<NetworkSnapshot> next = jsc.broadcast(state);
                current.destroy();
                current = next;
                trainingLoss[epoch - 1] = sum.meanLoss();
                if (data.hasValidation()) {
                    validationLoss[epoch - 1] = validate(data, config, current);
                }
                seconds[epoch - 1] = (System.nanoTime() - start) / 1e9;
                completed = epoch;
                LOG.info(progressLine(epoch, epochs, trainingLoss[epoch - 1],
                        data.hasValidation() ? validationLoss[epoch - 1] : Double.NaN));
                if (!earlyStopping) {
                    best = state;
                    bestEpoch = epoch;
                } else if (validationLoss[epoch - 1] < bestLoss) {
                    bestLoss = validationLoss[epoch - 1];
                    best = state;
                    bestEpoch = epoch;
                } else if (epoch - bestEpoch >= config.earlyStoppingPatience()) {
                    LOG.info("Early stopping after epoch {}: no lower validation loss for {}"
                            + " epochs; keeping epoch {}.", epoch,
                            config.earlyStoppingPatience(), bestEpoch);
                    break;
                }
            }
        } finally {
            current.destroy();
            jsc.setJobDescription(previousDescription);
        }
        return new TrainingResult(best, java.util.Arrays.copyOf(trainingLoss, completed),
                java.util.Arrays.copyOf(validationLoss, data.hasValidation() ? completed : 0),
                java.util.Arrays.copyOf(seconds, completed), bestEpoch);
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
        return TaskErrors.rethrowDataErrors(() -> OrderedTreeSum.sum(
                data.training().mapPartitionsWithIndex(
                        new PartitionTrainer(config, start, epoch), true),
                config.aggregationFanIn()));
    }

    private static double validate(TrainingData data, TrainingConfig config,
            Broadcast<NetworkSnapshot> network) {
        LossSum total = LossSum.ZERO;
        for (LossSum part : TaskErrors.rethrowDataErrors(() ->
                data.validation().mapPartitions(new ValidationScorer(config, network)).collect())) {
            total = total.plus(part);
        }
        return total.mean();
    }
}
