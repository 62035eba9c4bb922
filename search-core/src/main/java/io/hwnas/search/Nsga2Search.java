package io.hwnas.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.hwnas.eval.EvaluationResult;
import io.hwnas.space.Choice;
import io.hwnas.space.Dimension;
import io.hwnas.space.Sampling;
import io.hwnas.space.SearchSpace;
import io.jenetics.DoubleChromosome;
import io.jenetics.DoubleGene;
import io.jenetics.Genotype;
import io.jenetics.Mutator;
import io.jenetics.Phenotype;
import io.jenetics.TournamentSelector;
import io.jenetics.UniformCrossover;
import io.jenetics.engine.Constraint;
import io.jenetics.engine.Engine;
import io.jenetics.engine.EvolutionStart;
import io.jenetics.engine.InvertibleCodec;
import io.jenetics.ext.moea.NSGA2Selector;
import io.jenetics.ext.moea.Vec;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * NSGA-II (Deb et al. 2002) on Jenetics' engine: binary tournaments pick parents, uniform crossover
 * and mutation make offspring, and {@link NSGA2Selector} keeps the survivors by non-dominated rank and
 * crowding distance. Only the ask/tell plumbing and the encoding are hwnas'.
 *
 * <p><b>Ask/tell.</b> Jenetics pulls fitness through its batch {@link io.jenetics.engine.Evaluator}
 * inside {@link Engine#evolve}, while a {@link Search} pushes results through {@link #tell}. Rather
 * than parking the engine on a thread that blocks until told, each generation is one
 * {@code evolve} call on the caller's thread, made once every member of the current population has
 * been told. Its evaluator only looks results up: members told so far get their fitness, members
 * not yet evaluated (the new offspring it returns) get a provisional worst fitness. Those become the
 * next {@link #ask}; before they take part in any selection the next {@code evolve} re-evaluates the
 * whole population ({@link EvolutionStart#of} marks it dirty), by which time every one was told. No
 * threads, nothing to shut down, and exceptions surface where they happen.
 *
 * <p><b>Determinism.</b> One seeded generator is installed for every engine call with
 * {@link RandomRegistry#with}, and the engine runs its steps on the calling thread, so a seed gives
 * the same proposals on every run and machine.
 *
 * <p><b>Encoding.</b> Random keys: one {@link DoubleGene} in [0, 1) per dimension of a single
 * chromosome, option = ⌊key · options⌋. Jenetics needs every gene of a chromosome to share one range
 * and its crossovers recombine one chromosome at a time, so one integer chromosome per dimension
 * would reduce crossover to swapping a single dimension; random keys let uniform crossover mix all
 * dimensions, and a fresh key is a uniformly drawn option.
 *
 * <p><b>Constraints.</b> A point the space rejects (a RepNAS branch budget) is repaired by a Jenetics
 * {@link Constraint} into an admissible point sampled with a seed derived from the rejected one, so
 * the space's own sampler handles tight budgets and a repair is reproducible. Results outside the
 * goal's constraints, and failed ones, are ranked below every feasible one through their fitness
 * (see {@link #fitness}).
 */
public final class Nsga2Search implements SearchStrategy {
    public static final String TYPE = "nsga2";
    private static final Logger LOG = LoggerFactory.getLogger(Nsga2Search.class);

    /** Generations in a row that produce nothing new before the population is taken to have converged. */
    static final int IDLE_LIMIT = 100;
    /** Violations are capped here so that penalised coordinates stay finite and keep their order. */
    static final double VIOLATION_CAP = 1e6;

    /**
     * @param population individuals per generation; the first batch is this many distinct sampled points
     * @param crossover probability that an individual is recombined (uniform crossover, swap 0.5 per gene)
     * @param mutation probability that a gene gets a freshly drawn option (Jenetics' {@link Mutator})
     * @param offspringFraction share of each generation made of new offspring; the rest are survivors
     *     chosen by non-dominated rank and crowding distance
     */
    public record Settings(String type, int population, double crossover, double mutation, double offspringFraction)
            implements StrategySettings {

        public Settings {
            if (population < 2) {
                throw new IllegalArgumentException("field 'search.strategy.population' = " + population
                        + " must be >= 2");
            }
            requireProbability("search.strategy.crossover", crossover);
            requireProbability("search.strategy.mutation", mutation);
            // Jenetics rounds population · fraction to the offspring count
            double offspring = Math.rint(population * offspringFraction);
            if (!(offspring >= 1 && offspring < population)) {
                throw new IllegalArgumentException("field 'search.strategy.offspringFraction' = " + offspringFraction
                        + " must leave at least one offspring and one survivor in a population of " + population
                        + " (allowed: " + 0.5 / population + " < fraction < " + (1 - 0.5 / population) + ")");
            }
        }

        private static void requireProbability(String field, double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("field '" + field + "' = " + p + " must be a probability in [0, 1]");
            }
        }

        @JsonCreator
        static Settings fromJson(@JsonProperty("population") Integer population,
                                 @JsonProperty("crossover") Double crossover,
                                 @JsonProperty("mutation") Double mutation,
                                 @JsonProperty("offspringFraction") Double offspringFraction) {
            return new Settings(TYPE, population == null ? 32 : population, crossover == null ? 0.9 : crossover,
                    mutation == null ? 0.1 : mutation, offspringFraction == null ? 0.5 : offspringFraction);
        }

        public static Settings of(int population) {
            return fromJson(population, null, null, null);
        }

        @Override
        public void check(SearchSpace space, SearchGoal goal, int evaluations) {
            if (population > evaluations) {
                throw new IllegalArgumentException("field 'search.strategy.population' = " + population
                        + " is larger than field 'search.evaluations' = " + evaluations
                        + ": the budget would end inside the first generation; lower the population or raise the budget");
            }
            if (space.dimensions().isEmpty()) {
                throw new IllegalArgumentException("strategy 'nsga2' needs a space with at least one dimension");
            }
        }

        @Override
        public SearchStrategy create(SearchSpace space, SearchGoal goal, long seed) {
            return new Nsga2Search(space, goal, seed, this);
        }
    }

    private final SearchSpace space;
    private final SearchGoal goal;
    private final long seed;
    private final int populationSize;
    private final InvertibleCodec<Choice, DoubleGene> codec;
    private final Engine<DoubleGene, Vec<double[]>> engine;
    private final SplittableRandom random;
    private final Map<Choice, EvaluationResult> told = new HashMap<>();
    private ISeq<Phenotype<DoubleGene, Vec<double[]>>> population;
    private long generation = 1;

    public Nsga2Search(SearchSpace space, SearchGoal goal, long seed, Settings settings) {
        this.space = space;
        this.goal = goal;
        this.seed = seed;
        this.populationSize = settings.population();
        this.codec = codec(space.dimensions());
        this.random = new SplittableRandom(seed);
        Constraint<DoubleGene, Vec<double[]>> admissible =
                Constraint.of(codec, c -> space.violation(c).isEmpty(), this::repair);
        this.engine = new Engine.Builder<>(this::lookUp, codec.encoding())
                .populationSize(populationSize)
                .offspringFraction(settings.offspringFraction())
                .offspringSelector(new TournamentSelector<>(2))
                .survivorsSelector(NSGA2Selector.ofVec())
                .alterers(new UniformCrossover<>(settings.crossover()), new Mutator<>(settings.mutation()))
                .constraint(admissible)
                // ageing would replace elite members with unconstrained random genotypes; NSGA-II keeps its elite
                .maximalPhenotypeAge(Long.MAX_VALUE)
                .executor(Runnable::run)
                .build();
    }

    @Override
    public List<Proposal> ask(int remaining) {
        if (remaining <= 0) {
            return List.of();
        }
        if (population == null) {
            population = initialPopulation();
        }
        List<Choice> open = open();
        for (int idle = 0; open.isEmpty(); idle++) {
            if (idle == IDLE_LIMIT) {
                LOG.info("nsga2: {} generations in a row brought no new point; the population has converged at "
                        + "generation {}", IDLE_LIMIT, generation);
                return List.of();
            }
            evolve();
            open = open();
        }
        return open.stream().limit(remaining).map(Proposal::of).toList();
    }

    @Override
    public void tell(List<Trial> trials) {
        for (Trial t : trials) {
            told.put(t.proposal().choice(), t.result());
        }
    }

    /** Distinct members of the current population not evaluated yet, in population order. */
    private List<Choice> open() {
        Set<Choice> open = new LinkedHashSet<>();
        for (Phenotype<DoubleGene, Vec<double[]>> pt : population) {
            Choice c = codec.decode(pt.genotype());
            if (!told.containsKey(c)) {
                if (space.violation(c).isPresent()) {
                    throw new IllegalStateException("nsga2 produced inadmissible point " + c + ": "
                            + space.violation(c).get());
                }
                open.add(c);
            }
        }
        return List.copyOf(open);
    }

    /**
     * Distinct admissible points as random search would draw them first (same seed, same sampler),
     * repeated when the space is smaller than the population.
     */
    private ISeq<Phenotype<DoubleGene, Vec<double[]>>> initialPopulation() {
        List<Choice> points = Sampling.distinct(space, populationSize, seed);
        List<Phenotype<DoubleGene, Vec<double[]>>> pop = new ArrayList<>(populationSize);
        for (int i = 0; i < populationSize; i++) {
            pop.add(Phenotype.of(codec.encode(points.get(i % points.size())), generation));
        }
        return ISeq.of(pop);
    }

    private void evolve() {
        // of(...) marks the start dirty, so the engine re-evaluates every member with what was told since
        EvolutionStart<DoubleGene, Vec<double[]>> start = EvolutionStart.of(population, generation);
        population = RandomRegistry.with(random, r -> engine.evolve(start)).population();
        generation++;
    }

    /** The engine's batch evaluator: fitness from the results told so far, provisional worst for the rest. */
    private ISeq<Phenotype<DoubleGene, Vec<double[]>>> lookUp(Seq<Phenotype<DoubleGene, Vec<double[]>>> members) {
        List<EvaluationResult> results = new ArrayList<>(members.size());
        for (Phenotype<DoubleGene, Vec<double[]>> pt : members) {
            results.add(told.get(codec.decode(pt.genotype())));
        }
        double[][] fitness = fitness(goal, results);
        List<Phenotype<DoubleGene, Vec<double[]>>> out = new ArrayList<>(members.size());
        for (int i = 0; i < members.size(); i++) {
            out.add(members.get(i).withFitness(Vec.of(fitness[i])));
        }
        return ISeq.of(out);
    }

    /**
     * Fitness vectors to maximise, one per result (null = not evaluated yet). A feasible result's
     * coordinates are its objective values, minimised ones negated. Deb's rule — every feasible point
     * beats every infeasible one, and of two infeasible points the one less outside the constraints
     * wins — is encoded by giving an infeasible result the same value in every coordinate: a floor
     * below every feasible coordinate of this batch, minus its violation. Then any feasible point
     * dominates it, and among infeasible points Pareto dominance is exactly the violation order. The
     * floor is taken per batch because objective scales are unknown and a fixed huge constant would
     * swallow small violations in rounding; each engine step sees one consistent batch. Failed and
     * unevaluated results sit below every finite violation.
     */
    static double[][] fitness(SearchGoal goal, List<EvaluationResult> results) {
        int k = goal.objectives().size();
        double[][] out = new double[results.size()][];
        double[] violation = new double[results.size()];
        double floor = Double.POSITIVE_INFINITY;
        for (int i = 0; i < results.size(); i++) {
            EvaluationResult r = results.get(i);
            violation[i] = r == null ? Double.POSITIVE_INFINITY : goal.violation(r);
            if (violation[i] == 0) {
                double[] v = goal.values(r);
                for (int j = 0; j < k; j++) {
                    v[j] = -goal.objectives().get(j).direction().minimizing(v[j]);
                    if (Double.isFinite(v[j])) {
                        floor = Math.min(floor, v[j]);
                    }
                }
                out[i] = v;
            }
        }
        floor = (floor == Double.POSITIVE_INFINITY ? 0 : floor) - 1;
        for (int i = 0; i < results.size(); i++) {
            if (out[i] == null) {
                double penalty = Double.isFinite(violation[i]) ? Math.min(violation[i], VIOLATION_CAP) : 2 * VIOLATION_CAP;
                out[i] = new double[k];
                Arrays.fill(out[i], floor - penalty);
            }
        }
        return out;
    }

    /** A reproducible admissible replacement for a point the space rejects. */
    private Choice repair(Choice rejected) {
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + rejected.genes().hashCode());
        for (int attempt = 0; attempt < 1000; attempt++) {
            Choice c = space.sample(rng);
            if (space.violation(c).isEmpty()) {
                return c;
            }
        }
        throw new IllegalStateException("the " + space.type() + " space's sampler found no admissible point in 1000 "
                + "draws while repairing " + rejected);
    }

    /** Random keys: gene i in [0, 1) selects option ⌊key · size⌋ of dimension i. */
    static InvertibleCodec<Choice, DoubleGene> codec(List<Dimension> dims) {
        int[] sizes = dims.stream().mapToInt(Dimension::size).toArray();
        return InvertibleCodec.of(
                Genotype.of(DoubleChromosome.of(0, 1, sizes.length)),
                gt -> {
                    Integer[] genes = new Integer[sizes.length];
                    for (int i = 0; i < sizes.length; i++) {
                        // a key is < 1, but key·size can round up to size
                        genes[i] = Math.min(sizes[i] - 1, (int) (gt.chromosome().get(i).doubleValue() * sizes[i]));
                    }
                    return new Choice(List.of(genes));
                },
                choice -> {
                    DoubleGene[] keys = new DoubleGene[sizes.length];
                    for (int i = 0; i < sizes.length; i++) {
                        // the middle of the option's interval, safe from rounding at either edge
                        keys[i] = DoubleGene.of((choice.gene(i) + 0.5) / sizes[i], 0, 1);
                    }
                    return Genotype.of(DoubleChromosome.of(keys));
                });
    }
}
