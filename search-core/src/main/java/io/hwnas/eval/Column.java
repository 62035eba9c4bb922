package io.hwnas.eval;


import java.util.function.Function;

/** One column of the results table: its name, its type and how a result fills it. */
public record Column(String name, Type type, Function<EvaluationResult, Object> value) {

    /** The value types results use; each maps to one Spark SQL type. */
    public enum Type { STRING, INT, LONG, DOUBLE, BOOLEAN }
}
