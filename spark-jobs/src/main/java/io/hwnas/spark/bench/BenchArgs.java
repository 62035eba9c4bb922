package io.hwnas.spark.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --key value} and bare {@code --flag} arguments of the benchmark mains, as a map (flags map to ""). */
final class BenchArgs {

    private BenchArgs() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("hwnas: argument '" + args[i] + "' is not an option (--name [value])");
            }
            String key = args[i].substring(2);
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            values.put(key, hasValue ? args[++i] : "");
        }
        return values;
    }
}
