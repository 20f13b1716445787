package io.sparknn.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Spark's own task metrics for spark-nn's training jobs (described "spark-nn epoch k/n"): per
 * epoch, the longest task's time on its executor (deserializing, running, serializing its
 * result). With the training summary's fit-loop time this splits an epoch's time outside the
 * fit loop into the part inside the tasks (batching rows, building the network, packing the
 * result) and the Spark job around them (scheduling, broadcast, fetching results, averaging).
 */
final class TaskTimes extends SparkListener {
    private final Map<Integer, Integer> stageToJob = new ConcurrentHashMap<>();
    private final Map<Integer, Long> longestTask = new ConcurrentHashMap<>();
    private final List<Integer> epochJobs = new ArrayList<>();
    private final boolean print;

    /** @param print also print every task's metrics (the probe) */
    TaskTimes(boolean print) {
        this.print = print;
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart job) {
        String description = job.properties() == null ? null
                : job.properties().getProperty("spark.job.description");
        if (description != null && description.startsWith("spark-nn epoch")) {
            epochJobs.add(job.jobId());
            job.stageIds().foreach(stage -> stageToJob.put((Integer) stage, job.jobId()));
        }
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd job) {
        if (print && longestTask.containsKey(job.jobId())) {
            System.out.printf(Locale.ROOT, "    job %d: longest task %d ms%n", job.jobId(),
                    longestTask.get(job.jobId()));
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        Integer job = stageToJob.get(end.stageId());
        if (job == null || end.taskMetrics() == null) {
            return;
        }
        var m = end.taskMetrics();
        long ms = m.executorDeserializeTime() + m.executorRunTime() + m.resultSerializationTime();
        longestTask.merge(job, ms, Math::max);
        if (print) {
            System.out.printf(Locale.ROOT, "      task %d: deserialize %d ms, run %d ms, result"
                    + " %d ms (%,d B), GC %d ms%n", end.taskInfo().index(),
                    m.executorDeserializeTime(), m.executorRunTime(),
                    m.resultSerializationTime(), m.resultSize(), m.jvmGCTime());
        }
    }

    /** Per training epoch, in order: the longest task's executor time, in seconds. */
    synchronized double[] longestTaskSeconds() {
        return epochJobs.stream().mapToDouble(j -> longestTask.getOrDefault(j, 0L) / 1e3)
                .toArray();
    }
}
