package io.sparknn.notebooks;

import java.awt.image.RenderedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a notebook showed through its host's display call (the stubs in NotebookFormat's
 * preludes call here) and the values the test reads back from the REPL, for assertions.
 */
public final class NotebookOutputs {
    private static final List<Dataset<Row>> FRAMES = new ArrayList<>();
    private static final List<RenderedImage> IMAGES = new ArrayList<>();
    private static final Map<String, Object> VALUES = new HashMap<>();

    private NotebookOutputs() {}

    /** Databricks' display(df) and Zeppelin's z.show(df). */
    public static synchronized void display(Dataset<Row> frame) {
        frame.show(25, false);
        FRAMES.add(frame);
    }

    /** Almond's Image display. */
    public static synchronized void image(RenderedImage image) {
        IMAGES.add(image);
    }

    /** Called from the REPL after the last cell to hand a notebook value to the test. */
    public static synchronized void record(String name, Object value) {
        VALUES.put(name, value);
    }

    static synchronized List<Dataset<Row>> frames() {
        return List.copyOf(FRAMES);
    }

    static synchronized List<RenderedImage> images() {
        return List.copyOf(IMAGES);
    }

    static synchronized Object value(String name) {
        return VALUES.get(name);
    }

    static synchronized void clear() {
        FRAMES.clear();
        IMAGES.clear();
        VALUES.clear();
    }
}
