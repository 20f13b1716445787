package io.sparknn.ml.persist;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.SparkContext;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.json4s.JsonAST;
import org.json4s.jackson.JsonMethods$;
import scala.Option;

/**
 * The one class that calls Spark ML's {@code private[ml]} persistence helpers
 * (DefaultParamsWriter/Reader), so a Spark upgrade that changes them touches only this file.
 * Using them keeps spark-nn's {@code metadata} files identical to MLlib's own.
 */
public final class SparkMlInternals {
    private SparkMlInternals() {}

    /**
     * Writes {@code path/metadata}: class, uid, Spark version, set params and defaults, as MLlib
     * does, leaving out {@code skipParams} (params whose values are not JSON, saved elsewhere).
     */
    public static void saveMetadata(Params stage, String path, SparkContext sc,
            Set<String> skipParams) {
        Option<JsonAST.JValue> paramMap = Option.empty();
        if (!skipParams.isEmpty()) {
            List<String> fields = new ArrayList<>();
            for (Param<?> p : stage.params()) {
                if (stage.isSet(p) && !skipParams.contains(p.name())) {
                    fields.add("\"" + p.name() + "\":" + encode(stage, p));
                }
            }
            paramMap = Option.apply(JsonMethods$.MODULE$.parse(
                    org.json4s.package$.MODULE$.string2JsonInput("{" + String.join(",", fields)
                            + "}"), false, true));
        }
        DefaultParamsWriter$.MODULE$.saveMetadata(stage, path, sc, Option.empty(), paramMap);
    }

    /** Reads {@code path/metadata}. */
    public static DefaultParamsReader.Metadata loadMetadata(String path, SparkContext sc) {
        return DefaultParamsReader$.MODULE$.loadMetadata(path, sc, "");
    }

    /** Sets the saved param values and defaults on a freshly constructed stage. */
    public static void setParams(Params stage, DefaultParamsReader.Metadata metadata) {
        metadata.getAndSetParams(stage, Option.empty());
    }

    @SuppressWarnings("unchecked")
    private static <T> String encode(Params stage, Param<T> param) {
        return param.jsonEncode((T) stage.getOrDefault(param));
    }
}
