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

    /** The outcome of the equivalence check. */
    enum Check { passed, failed, skipped }

    /**
     * The collapse of one network. As in results.csv, {@code nodes}, {@code macs} and {@code trainableParams}
     * count the collapsed form, {@code training*} the network as given. The check's measurements are left out when
     * it was skipped.
     *
     * @param refusals the places a transform matched but was not exact or was vetoed by the policy
     * @param fingerprint the collapsed form's
     * @param checkInputs random inputs the check ran; 0 when skipped
     * @param sharedVertices the vertices both forms have, all compared
     * @param tolerance max(1e-4, 1e-5 x largestActivation): beyond it, the forms differ by more than fp32 rounding
     */
    @OutputRow
    record CollapseRow(String network, Policy policy, List<Rewrite> rewrites, List<Refusal> refusals,
                       int trainingNodes, long trainingMacs, long trainingParams, int nodes, long macs,
                       long trainableParams, String fingerprint, Check check, int checkInputs, Long checkSeed,
                       Double maxAbsDiff, String worstVertex, Integer sharedVertices, Double tolerance,
                       Double largestActivation) {
        CollapseRow {
            rewrites = List.copyOf(rewrites);
            refusals = List.copyOf(refusals);
        }

        /** @param report the check of {@code checkInputs} inputs drawn with {@code seed}, or null when it was skipped */
        static CollapseRow of(Architecture arch, Policy policy, CollapseResult result, int checkInputs, long seed,
                              OracleReport report) {
            ArchitectureCounts before = ArchitectureCounts.of(arch);
            Architecture collapsed = result.architecture();
            ArchitectureCounts after = ArchitectureCounts.of(collapsed);
            if (report == null) {
                return new CollapseRow(arch.name(), policy, result.applied(), result.refusals(), arch.nodes().size(),
                        before.macs(), before.trainableParams(), collapsed.nodes().size(), after.macs(),
                        after.trainableParams(), collapsed.fingerprint(), Check.skipped, 0, null, null, null, null,
                        null, null);
            }
            return new CollapseRow(arch.name(), policy, result.applied(), result.refusals(), arch.nodes().size(),
                    before.macs(), before.trainableParams(), collapsed.nodes().size(), after.macs(),
                    after.trainableParams(), collapsed.fingerprint(),
                    report.withinFp32Rounding() ? Check.passed : Check.failed, checkInputs, seed, report.maxAbsDiff(),
                    report.worstVertex(), report.perVertex().size(), report.fp32Bar(), report.referenceMax());
        }
    }

    @Mixin
    ArchitectureSource source;

    @Mixin
    FormatOption format;

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
        Collapse collapse = policy == Policy.exact ? Collapse.exact() : Collapse.deployment();
        CollapseResult result = collapse.apply(arch);
        Architecture deployed = result.architecture();
        OracleReport report = checkBatch > 0 ? new ExactnessOracle(seed, checkBatch).compare(arch, result.result()) : null;
        CollapseRow row = CollapseRow.of(arch, policy, result, checkBatch, seed, report);
        if (outFile != null && row.check() != Check.failed) {
            AtomicFiles.writeString(outFile, ArchitectureJson.writePretty(deployed));
        }
        format.print(spec.commandLine().getOut(), CollapseRow.class, List.of(row), this::printText);
        if (row.check() == Check.failed) {
            throw new IllegalStateException("the collapsed form of '" + arch.name() + "' differs from the source by "
                    + report.maxAbsDiff() + " at '" + report.worstVertex() + "' (tolerance " + report.fp32Bar()
                    + "); nothing written");
        }
        return 0;
    }

    private void printText(PrintWriter out, List<CollapseRow> rows) {
        CollapseRow c = rows.get(0);
        out.printf("%s, policy %s: %d rewrite(s)%n", c.network(), c.policy(), c.rewrites().size());
        for (int i = 0; i < c.rewrites().size(); i++) {
            out.printf("  %3d. %s%n", i + 1, c.rewrites().get(i));
        }
        out.printf("%d matched place(s) left alone%s%n", c.refusals().size(),
                c.refusals().isEmpty() || showRefused ? "" : " (list them with --show-refused)");
        if (showRefused) {
            for (Refusal r : c.refusals()) {
                out.printf("       %s%n", r);
            }
        }
        out.printf(Locale.ROOT, "%-10s %8s %16s %14s%n", "", "nodes", "MACs", "parameters");
        out.printf(Locale.ROOT, "%-10s %8d %,16d %,14d%n", "before", c.trainingNodes(), c.trainingMacs(),
                c.trainingParams());
        out.printf(Locale.ROOT, "%-10s %8d %,16d %,14d%n", "after", c.nodes(), c.macs(), c.trainableParams());
        if (c.check() == Check.skipped) {
            out.println("equivalence check skipped (--check-batch 0)");
        } else {
            out.printf(Locale.ROOT, "equivalence check (random weights and batch-norm statistics, %d random inputs, "
                            + "seed %d): max |Δ| = %.3g at '%s' over %d shared vertices; tolerance %.3g "
                            + "(max(1e-4, 1e-5 x largest activation %.3g)): %s%n", c.checkInputs(), c.checkSeed(),
                    c.maxAbsDiff(), c.worstVertex(), c.sharedVertices(), c.tolerance(), c.largestActivation(),
                    c.check() == Check.passed ? "passed" : "FAILED");
        }
        if (outFile != null && c.check() != Check.failed) {
            out.printf("wrote %s (fingerprint %s)%n", outFile, c.fingerprint());
        }
    }
}
