package io.hwnas.hw.arena;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Liveness and greedy placement on graphs small enough to work out by hand (1 byte per element). Step i is the i-th
 * node; a tensor is live from the step that writes it to the last step that reads it, both included; placement
 * takes the largest tensor first (ties: earliest first) and puts it at the lowest offset clear of every placed tensor
 * live at a common step.
 */
class TensorArenaTest {
    private static final IntPredicate ALL_WRITE = i -> false;

    private static TensorGraph.Step step(String id, long elements, Integer... inputs) {
        return new TensorGraph.Step(id, elements, List.of(inputs));
    }

    private static Map<String, Long> offsets(ArenaPlan plan) {
        return plan.placements().stream().collect(Collectors.toMap(p -> p.tensor().name(), ArenaPlan.Placement::offset));
    }

    @Test
    void chain() {
        // input(100) -> a(200) -> b(50) -> c(300)
        TensorGraph g = new TensorGraph(100, List.of(step("a", 200, -1), step("b", 50, 0), step("c", 300, 1)), 2);
        List<LiveTensor> tensors = TensorLiveness.of(g, ALL_WRITE, 1);
        assertEquals(List.of(new LiveTensor("input", 100, 0, 0), new LiveTensor("a", 200, 0, 1),
                new LiveTensor("b", 50, 1, 2), new LiveTensor("c", 300, 2, 2)), tensors);
        // c@0 (nothing placed); a@0 (not live with c); input is live with a at step 0 -> 200;
        // b is live with a (step 1) and c (step 2): above both -> 300. Arena = 300 + 50.
        ArenaPlan plan = GreedyPlacement.place(tensors);
        assertEquals(Map.of("c", 0L, "a", 0L, "input", 200L, "b", 300L), offsets(plan));
        assertEquals(350, plan.peakBytes());
        // live bytes per step: 100+200, 200+50, 50+300: no fragmentation
        assertEquals(350, plan.peakLiveBytes());
    }

    @Test
    void chainThatShrinksThenGrowsFragments() {
        // input(20) -> a(10) -> b(10) -> c(20): live at most 30 bytes at a step, but greedy needs 40
        TensorGraph g = new TensorGraph(20, List.of(step("a", 10, -1), step("b", 10, 0), step("c", 20, 1)), 2);
        ArenaPlan plan = GreedyPlacement.place(TensorLiveness.of(g, ALL_WRITE, 1));
        // input@0 [0,20); c (step 2) is not live with input -> 0; a (steps 0-1) is live with input -> 20;
        // b (steps 1-2) is live with c [0,20) and a [20,30) -> 30
        assertEquals(Map.of("input", 0L, "c", 0L, "a", 20L, "b", 30L), offsets(plan));
        assertEquals(40, plan.peakBytes());
        assertEquals(30, plan.peakLiveBytes());
    }

    @Test
    void residualWithAbsorbedNodesKeepsTheConvTensorUntilTheAdd() {
        // input(64) -> c1 -> bn1 -> r1 -> c2; add(c2, r1); all tensors 64 elements
        TensorGraph g = new TensorGraph(64, List.of(step("c1", 64, -1), step("bn1", 64, 0), step("r1", 64, 1),
                step("c2", 64, 2), step("add", 64, 3, 2)), 4);
        // bn1 and r1 run inside c1 (folded, fused): c1's tensor is read through them up to the add at step 4
        List<LiveTensor> tensors = TensorLiveness.of(g, i -> i == 1 || i == 2, 1);
        assertEquals(List.of(new LiveTensor("input", 64, 0, 0), new LiveTensor("c1", 64, 0, 4),
                new LiveTensor("c2", 64, 3, 4), new LiveTensor("add", 64, 4, 4)), tensors);
        // equal sizes go earliest first: input@0, c1@64 (live with input), c2@0 (live with c1 only),
        // add (live with c1@64 and c2@0) -> 128
        ArenaPlan plan = GreedyPlacement.place(tensors);
        assertEquals(Map.of("input", 0L, "c1", 64L, "c2", 0L, "add", 128L), offsets(plan));
        assertEquals(192, plan.peakBytes());
        // every node writing its own tensor: bn1 and r1 add two more, but never three are live with the add's
        assertEquals(6, TensorLiveness.of(g, ALL_WRITE, 1).size());
        assertEquals(192, GreedyPlacement.place(TensorLiveness.of(g, ALL_WRITE, 1)).peakBytes());
    }

