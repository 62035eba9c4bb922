package io.hwnas.spark.cli;

import io.hwnas.arch.Architecture;
import io.hwnas.arch.ArchitectureCounts;
import io.hwnas.arch.ArchitectureJson;
import io.hwnas.io.AtomicFiles;
import io.hwnas.spark.config.ConfigException;
import io.hwnas.transform.Collapse;
import io.hwnas.transform.CollapseResult;
import io.hwnas.transform.ExactnessOracle;
import io.hwnas.transform.OracleReport;
import io.hwnas.transform.Refusal;
import io.hwnas.transform.Rewrite;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "collapse", mixinStandardHelpOptions = true,
        description = {"Collapse an architecture into its deployed form (batch-norm folding, linear blocks, branch "
                + "merges, sequential 1x1/KxK pairs) and check numerically that both forms compute the same function.",
                "The check builds both nets in DL4J with random weights and non-trivial batch-norm statistics, runs a "
                        + "random batch through them and compares every vertex they share; exit code 1 when they differ "
                        + "beyond fp32 rounding."})
final class CollapseCommand implements Callable<Integer> {

    /** Which exact rewrites are kept. */
    enum Policy {
        /** every exact rewrite, even one that raises MACs */
        exact,
        /** what sweeps cost and export: every exact rewrite that does not raise MACs */
        deployment
    }

    @Mixin
    ArchitectureSource source;

    @Option(names = "--out", paramLabel = "FILE", description = "write the collapsed architecture (hwnas IR JSON) here")
    Path outFile;

    @Option(names = "--policy", paramLabel = "POLICY", defaultValue = "deployment",
            description = "deployment: every exact rewrite that does not raise MACs (what sweeps cost); exact: every "
                    + "exact rewrite (default: ${DEFAULT-VALUE}; one of: ${COMPLETION-CANDIDATES})")
    Policy policy;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "seed of the check's random weights, statistics and inputs (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--check-batch", paramLabel = "N", defaultValue = "4",
            description = "inputs in the check's random batch; 0 skips the check (default: ${DEFAULT-VALUE})")
    int checkBatch;

    @Option(names = "--show-refused", description = "also list the places a transform matched but was not exact "
            + "or was vetoed by the policy")
    boolean showRefused;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (checkBatch < 0 || checkBatch > 1024) {
            throw new ConfigException("option '--check-batch' = " + checkBatch + " must be in 0..1024 (0 skips the check)");
        }
        Architecture arch = source.load();
        PrintWriter out = spec.commandLine().getOut();
        Collapse collapse = policy == Policy.exact ? Collapse.exact() : Collapse.deployment();
        CollapseResult result = collapse.apply(arch);
        Architecture deployed = result.architecture();

        out.printf("%s, policy %s: %d rewrite(s)%n", arch.name(), policy, result.applied().size());
        List<Rewrite> applied = result.applied();
        for (int i = 0; i < applied.size(); i++) {
            out.printf("  %3d. %s%n", i + 1, applied.get(i));
        }
        out.printf("%d matched place(s) left alone%s%n", result.refusals().size(),
                result.refusals().isEmpty() || showRefused ? "" : " (list them with --show-refused)");
        if (showRefused) {
            for (Refusal r : result.refusals()) {
                out.printf("       %s%n", r);
            }
        }
        ArchitectureCounts before = ArchitectureCounts.of(arch);
        ArchitectureCounts after = ArchitectureCounts.of(deployed);
        out.printf(Locale.ROOT, "%-10s %8s %16s %14s%n", "", "nodes", "MACs", "parameters");
        out.printf(Locale.ROOT, "%-10s %8d %,16d %,14d%n", "before", arch.nodes().size(), before.macs(),
                before.trainableParams());
        out.printf(Locale.ROOT, "%-10s %8d %,16d %,14d%n", "after", deployed.nodes().size(), after.macs(),
                after.trainableParams());

        if (checkBatch > 0) {
            OracleReport report = new ExactnessOracle(seed, checkBatch).compare(arch, result.result());
            boolean passed = report.withinFp32Rounding();
            out.printf(Locale.ROOT, "equivalence check (random weights and batch-norm statistics, %d random inputs, "
                            + "seed %d): max |Δ| = %.3g at '%s' over %d shared vertices; tolerance %.3g "
                            + "(max(1e-4, 1e-5 x largest activation %.3g)): %s%n", checkBatch, seed,
                    report.maxAbsDiff(), report.worstVertex(), report.perVertex().size(), report.fp32Bar(),
                    report.referenceMax(), passed ? "passed" : "FAILED");
            out.flush();
            if (!passed) {
                throw new IllegalStateException("the collapsed form of '" + arch.name() + "' differs from the source by "
                        + report.maxAbsDiff() + " at '" + report.worstVertex() + "' (tolerance " + report.fp32Bar()
                        + "); nothing written");
            }
        } else {
            out.println("equivalence check skipped (--check-batch 0)");
        }
        if (outFile != null) {
            AtomicFiles.writeString(outFile, ArchitectureJson.writePretty(deployed));
            out.printf("wrote %s (fingerprint %s)%n", outFile, deployed.fingerprint());
        }
        out.flush();
        return 0;
    }
}
