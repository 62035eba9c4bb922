package io.hwnas.search;

import io.hwnas.data.Permutations;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.pareto.Direction;
import io.hwnas.pareto.Objective;
import io.hwnas.pareto.ParetoFront;
import io.hwnas.search.surrogate.Prediction;
import io.hwnas.search.surrogate.Regressor;
import io.hwnas.space.Choice;
import io.hwnas.space.SearchSpace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * One round of surrogate-assisted proposal: fits a model of every objective and constraint column that
 * cannot be computed exactly ({@link SurrogateFeatures}) on the points evaluated so far, scores a pool
 * of unevaluated candidates, and picks a batch.
 *
 * <p><b>Score.</b> Expected hypervolume improvement, by Monte Carlo over the model's ensemble: each
 * member (a forest's tree) predicts every learned column, exact columns keep their value, and the
 * candidate's score is the mean hypervolume those predictions would add to the current front (nothing
 * for a member whose prediction breaks a constraint). Expected improvement rather than an optimistic
 * bound: with the reference far out, optimism about an extreme point (a little more accuracy at the
 * top) outweighs any real improvement inside the front, while trees that agree there add nothing.
 * Candidates with no expected gain come after those with some: first the fewest genes away from a
 * front member (once the model expects nothing anywhere, the search turns to local search around the
 * front, which is how NSGA-II finishes a front), then by how far (normalised by each objective's
 * observed range) their predicted mean is from adding any. Those whose mean breaks a constraint come
 * last, by how far.
 *
 * <p><b>Noise.</b> Where results carry a column's standard error ({@code accuracy_se} for {@code accuracy}),
 * the model is told each row's variance, so it does not chase what is only noise, and each member's
 * prediction gets a draw of that noise (the rows' mean variance): the front is made of observed values,
 * so what a candidate may add is what its observation may come out as. A candidate just behind the front
 * then keeps some expected gain, in proportion to how likely its measurement is to land in front.
 *
 * <p><b>Batch.</b> Kriging believer: once a candidate is picked, its predicted mean joins the front as
 * if it had been evaluated, so the next pick must add hypervolume beyond it (no refit needed). This keeps
 * a batch from piling onto one promising spot.
 *
 * <p><b>Pool.</b> The whole space when it is no larger than {@code pool}; otherwise a tenth uniform
 * samples and the rest mutations (each gene redrawn with probability 1/dimensions, at least one) of
 * current front members, where improvements usually are (BANANAS optimises its acquisition the same
 * way); the batch's random share covers the rest of the space. All admissible, not evaluated, in a seeded order, which also breaks ties.
 */
final class SurrogateProposer {
    private static final Logger LOG = LoggerFactory.getLogger(SurrogateProposer.class);
    /** Draws per wanted pool member before giving up (a constrained space may reject most of them). */
    private static final int ATTEMPTS = 20;
    /** One pool member in this many is a uniform sample, the rest are mutations of front members. */
    private static final int UNIFORM_SHARE = 10;

    private final SearchSpace space;
    private final SearchGoal goal;
    private final SurrogateModel settings;
    private final Regressor regressor;
    private final SurrogateFeatures features;
    /** Objective and constraint columns, in that order, each once. */
    private final List<String> columns;
    private final Set<String> exact;

    SurrogateProposer(SearchSpace space, SearchGoal goal, SurrogateModel settings) {
        this.space = space;
        this.goal = goal;
        this.settings = settings;
        this.regressor = settings.regressor();
        this.features = new SurrogateFeatures(space);
        Set<String> cols = new LinkedHashSet<>();
        goal.objectives().forEach(o -> cols.add(o.name()));
        goal.constraints().forEach(b -> cols.add(b.metric()));
        this.columns = List.copyOf(cols);
        this.exact = features.exact(cols);
    }

    /** The columns a model is fitted for (the rest are computed exactly). */
    List<String> learned() {
        return columns.stream().filter(c -> !exact.contains(c)).toList();
    }

    /**
     * Up to {@code count} distinct admissible points, none of them in {@code observed}: the
     * best-scored of the pool, except a {@code randomFraction} share of uniformly drawn ones (all of
     * them while fewer than two results are usable).
     *
     * @param observed the results to learn from, in a fixed order (the order rows are fitted in)
     */
    List<Choice> propose(Map<Choice, EvaluationResult> observed, int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Choice> random = new ArrayList<>();
        List<Choice> pool = pool(observed, count, random, rng);
        List<Choice> usable = observed.entrySet().stream().filter(e -> usable(e.getValue())).map(Map.Entry::getKey)
                .toList();
        int modelled = usable.size() < 2 ? 0 : (int) Math.ceil(count * (1 - settings.randomFraction()));
        List<Choice> batch = new ArrayList<>(modelled == 0 ? List.of() : select(pool, fit(observed, usable, rng),
                observed, Math.min(modelled, pool.size()), rng.split()));
        for (Choice c : random) {
            if (batch.size() >= count) {
                break;
            }
            if (!batch.contains(c)) {
                batch.add(c);
            }
        }
        return batch;
    }

    /** A learned column's model and the mean variance of its observations' noise (0 where exact or unknown). */
    private record Learned(Regressor.Fitted model, double noise) {
    }

    private Map<String, Learned> fit(Map<Choice, EvaluationResult> observed, List<Choice> usable,
                                     SplittableRandom rng) {
        long started = System.nanoTime();
        Map<String, Learned> models = new LinkedHashMap<>();
        double[][] x = usable.stream().map(features::of).toArray(double[][]::new);
        for (String column : learned()) {
            double[] y = usable.stream().mapToDouble(c -> goal.table().number(observed.get(c), column)).toArray();
            double[] noise = usable.stream().mapToDouble(c -> noiseVariance(observed.get(c), column)).toArray();
            models.put(column, new Learned(regressor.fit(x, y, noise, settings.trees(), rng.nextLong()),
                    Arrays.stream(noise).average().orElse(0)));
        }
        LOG.debug("surrogate: fitted {} models on {} points in {} ms", models.size(), usable.size(),
                (System.nanoTime() - started) / 1_000_000);
        return models;
    }

    /** The square of the result's {@code COLUMN_se} where the results have one and it is finite, else 0. */
    private double noiseVariance(EvaluationResult r, String column) {
        String se = column + "_se";
        if (!goal.table().names().contains(se)) {
            return 0;
        }
        double v = goal.table().number(r, se);
        return Double.isFinite(v) ? v * v : 0;
    }

    /** A result a model can learn from: evaluated, with a finite value in every learned column. */
    private boolean usable(EvaluationResult r) {
        return r.ok() && learned().stream().allMatch(c -> Double.isFinite(goal.table().number(r, c)));
    }

    private List<Choice> select(List<Choice> pool, Map<String, Learned> models,
                                Map<Choice, EvaluationResult> observed, int count, SplittableRandom noise) {
        int k = goal.objectives().size();
        int samples = settings.trees();
        double[][] believed = new double[pool.size()][k];
        double[][][] sampled = new double[pool.size()][samples][k];
        double[] violation = new double[pool.size()];
        boolean[][] feasible = new boolean[pool.size()][samples];
        for (int i = 0; i < pool.size(); i++) {
            Map<String, Prediction> at = predict(pool.get(i), models, noise);
            for (int j = 0; j < k; j++) {
                Prediction p = at.get(goal.objectives().get(j).name());
                believed[i][j] = p.mean();
                for (int m = 0; m < samples; m++) {
                    sampled[i][m][j] = p.member(m % p.size());
                }
            }
            for (int m = 0; m < samples; m++) {
                feasible[i][m] = true;
            }
            for (Bound b : goal.constraints()) {
                Prediction p = at.get(b.metric());
                violation[i] += b.violation(p.mean());
                for (int m = 0; m < samples; m++) {
                    feasible[i][m] &= b.violation(p.member(m % p.size())) == 0;
                }
            }
        }
        List<double[]> front = new ArrayList<>();
        for (EvaluationResult r : observed.values()) {
            if (goal.feasible(r)) {
                front.add(goal.values(r));
            }
        }
        double[] range = range(front, believed);
        int[] steps = stepsFromFront(pool, observed);
        List<Choice> batch = new ArrayList<>();
        boolean[] taken = new boolean[pool.size()];
        // expected gains only shrink as believed points join the front: a zero stays zero
        boolean[] hopeless = new boolean[pool.size()];
        while (batch.size() < count && batch.size() < pool.size()) {
            front = nonDominated(front);
            double base = goal.hypervolumeOf(front);
            int best = -1;
            double[] bestScore = null;
            for (int i = 0; i < pool.size(); i++) {
                if (taken[i]) {
                    continue;
                }
                double gain = hopeless[i] ? 0 : expectedGain(sampled[i], feasible[i], front, base);
                hopeless[i] = gain <= 0;
                double[] score = gain > 0 ? new double[]{2, gain, 0}
                        : violation[i] > 0 ? new double[]{0, -violation[i], 0}
                        : new double[]{1, -steps[i], -distance(believed[i], front, range)};
                if (best < 0 || compare(score, bestScore) > 0) {
                    best = i;
                    bestScore = score;
                }
            }
            taken[best] = true;
            batch.add(pool.get(best));
            if (violation[best] == 0) {
                front.add(believed[best]);
            }
        }
        return batch;
    }

    /**
     * Per column, exact or predicted; an exact column's prediction has one member, a noisy column's
     * members each get a draw of its observation noise.
     */
    private Map<String, Prediction> predict(Choice c, Map<String, Learned> models, SplittableRandom noise) {
        Map<String, Prediction> out = new LinkedHashMap<>();
        double[] x = null;
        for (String column : columns) {
            if (exact.contains(column)) {
                out.put(column, new Prediction(new double[]{features.value(c, column)}));
                continue;
            }
            x = x == null ? features.of(c) : x;
            Learned learned = models.get(column);
            out.put(column, withNoise(learned.model().predict(x), learned.noise(), noise));
        }
        return out;
    }

    /** The members plus draws of noise of that variance, centred so the mean (the believed value) stays the model's. */
    private static Prediction withNoise(Prediction p, double variance, SplittableRandom rng) {
        if (variance <= 0 || p.size() < 2) {
            return p;
        }
        double[] draws = new double[p.size()];
        for (int m = 0; m < draws.length; m++) {
            draws[m] = Math.sqrt(variance) * rng.nextGaussian();
        }
        double centre = Arrays.stream(draws).average().orElseThrow();
        double[] members = p.members();
        for (int m = 0; m < members.length; m++) {
            members[m] += draws[m] - centre;
        }
        return new Prediction(members);
    }

    /**
     * Monte-Carlo expected hypervolume improvement: the mean, over the ensemble's members, of the
     * hypervolume the member's prediction would add to the front (nothing where it breaks a constraint).
     */
    private double expectedGain(double[][] samples, boolean[] feasible, List<double[]> front, double base) {
        double sum = 0;
        List<double[]> with = new ArrayList<>(front);
        with.add(null);
        for (int m = 0; m < samples.length; m++) {
            if (feasible[m]) {
                with.set(with.size() - 1, samples[m]);
                sum += Math.max(0, goal.hypervolumeOf(with) - base);
            }
        }
        return sum / samples.length;
    }

    /**
     * How far a point with no expected gain is from adding any: the least normalised improvement, in any
     * one objective, that takes it out of the shadow of every front member and inside the reference.
     */
    private double distance(double[] point, List<double[]> front, double[] range) {
        List<Objective> objectives = goal.objectives();
        double[] reference = goal.reference();
        double distance = 0;
        for (int j = 0; j < point.length; j++) {
            Direction d = objectives.get(j).direction();
            distance = Math.max(distance, (d.minimizing(point[j]) - d.minimizing(reference[j])) / range[j]);
        }
        for (double[] f : front) {
            double escape = Double.POSITIVE_INFINITY;
            for (int j = 0; j < point.length; j++) {
                Direction d = objectives.get(j).direction();
                escape = Math.min(escape, (d.minimizing(point[j]) - d.minimizing(f[j])) / range[j]);
            }
            distance = Math.max(distance, escape);
        }
        return distance;
    }

    private static int compare(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            int c = Double.compare(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Each candidate's fewest differing genes from an evaluated front member (the dimension count without one). */
    private int[] stepsFromFront(List<Choice> pool, Map<Choice, EvaluationResult> observed) {
        List<Choice> front = frontChoices(observed);
        int[] steps = new int[pool.size()];
        for (int i = 0; i < pool.size(); i++) {
            steps[i] = space.dimensions().size();
            for (Choice f : front) {
                int differ = 0;
                for (int d = 0; d < f.genes().size(); d++) {
                    differ += f.gene(d) == pool.get(i).gene(d) ? 0 : 1;
                }
                steps[i] = Math.min(steps[i], differ);
            }
        }
        return steps;
    }

    private List<Choice> frontChoices(Map<Choice, EvaluationResult> observed) {
        Map<EvaluationResult, Choice> choiceOf = new IdentityHashMap<>();
        observed.forEach((c, r) -> choiceOf.put(r, c));
        return goal.front(List.copyOf(observed.values())).stream().map(choiceOf::get).toList();
    }

    private List<double[]> nonDominated(List<double[]> points) {
        int[] idx = ParetoFront.nonDominated(points, goal.objectives());
        List<double[]> out = new ArrayList<>(idx.length);
        for (int i : idx) {
            out.add(points.get(i));
        }
        return out;
    }

    /** Each objective's spread over the observed front and the pool's predictions (1 where flat). */
    private static double[] range(List<double[]> front, double[][] believed) {
        int k = believed[0].length;
        double[] lo = new double[k];
        double[] hi = new double[k];
        Arrays.fill(lo, Double.POSITIVE_INFINITY);
        Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        List<double[]> all = new ArrayList<>(front);
        all.addAll(List.of(believed));
        for (double[] p : all) {
            for (int j = 0; j < k; j++) {
                if (Double.isFinite(p[j])) {
                    lo[j] = Math.min(lo[j], p[j]);
                    hi[j] = Math.max(hi[j], p[j]);
                }
            }
        }
        double[] range = new double[k];
        for (int j = 0; j < k; j++) {
            range[j] = hi[j] > lo[j] ? hi[j] - lo[j] : 1;
        }
        return range;
    }

    /**
     * Unevaluated admissible candidates in a seeded order (see the class comment); {@code uniform} gets the
     * uniformly drawn ones (at least {@code count} where the space has them), in the same order.
     */
    private List<Choice> pool(Map<Choice, EvaluationResult> observed, int count, List<Choice> uniform,
                              SplittableRandom rng) {
        Set<Choice> pool = new LinkedHashSet<>();
        if (space.size().compareTo(BigInteger.valueOf(settings.pool())) <= 0) {
            for (Iterator<Choice> it = space.enumerate(); it.hasNext(); ) {
                Choice c = it.next();
                if (!observed.containsKey(c) && features.admissible(c)) {
                    pool.add(c);
                }
            }
            List<Choice> ordered = new ArrayList<>(pool);
            List<Choice> all = Arrays.stream(Permutations.of(ordered.size(), rng)).mapToObj(ordered::get).toList();
            uniform.addAll(all);
            return all;
        }
        List<Choice> parents = frontChoices(observed);
        // enough uniform samples for a batch's random share
        int sampled = parents.isEmpty() ? settings.pool() : Math.max(count, settings.pool() / UNIFORM_SHARE);
        for (long attempt = 0; pool.size() < sampled && attempt < (long) ATTEMPTS * sampled; attempt++) {
            offer(pool, space.sample(rng), observed);
        }
        uniform.addAll(pool);
        for (long attempt = 0; pool.size() < settings.pool() && !parents.isEmpty()
                && attempt < (long) ATTEMPTS * settings.pool(); attempt++) {
            offer(pool, mutate(parents.get(rng.nextInt(parents.size())), rng), observed);
        }
        return List.copyOf(pool);
    }

    private void offer(Set<Choice> pool, Choice c, Map<Choice, EvaluationResult> observed) {
        if (!observed.containsKey(c) && space.violation(c).isEmpty() && features.admissible(c)) {
            pool.add(c);
        }
    }

    private Choice mutate(Choice parent, SplittableRandom rng) {
        int dims = space.dimensions().size();
        Choice c = parent;
        int forced = rng.nextInt(dims);
        for (int d = 0; d < dims; d++) {
            int options = space.dimensions().get(d).size();
            if (options > 1 && (d == forced || rng.nextInt(dims) == 0)) {
                // another option than the parent's, uniformly
                int o = rng.nextInt(options - 1);
                c = c.with(d, o >= parent.gene(d) ? o + 1 : o);
            }
        }
        return c;
    }
}
