package io.sparknn.ml.train;

import io.sparknn.ml.data.DataStats;
import io.sparknn.ml.data.TaskErrors;
import io.sparknn.ml.data.TrainingData;
import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's epoch loop. An epoch is one or more rounds ({@link RoundLength}), each one Spark
 * job: broadcast the current parameters and updater state, train the round's batches of every
 * partition ({@link PartitionTrainer}), sum the results in partition order ({@link
 * OrderedTreeSum}) and divide by the example count; the next round starts from that average.
 * The last round's average is the epoch's model, whose validation rows are scored in a
 * distributed pass ({@link ValidationScorer}); the next epoch starts from {@link OuterStep}'s step
 * past it, from where the epoch started. With a {@link CheckpointSeries}, the loop saves its
 * state every few epochs and a new fit continues from the newest checkpoint. A diverged epoch
 * (non-finite loss or parameters) ends the fit with an error ({@link Divergence}).
 */
public final class DistributedTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(DistributedTrainer.class);
    /** From this many workers on, once-per-epoch averaging gets a hint in the log. */
    private static final int HINT_WORKERS = 4;

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

        int[] rounds = new int[epochs];
        int[] roundBatches = new int[epochs];
        double[] averagingShare = new double[epochs];
        Arrays.fill(averagingShare, Double.NaN);
        int slots = jsc.defaultParallelism();
        RoundLength roundLength = new RoundLength(config.averagingInterval(),
                config.averagingShare(), slots,
                epochBatches(data, config.batchSize()));
        hintAtRounds(config, data.training().getNumPartitions());

        // Which code trained the network: the driver's choice, unless a task fell back to DL4J.
        boolean denseKernel = config.kernel() != null;
        String previousDescription = jsc.getLocalProperty("spark.job.description");
        Broadcast<NetworkSnapshot> current = jsc.broadcast(state);
        try {
            for (int epoch = completed + 1; epoch <= epochs && !stopped; epoch++) {
                long start = System.nanoTime();
                NetworkSnapshot model = null;
                NetworkSnapshot epochStart = state;
                double lossSum = 0;
                long count = 0;
                double fitLoop = 0;
                double roundWall = 0;
                double computeWall = 0;
                int firstBatch = 0;
                boolean batchesLeft = true;
                for (int round = 0; batchesLeft; round++) {
                    long roundStart = System.nanoTime();
                    int batches = roundLength.next();
                    jsc.setJobDescription("spark-nn epoch " + epoch + "/" + epochs
                            + (batches == Integer.MAX_VALUE ? ""
                                    : ", round " + (round + 1) + " (" + batches + " batches)"));
                    ParameterSum sum = trainRound(data, config, current, epoch,
                            new PartitionTrainer.Round(round, firstBatch, batches));
                    batchesLeft = sum.batchesLeft();
                    model = sum.average(state, config.singlePrecision(), !batchesLeft);
                    lossSum += sum.lossSum();
                    count += sum.count();
                    denseKernel &= sum.allByDenseKernel();
                    if (batchesLeft) {
                        // Rounds within an epoch continue from the plain average.
                        state = model;
                    } else {
                        trainingLoss[epoch - 1] = lossSum / count;
                        Divergence.checkTraining(epoch, epochs, trainingLoss[epoch - 1], model);
                        state = OuterStep.nextStart(epochStart, model, sum.tasks(),
                                OuterStep.rate(config.outerLearningRate(), trainingLoss, epoch),
                                config.singlePrecision());
                    }
                    Broadcast<NetworkSnapshot> next = jsc.broadcast(state);
                    current.destroy();
                    current = next;
                    double roundSeconds = (System.nanoTime() - roundStart) / 1e9;
                    roundLength.observe(roundSeconds, sum);
                    fitLoop += sum.fitLoopSeconds();
                    roundWall += roundSeconds;
                    computeWall += roundLength.computeSeconds(sum);
                    firstBatch += batches;
                    rounds[epoch - 1] = round + 1;
                    roundBatches[epoch - 1] = Math.min(batches, sum.steps());
                }
                fitLoopSeconds[epoch - 1] = fitLoop;
                averagingShare[epoch - 1] = Math.max(0, 1 - computeWall / roundWall);
                if (validation) {
                    validationLoss[epoch - 1] = validate(jsc, data, config, model,
                            model == state ? current : null);
                    Divergence.checkValidation(epoch, epochs, validationLoss[epoch - 1]);
                }
                seconds[epoch - 1] = (System.nanoTime() - start) / 1e9;
                completed = epoch;
                LOG.info(progressLine(epoch, epochs, trainingLoss[epoch - 1],
                        validation ? validationLoss[epoch - 1] : Double.NaN));
                if (config.averagingInterval() != 0) {
                    LOG.info(String.format(Locale.ROOT, "Epoch %d: %d averaging rounds (the"
                            + " last of %d batches per worker%s); averaging took %.1f%% of the"
                            + " training time.", epoch, rounds[epoch - 1],
                            roundBatches[epoch - 1], roundLength.isAutomatic()
                                    ? ", chosen automatically: " + roundLength.describe()
                                    : "", 100 * averagingShare[epoch - 1]));
                }
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
                new TrainingResult.Rounds(Arrays.copyOf(rounds, completed),
                        Arrays.copyOf(roundBatches, completed),
                        Arrays.copyOf(averagingShare, completed)),
                bestEpoch, denseKernel, new double[0], new double[0]);
    }

    /** The familiar one-line summary: {@code Epoch [3/100], Loss: 0.1234, Validation Loss: ...}. */
    public static String progressLine(int epoch, int epochs, double loss, double validation) {
        String line = String.format(Locale.ROOT, "Epoch [%d/%d], Loss: %.4f", epoch, epochs, loss);
        return Double.isNaN(validation)
                ? line
                : line + String.format(Locale.ROOT, ", Validation Loss: %.4f", validation);
    }

    private static ParameterSum trainRound(TrainingData data, TrainingConfig config,
            Broadcast<NetworkSnapshot> start, int epoch, PartitionTrainer.Round round) {
        return TaskErrors.rethrowDataErrors(() -> OrderedTreeSum.sum(data.training(),
                new PartitionTrainer(config, start, epoch, round), config.aggregationFanIn(),
                config.resultsPerJob()));
    }

    /** The most mini-batches any partition has in an epoch. */
    private static int epochBatches(TrainingData data, int batchSize) {
        long rows = 0;
        for (DataStats stats : data.partitionStats()) {
            rows = Math.max(rows, stats.trainRows());
        }
        return (int) Math.min(Integer.MAX_VALUE, (rows + batchSize - 1) / batchSize);
    }

    /**
     * Logs a hint when many workers average once per epoch: each then trains 1/k of the epoch's
     * batches from the same start, and the epoch's model moves about as far as 1/k of an epoch.
     */
    private static void hintAtRounds(TrainingConfig config, int workers) {
        if (config.averagingInterval() == 0 && workers >= HINT_WORKERS) {
            LOG.info("{} workers average their parameters once per epoch, so each trains 1/{}"
                    + " of an epoch's batches from the same start; with this many workers,"
                    + " averaging within the epoch (averagingInterval=-1: rounds chosen"
                    + " automatically) trains more per epoch.", workers, workers);
        }
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