    @Test
    void concatHoldsBothInputsAndItsOutput() {
        // input(32) -> a(16); input -> b(48); cat(a, b) = 64; d(8) reads cat
        TensorGraph g = new TensorGraph(32, List.of(step("a", 16, -1), step("b", 48, -1), step("cat", 64, 0, 1),
                step("d", 8, 2)), 3);
        List<LiveTensor> tensors = TensorLiveness.of(g, ALL_WRITE, 1);
        assertEquals(List.of(new LiveTensor("input", 32, 0, 1), new LiveTensor("a", 16, 0, 2),
                new LiveTensor("b", 48, 1, 2), new LiveTensor("cat", 64, 2, 3), new LiveTensor("d", 8, 3, 3)), tensors);
        // cat@0; b (live with cat at 2) -> 64; input (live with b at 1, not with cat) fits under b -> 0;
        // a is live with cat [0,64), input [0,32) and b [64,112) -> 112; d (live with cat) -> 64
        ArenaPlan plan = GreedyPlacement.place(tensors);
        assertEquals(Map.of("cat", 0L, "b", 64L, "input", 0L, "a", 112L, "d", 64L), offsets(plan));
        assertEquals(128, plan.peakBytes());
        // step 2: a + b + cat = 16 + 48 + 64
        assertEquals(128, plan.peakLiveBytes());
    }

    @Test
    void branchesKeepTheirSharedInputLiveUntilTheLastReader() {
        // input(40) read by a(20) and b(30); c = add(a, b) = 30
        TensorGraph g = new TensorGraph(40, List.of(step("a", 20, -1), step("b", 30, -1), step("c", 30, 0, 1)), 2);
        List<LiveTensor> tensors = TensorLiveness.of(g, ALL_WRITE, 1);
        assertEquals(List.of(new LiveTensor("input", 40, 0, 1), new LiveTensor("a", 20, 0, 2),
                new LiveTensor("b", 30, 1, 2), new LiveTensor("c", 30, 2, 2)), tensors);
        // input@0; b (live with input at 1) -> 40; c (live with b only) -> 0;
        // a is live with input [0,40), c [0,30) and b [40,70) -> 70
        ArenaPlan plan = GreedyPlacement.place(tensors);
        assertEquals(Map.of("input", 0L, "b", 40L, "c", 0L, "a", 70L), offsets(plan));
        assertEquals(90, plan.peakBytes());
        assertEquals(90, plan.peakLiveBytes(), "step 1: input + a + b");
        // at 2 bytes per element every offset doubles
        assertEquals(180, GreedyPlacement.place(TensorLiveness.of(g, ALL_WRITE, 2)).peakBytes());
    }

    @Test
    void aNetworkOutputThatIsAbsorbedKeepsItsProducersTensorToTheEnd() {
        // input(8) -> a(16); b(4) reads a and nothing reads b; the output is flat, a flatten of a (no tensor)
        TensorGraph g = new TensorGraph(8, List.of(step("a", 16, -1), step("b", 4, 0), step("flat", 16, 0)), 2);
        List<LiveTensor> tensors = TensorLiveness.of(g, i -> i == 2, 1);
        assertEquals(List.of(new LiveTensor("input", 8, 0, 0), new LiveTensor("a", 16, 0, 2),
                new LiveTensor("b", 4, 1, 1)), tensors, "b is read by nobody: live at its own step only");
    }

    @Test
    void badGraphsAndTensorsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new TensorGraph(8, List.of(step("a", 4, 0)), 0), "a step reading itself");
        assertThrows(IllegalArgumentException.class, () -> new TensorGraph(8, List.of(step("a", 4, -1)), 1));
        assertThrows(IllegalArgumentException.class, () -> new LiveTensor("t", 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new LiveTensor("t", 4, 2, 1));
    }
}
