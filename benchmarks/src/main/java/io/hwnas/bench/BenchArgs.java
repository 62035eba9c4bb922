package io.hwnas.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code --key value} and bare {@code --flag} arguments of the benchmark mains, as a map (flags map to ""). */
final class BenchArgs {

    private BenchArgs() {
    }

    /** @throws IllegalArgumentException with one {@code hwnas: } line for a bare word or an option not in known */
    static Map<String, String> parse(String[] args, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("hwnas: argument '" + args[i] + "' is not an option (--name [value])");
            }
            String key = args[i].substring(2);
            if (!known.contains(key)) {
                throw new IllegalArgumentException("hwnas: option '" + args[i] + "' is not known; known: --"
                        + String.join(", --", new TreeSet<>(known)));
            }
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            values.put(key, hasValue ? args[++i] : "");
        }
        return values;
    }
}
