package io.hwnas.tabular;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.hwnas.cost.CostModel;
import io.hwnas.data.DataSettings;
import io.hwnas.dl4j.TrainingSettings;
import io.hwnas.eval.Candidate;
import io.hwnas.eval.CandidateEvaluator;
import io.hwnas.eval.Column;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.eval.ResultTable;
import io.hwnas.io.AtomicFiles;
import io.hwnas.io.Mappers;
import io.hwnas.proxy.ProxySettings;
import io.hwnas.space.Choice;
import io.hwnas.space.Dimension;
import io.hwnas.space.SearchSpace;
import io.hwnas.space.SpaceCapability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Writes a {@link TabularSpace} table for a small architecture space: every point is evaluated once
 * with {@link CandidateEvaluator} (cost models, the configured proxies, and training only if asked),
 * so strategies can afterwards be benchmarked against it in seconds. Columns: the space's dimensions
 * (option names), then the metric columns of {@link ResultTable} that describe the point — counts,
 * per-device costs, proxy scores, and accuracy, loss and training time only when candidates are
 * trained. A point whose evaluation fails is left out (a tabular lookup then reports it missing).
 */
public final class TabularTableGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(TabularTableGenerator.class);
    /** Result columns that only mean something for a trained candidate. */
    static final Set<String> TRAINING_COLUMNS =
            Set.of("accuracy", "accuracy_se", "loss", "train_seconds", "eval_seconds", "train_samples", "train_samples_per_second");

    /**
     * @param rows points written
     * @param failed points whose evaluation failed, left out of the table
     * @param columns the header: dimension columns, then metric columns
     */
    public record Summary(Path table, int rows, int failed, List<String> columns) {
        public Summary {
            columns = List.copyOf(columns);
        }
    }

    private final CandidateEvaluator evaluator;
    private final List<String> devices;
    private final ProxySettings proxies;
    private final TrainingSettings training;

    /** @param data read only when proxies or training need images; cost-only tables never touch it */
    public TabularTableGenerator(DataSettings data, TrainingSettings training, ProxySettings proxies,
                                 List<CostModel> costModels) {
        this.evaluator = new CandidateEvaluator(data, training, proxies, costModels);
        this.devices = costModels.stream().map(CostModel::device).toList();
        this.proxies = proxies;
        this.training = training;
    }

    /** A generator that only counts and costs (no proxies, no training): no dataset needed. */
    public static TabularTableGenerator costOnly(List<CostModel> costModels) {
        return new TabularTableGenerator(DataSettings.defaults(), TrainingSettings.defaults().withEpochs(0),
                ProxySettings.none(), costModels);
    }

    /**
     * Evaluates every admissible point of {@code space} and writes the table to {@code out}, replacing
     * it atomically (readers see the old table or the new one, never half).
     *
     * @param maxPoints refuses larger spaces: a table enumerates the whole space
     * @param seed run seed for per-candidate seeds (proxy minibatches, initial weights)
     */
    public Summary write(SearchSpace space, Path out, int maxPoints, long seed) {
        if (!space.has(SpaceCapability.NETWORKS)) {
            throw new IllegalArgumentException("the " + space.type() + " space has no networks to evaluate; "
                    + "a table is generated from an architecture space");
        }
        if (space.size().compareTo(BigInteger.valueOf(maxPoints)) > 0) {
            throw new IllegalArgumentException("the " + space.type() + " space has " + space.size()
                    + " points, more than maxPoints = " + maxPoints + "; a table enumerates the whole space");
        }
        List<Dimension> dims = space.dimensions();
        List<Column> metrics = metricColumns(dims);
        List<String> header = new ArrayList<>(dims.stream().map(Dimension::name).toList());
        header.addAll(metrics.stream().map(Column::name).toList());

        List<List<String>> rows = new ArrayList<>();
        int id = 0;
        int failed = 0;
        String firstError = null;
        long started = System.nanoTime();
        for (Iterator<Choice> it = space.enumerate(); it.hasNext(); id++) {
            Choice choice = it.next();
            EvaluationResult r = evaluator.evaluate(Candidate.of(space, choice, id, 0, seed));
            if (!r.ok()) {
                failed++;
                firstError = firstError == null ? choice + ": " + r.error() : firstError;
                LOG.warn("point {} {} failed and is left out of the table: {}", id, r.choices(), r.error());
                continue;
            }
            List<String> row = new ArrayList<>(header.size());
            for (int i = 0; i < dims.size(); i++) {
                row.add(dims.get(i).options().get(choice.gene(i)));
            }
            for (Column c : metrics) {
                row.add(String.valueOf(c.value().apply(r)));
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("every one of the " + id + " points failed, so there is no table to write; "
                    + "first failure: " + firstError);
        }
        writeAtomically(out, header, rows);
        LOG.info("wrote {} ({} points, {} failed) in {} s", out, rows.size(), failed,
                String.format("%.1f", (System.nanoTime() - started) / 1e9));
        return new Summary(out, rows.size(), failed, header);
    }

    private List<Column> metricColumns(List<Dimension> dims) {
        ResultTable table = new ResultTable(devices, proxies.names());
        List<Column> out = new ArrayList<>();
        for (Column c : table.columns()) {
            if (TabularEvaluator.BOOKKEEPING.contains(c.name())
                    || (!training.trains() && TRAINING_COLUMNS.contains(c.name()))) {
                continue;
            }
            for (Dimension d : dims) {
                if (d.name().equals(c.name())) {
                    throw new IllegalArgumentException("dimension '" + d.name() + "' has the name of a metric column; "
                            + "the table could not tell them apart");
                }
            }
            out.add(c);
        }
        return out;
    }

    /** Writes header and rows as CSV, replacing {@code out} atomically: the one writer of table files. */
    static void writeAtomically(Path out, List<String> header, List<List<String>> rows) {
        CsvSchema.Builder schema = CsvSchema.builder();
        header.forEach(schema::addColumn);
        AtomicFiles.write(out, stream -> {
            try (Writer w = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
                 // quote only what needs it (Jackson otherwise quotes every value longer than 24 characters)
                 SequenceWriter csv = Mappers.csv().writer(schema.build().withHeader())
                         .with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).writeValues(w)) {
                for (List<String> row : rows) {
                    csv.write(row);
                }
            }
        });
    }
}
