package io.sparknn.bench;

import java.util.Locale;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Prints, per Spark job, its wall time and each task's time split the way Spark's task metrics
 * split it (deserialization, run, result serialization, fetching the result): where an epoch
 * spends the time outside its fit loop. Used by the probe.
 */
final class TaskTimes extends SparkListener {
    private final java.util.Map<Integer, Long> starts = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void onJobStart(SparkListenerJobStart job) {
        starts.put(job.jobId(), job.time());
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd job) {
        Long start = starts.remove(job.jobId());
        System.out.printf(Locale.ROOT, "    job %d: %d ms%n", job.jobId(),
                start == null ? -1 : job.time() - start);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        var m = end.taskMetrics();
        var info = end.taskInfo();
        System.out.printf(Locale.ROOT, "      task %d (stage %d): launch+%d ms, deser %d ms,"
                + " run %d ms, result ser %d ms, result %d B, getting result %d ms, GC %d ms%n",
                info.index(), end.stageId(), info.launchTime() % 100000,
                m.executorDeserializeTime(), m.executorRunTime(), m.resultSerializationTime(),
                m.resultSize(), info.gettingResult() ? info.finishTime() - info.gettingResultTime()
                        : 0, m.jvmGCTime());
    }
}
