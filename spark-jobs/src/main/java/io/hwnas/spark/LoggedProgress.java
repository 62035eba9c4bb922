package io.hwnas.spark;

import io.hwnas.search.BatchRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A sweep's progress as one log line per batch. */
final class LoggedProgress implements SweepProgress {
    private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);

    @Override
    public void batchDone(SweepStatus s) {
        BatchRecord r = s.record();
        double eta = s.etaSeconds();
        LOG.info("batch {}: {}/{} evaluations ({} new; {} evaluated here, {} replayed, {} reused so far), {} failed, "
                        + "elapsed {}s, ETA {}s (if the budget is spent), front {} points, hypervolume {}", r.batch(),
                r.evaluations(), s.budget(), r.newEvaluations(), s.evaluatedHere(), s.replayed(), s.reused(), r.failed(),
                Math.round(r.elapsedSeconds()), Double.isNaN(eta) ? "?" : Math.round(eta), r.frontSize(),
                String.format("%.6g", r.hypervolume()));
    }
}
