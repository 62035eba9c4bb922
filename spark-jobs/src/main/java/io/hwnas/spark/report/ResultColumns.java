package io.hwnas.spark.report;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.hwnas.io.Mappers;
import io.hwnas.search.Bound;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * results.csv as the report reads it, by column: every cell as a number ({@link Cells#number}) and each row's status;
 * of front members, their whole rows and where their networks' evaluations are. A run of 10⁶ evaluations is then
 * held in a few bytes per cell, not as 10⁶ maps of text; a column with one value throughout (NaN accuracy of a
 * cost-only run) takes one.
 */
final class ResultColumns {
    /** Text columns: never numbers, and only the status, id and fingerprint are kept per row. */
    private static final Set<String> TEXT = Set.of("fingerprint", "choices", "status", "error", "worker");

    private final List<String> header;
    private final int size;
    private final boolean[] ok;
    private final int okCount;
    private final Map<String, NumberColumn> numbers;
    private final Map<String, Map<String, String>> memberRows;
    private final Map<String, Integer> memberIndex;
    private final Map<String, List<Integer>> networkRows;

    private ResultColumns(List<String> header, int size, boolean[] ok, Map<String, NumberColumn> numbers,
                          Map<String, Map<String, String>> memberRows, Map<String, Integer> memberIndex,
                          Map<String, List<Integer>> networkRows) {
        this.header = List.copyOf(header);
        this.size = size;
        this.ok = ok;
        int count = 0;
        for (int i = 0; i < size; i++) {
            count += ok[i] ? 1 : 0;
        }
        this.okCount = count;
        this.numbers = numbers;
        this.memberRows = memberRows;
        this.memberIndex = memberIndex;
        this.networkRows = networkRows;
    }

    static ResultColumns empty() {
        return new ResultColumns(List.of(), 0, new boolean[0], Map.of(), Map.of(), Map.of(), Map.of());
    }

    /**
     * @param members candidate id → fingerprint of every front member: their whole rows are kept (the last one, for a
     *     point evaluated again with the same fingerprint), and the rows of their networks noted
     */
    static ResultColumns read(Reader csv, Map<String, String> members) {
        try (MappingIterator<String[]> it = Mappers.csv().readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).readValues(csv)) {
            if (!it.hasNextValue()) {
                return empty();
            }
            List<String> header = Arrays.asList(it.nextValue());
            Map<String, NumberColumn> numbers = new LinkedHashMap<>();
            for (String column : header) {
                if (!TEXT.contains(column)) {
                    numbers.put(column, new NumberColumn());
                }
            }
            Set<String> memberNetworks = new HashSet<>(members.values());
            BitList ok = new BitList();
            Map<String, Map<String, String>> memberRows = new HashMap<>();
            Map<String, Integer> memberIndex = new HashMap<>();
            Map<String, List<Integer>> networkRows = new HashMap<>();
            Map<String, String> row = new HashMap<>();
            int index = 0;
            while (it.hasNextValue()) {
                String[] cells = it.nextValue();
                if (cells.length == 0 || (cells.length == 1 && cells[0].isEmpty())) {
                    continue;
                }
                row.clear();
                for (int c = 0; c < header.size(); c++) {
                    row.put(header.get(c), c < cells.length ? cells[c] : null);
                }
                numbers.forEach((column, values) -> values.add(Cells.number(row, column)));
                ok.add("ok".equals(row.get("status")));
                String id = Cells.text(row, "candidate_id");
                String fingerprint = Cells.text(row, "fingerprint");
                if (members.containsKey(id)) {
                    memberRows.put(key(id, fingerprint), orderedRow(header, row));
                    memberIndex.put(id, index);
                }
                if (memberNetworks.contains(fingerprint)) {
                    networkRows.computeIfAbsent(fingerprint, f -> new ArrayList<>()).add(index);
                }
                index++;
            }
            return new ResultColumns(header, index, ok.toArray(), numbers, memberRows, memberIndex, networkRows);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read results.csv: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> orderedRow(List<String> header, Map<String, String> row) {
        Map<String, String> out = new LinkedHashMap<>();
        header.forEach(c -> out.put(c, row.get(c)));
        return out;
    }

    private static String key(String candidateId, String fingerprint) {
        return candidateId + "\u0000" + fingerprint;
    }

    /** Column names in file order. */
    List<String> header() {
        return header;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int okCount() {
        return okCount;
    }

    boolean ok(int row) {
        return ok[row];
    }

    /** The last row of a front member's candidate id, -1 when results.csv has none. */
    int rowOfMember(String candidateId) {
        return memberIndex.getOrDefault(candidateId, -1);
    }

    /** The rows evaluating a front member's network (by fingerprint). */
    List<Integer> rowsOfNetwork(String fingerprint) {
        return networkRows.getOrDefault(fingerprint, List.of());
    }

    /** A column's values as numbers, one per row; all NaN for a text or absent column. */
    double[] numbers(String column) {
        NumberColumn values = numbers.get(column);
        if (values == null) {
            double[] none = new double[size];
            Arrays.fill(none, Double.NaN);
            return none;
        }
        return values.toArray(size);
    }

    /** Whether a row breaks one of the constraints whose column results.csv has. */
    boolean[] violating(List<Bound> constraints) {
        boolean[] out = new boolean[size];
        for (Bound b : constraints) {
            if (numbers.containsKey(b.metric())) {
                double[] v = numbers(b.metric());
                for (int i = 0; i < size; i++) {
                    out[i] |= b.violation(v[i]) > 0;
                }
            }
        }
        return out;
    }

    /** The whole results.csv row of a front row (same candidate and fingerprint), or the front row itself. */
    Map<String, String> rowOf(Map<String, String> frontRow) {
        Map<String, String> row = memberRows.get(key(Cells.text(frontRow, "candidate_id"), Cells.text(frontRow, "fingerprint")));
        return row == null ? frontRow : row;
    }

    /** Doubles appended one by one, stored as one value until a second one differs. */
    private static final class NumberColumn {
        private double first;
        private int count;
        private double[] values;

        void add(double v) {
            if (values == null && (count == 0 || Double.compare(v, first) == 0)) {
                first = count == 0 ? v : first;
                count++;
                return;
            }
            if (values == null) {
                values = new double[Math.max(16, count * 2)];
                Arrays.fill(values, 0, count, first);
            } else if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = v;
        }

        double[] toArray(int size) {
            if (values == null) {
                double[] out = new double[size];
                Arrays.fill(out, first);
                return out;
            }
            return Arrays.copyOf(values, size);
        }
    }

    /** Booleans appended one by one. */
    private static final class BitList {
        private boolean[] bits = new boolean[64];
        private int count;

        void add(boolean bit) {
            if (count == bits.length) {
                bits = Arrays.copyOf(bits, count * 2);
            }
            bits[count++] = bit;
        }

        boolean[] toArray() {
            return Arrays.copyOf(bits, count);
        }
    }
}
