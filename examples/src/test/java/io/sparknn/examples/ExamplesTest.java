package io.sparknn.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each example's main, run as a user would (local[*]), judged by what it prints and writes. */
class ExamplesTest {
    private static final String DIGITS = Path.of("..", "data", "digits.csv.gz").toString();

    /** Runs {@code main} and returns what it printed. */
    private static String run(ThrowingMain main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }

    @FunctionalInterface
    private interface ThrowingMain {
        void run() throws Exception;
    }

    private static double accuracy(String out) {
        Matcher m = Pattern.compile("Test accuracy: (\\d\\.\\d+)").matcher(out);
        assertTrue(m.find(), out);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void seedRegressionPrintsEveryTenthEpochAndReloadsTheSameModel(@TempDir Path dir)
            throws Exception {
        String model = dir.resolve("seed").toString();
        String out = run(() -> SeedRegression.main(new String[] {model}));
        assertEquals(10, Pattern.compile("Epoch \\[\\d+/100\\], Loss: \\d+\\.\\d{4}, Validation"
                + " Loss: \\d+\\.\\d{4}").matcher(out).results().count(), out);
        assertTrue(out.contains("The loaded model predicts the same values."), out);
        assertTrue(Files.exists(Path.of(model, "data", "network.zip")));
    }

    @Test
    void digitsQuickStartReachesNinetySixPercent(@TempDir Path dir) throws Exception {
        String model = dir.resolve("quick").toString();
        String out = run(() -> DigitsQuickStart.main(new String[] {DIGITS, model}));
        assertTrue(out.contains("epoch  training loss  validation loss  seconds"), out);
        assertTrue(accuracy(out) >= 0.96, out);
        assertTrue(Files.exists(Path.of(model, "stages")));
    }

    @Test
    void digitsPipelineCrossValidatesAndReloads(@TempDir Path dir) throws Exception {
        String out = run(() -> DigitsPipeline.main(
                new String[] {DIGITS, "4", dir.resolve("pipeline").toString()}));
        assertEquals(4, Pattern.compile("CV accuracy").matcher(out).results().count(), out);
        assertTrue(out.contains("Confusion matrix"), out);
        assertTrue(accuracy(out) >= 0.9, out);
        assertTrue(out.contains("the loaded PipelineModel predicts the same."), out);
    }
}
