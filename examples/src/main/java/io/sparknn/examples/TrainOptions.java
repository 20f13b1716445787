package io.sparknn.examples;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TrainCli's flags, parsed and checked: each bad flag is an IllegalArgumentException whose
 * message is the one line the CLI prints.
 */
record TrainOptions(String input, String format, List<String> featureColumns,
        String featuresCol, String label, String task, int[] hidden, int epochs, int batchSize,
        String optimizer, double learningRate, double validationFraction, double testFraction,
        int workers, int averagingInterval, long seed, String output) {

    static final String HELP = String.join("\n",
            "usage: TrainCli --input PATH --task classification|regression --output DIR [flags]",
            "",
            "  --input PATH                data to train on (required)",
            "  --format parquet|csv|libsvm input format (default: parquet; csv has a header row)",
            "  --features a,b,c            numeric feature columns to assemble into a vector",
            "  --features-col NAME         or: an existing vector/array column (default: features)",
            "  --label NAME                label column (default: label)",
            "  --task classification|regression   what to train (required)",
            "  --hidden 64,32              hidden layer widths (default: 64)",
            "  --epochs N                  passes over the data (default: 10)",
            "  --batch-size N              mini-batch rows per task (default: 32)",
            "  --optimizer NAME            adam, sgd, nesterovs, rmsprop, adagrad (default: adam)",
            "  --learning-rate X           optimizer step size (default: 0.001)",
            "  --validation-fraction X     rows held out for the per-epoch validation loss"
                    + " (default: 0.1)",
            "  --test-fraction X           rows held out for the test metrics (default: 0.2)",
            "  --workers N                 training tasks (default: 0, one per task slot; -1:"
                    + " the input's partitions)",
            "  --averaging-interval N      mini-batches per task between averagings (default: 0,"
                    + " once per epoch; -1: automatic)",
            "  --seed N                    seed for splits, initialization, shuffling"
                    + " (default: 1)",
            "  --output DIR                writes DIR/model, DIR/metrics.json, DIR/loss.png"
                    + " (required)",
            "  --help                      this text");

    /** Null when {@code --help} was asked for. */
    static TrainOptions parse(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                return null;
            }
            if (!HELP.contains("  " + flag + " ") || !flag.startsWith("--")) {
                throw new IllegalArgumentException("unknown flag '" + flag + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            flags.put(flag, args[++i]);
        }
        String task = required(flags, "--task");
        if (!task.equals("classification") && !task.equals("regression")) {
            throw new IllegalArgumentException("--task must be classification or regression,"
                    + " not '" + task + "'");
        }
        String format = flags.getOrDefault("--format", "parquet");
        if (!List.of("parquet", "csv", "libsvm").contains(format)) {
            throw new IllegalArgumentException("--format must be parquet, csv or libsvm, not '"
                    + format + "'");
        }
        List<String> features = flags.containsKey("--features")
                ? Arrays.asList(flags.get("--features").split(",")) : List.of();
        int[] hidden;
        try {
            hidden = Arrays.stream(flags.getOrDefault("--hidden", "64").split(","))
                    .mapToInt(w -> Integer.parseInt(w.trim())).toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--hidden must be widths like 64,32");
        }
        return new TrainOptions(required(flags, "--input"), format, features,
                flags.getOrDefault("--features-col", "features"),
                flags.getOrDefault("--label", "label"), task, hidden,
                integer(flags, "--epochs", "10"), integer(flags, "--batch-size", "32"),
                flags.getOrDefault("--optimizer", "adam"),
                number(flags, "--learning-rate", "0.001"),
                number(flags, "--validation-fraction", "0.1"),
                number(flags, "--test-fraction", "0.2"), integer(flags, "--workers", "0"),
                integer(flags, "--averaging-interval", "0"),
                (long) number(flags, "--seed", "1"), required(flags, "--output"));
    }

    private static String required(Map<String, String> flags, String flag) {
        String value = flags.get(flag);
        if (value == null) {
            throw new IllegalArgumentException(flag + " is required");
        }
        return value;
    }

    private static int integer(Map<String, String> flags, String flag, String fallback) {
        try {
            return Integer.parseInt(flags.getOrDefault(flag, fallback));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number");
        }
    }

    private static double number(Map<String, String> flags, String flag, String fallback) {
        try {
            return Double.parseDouble(flags.getOrDefault(flag, fallback));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number");
        }
    }
}
