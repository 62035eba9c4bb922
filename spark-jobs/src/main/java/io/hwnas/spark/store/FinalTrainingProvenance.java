package io.hwnas.spark.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.hwnas.eval.CandidateEvaluator;
import io.hwnas.spark.config.FinalTrainingSettings;
import org.apache.spark.SparkContext;

import java.time.Instant;

/**
 * What {@code final/final-training.json} records so a final training can be traced and repeated:
 * the run it trained from, the settings with every default resolved, the seeds, the dl4j-spark
 * training master as configured, and the code, library versions and Spark application it ran on.
 *
 * @param runSeed the sweep's seed; candidate {@code i} trains with seed {@code Seeds.derive(runSeed, -1, i)}
 *     (in the CSV), the data selection uses the sweep's {@code data.seed}
 * @param trainingMaster dl4j-spark's JSON of the parameter-averaging master (the first candidate's)
 * @param deployedTolerance the largest |Δ| in class probability a deployed model may show
 */
public record FinalTrainingProvenance(int format, String sourceRun, String sourceRunId, String front, long runSeed,
                                      long dataSeed, FinalTrainingSettings settings, int trainImages, int testImages,
                                      int workers, JsonNode trainingMaster, String sparkSerializer, BuildInfo build,
                                      String javaVersion, String host, String sparkMaster, String sparkAppId,
                                      String startedAt, String finishedAt, int candidates, double deployedTolerance) {

    /** Version of the final/ layout; bumped when files or columns change incompatibly. */
    public static final int FORMAT = 1;

    /** The provenance of a final training finishing now on {@code spark}. */
    public static FinalTrainingProvenance of(SparkContext spark, String sourceRun, String sourceRunId,
                                             FinalTrainingSettings settings, long runSeed, long dataSeed,
                                             int trainImages, int testImages, int workers, JsonNode trainingMaster,
                                             Instant started, int candidates, double deployedTolerance) {
        return new FinalTrainingProvenance(FORMAT, sourceRun, sourceRunId, settings.front(), runSeed, dataSeed, settings,
                trainImages, testImages, workers, trainingMaster,
                spark.getConf().get("spark.serializer", "org.apache.spark.serializer.JavaSerializer"), BuildInfo.current(),
                System.getProperty("java.version"), CandidateEvaluator.hostName(), spark.master(), spark.applicationId(),
                started.toString(), Instant.now().toString(), candidates, deployedTolerance);
    }
}
