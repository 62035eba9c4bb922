package io.hwnas.hw.kernel;

import io.hwnas.arch.Architecture;
import io.hwnas.hw.calibrate.CalibrationNetworks;
import io.hwnas.space.Choice;
import io.hwnas.space.ImageInput;
import io.hwnas.space.SearchSpace;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Networks whose kernels have the shapes searches produce: deployed points of the given spaces, in turn, with
 * every third network a random plain CNN ({@link CalibrationNetworks}) for shapes between them. Seeded; networks
 * whose fingerprint is in {@code exclude} (say, the training set) are skipped, so held-out sets stay held out.
 */
public final class SampledNetworks {
    private static final int ATTEMPTS_PER_NETWORK = 50;

    private SampledNetworks() {
    }

    public static List<Architecture> sample(List<SearchSpace> spaces, int count, long seed, Set<String> exclude) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Architecture> out = new ArrayList<>(count);
        Set<String> seen = new HashSet<>(exclude);
        int attempts = 0;
        while (out.size() < count) {
            if (++attempts > count * ATTEMPTS_PER_NETWORK) {
                throw new IllegalArgumentException("the spaces hold fewer than " + count + " distinct networks outside "
                        + "the " + exclude.size() + " excluded");
            }
            Architecture net = spaces.isEmpty() || out.size() % 3 == 2
                    ? CalibrationNetworks.sample(new ImageInput(1, 28, 28), 10, 1, rng.nextLong()).get(0)
                    : fromSpace(spaces.get(rng.nextInt(spaces.size())), rng);
            if (net != null && seen.add(net.fingerprint())) {
                out.add(new Architecture("net-" + seed + "-" + out.size(), net.input(), net.nodes()));
            }
        }
        return out;
    }

    private static Architecture fromSpace(SearchSpace space, SplittableRandom rng) {
        Choice choice = space.sample(rng);
        if (space.violation(choice).isPresent()) {
            return null;
        }
        return space.deploy(choice).result().architecture();
    }
}
