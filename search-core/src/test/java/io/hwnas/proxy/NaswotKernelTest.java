package io.hwnas.proxy;

import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NaswotKernelTest {

    private static double luDet(double[][] k) {
        return new LUDecomposition(MatrixUtils.createRealMatrix(k)).getDeterminant();
    }

    @Test
    void kernelCountsAgreeingUnitsAndLogDetMatchesHandValue() {
        // three inputs, three units: 101, 100, 011
        double[][] k = NaswotKernel.fromCodes(new int[][] {{1, 0, 1}, {1, 0, 0}, {0, 1, 1}});
        assertArrayEquals(new double[] {3, 2, 1}, k[0]);
        assertArrayEquals(new double[] {2, 3, 0}, k[1]);
        assertArrayEquals(new double[] {1, 0, 3}, k[2]);
        // det = 3·(9−0) − 2·(6−0) + 1·(0−3) = 12
        assertEquals(12, luDet(k), 1e-9);
        assertEquals(Math.log(12), NaswotKernel.logDet(k), 1e-12);
    }

    @Test
    void logDetMatchesCommonsMathOnARandomKernel() {
        SplittableRandom rng = new SplittableRandom(5);
        int[][] codes = new int[12][40];
        for (int[] c : codes) {
            for (int u = 0; u < c.length; u++) {
                c[u] = rng.nextInt(2);
            }
        }
        double[][] k = NaswotKernel.fromCodes(codes);
        double det = luDet(k);
        assertEquals(Math.log(det), NaswotKernel.logDet(k), 1e-9 * Math.abs(Math.log(det)));
    }

    @Test
    void ndArrayAccumulationEqualsTheDefinitionOverSeveralSites() {
        int n = 7;
        SplittableRandom rng = new SplittableRandom(3);
        // a conv-shaped site and a flat one; exact zeros must code as 0 (not > 0)
        float[] conv = new float[n * 2 * 3 * 3];
        float[] flat = new float[n * 5];
        for (int i = 0; i < conv.length; i++) {
            conv[i] = rng.nextInt(3) - 1;
        }
        for (int i = 0; i < flat.length; i++) {
            flat[i] = (float) rng.nextDouble(-1, 1);
        }
        NaswotKernel kernel = new NaswotKernel(n);
        kernel.add(Nd4j.create(conv, new long[] {n, 2, 3, 3}));
        kernel.add(Nd4j.create(flat, new long[] {n, 5}));
        int[][] codes = new int[n][18 + 5];
        for (int i = 0; i < n; i++) {
            for (int u = 0; u < 18; u++) {
                codes[i][u] = conv[i * 18 + u] > 0 ? 1 : 0;
            }
            for (int u = 0; u < 5; u++) {
                codes[i][18 + u] = flat[i * 5 + u] > 0 ? 1 : 0;
            }
        }
        double[][] expected = NaswotKernel.fromCodes(codes);
        double[][] actual = kernel.matrix();
        for (int i = 0; i < n; i++) {
            assertArrayEquals(expected[i], actual[i], "row " + i);
            assertEquals(23, actual[i][i], "every input agrees with itself on all units");
        }
        assertEquals(23, kernel.units());
    }

    @Test
    void singularKernelsScoreMinusInfinity() {
        // two inputs with the same code
        double[][] duplicate = NaswotKernel.fromCodes(new int[][] {{1, 0, 1}, {1, 0, 1}, {0, 1, 1}});
        assertEquals(Double.NEGATIVE_INFINITY, NaswotKernel.logDet(duplicate));
        // all codes distinct, yet rows 00 + 11 = 01 + 10: a duplicate check alone would miss this
        double[][] dependent = NaswotKernel.fromCodes(new int[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        assertEquals(0, luDet(dependent), 1e-9);
        assertEquals(Double.NEGATIVE_INFINITY, NaswotKernel.logDet(dependent));
        // no non-linear units at all: the kernel is all zeros
        assertEquals(Double.NEGATIVE_INFINITY, NaswotKernel.logDet(new NaswotKernel(4).matrix()));
    }

    @Test
    void mismatchedShapesAreRejected() {
        NaswotKernel kernel = new NaswotKernel(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kernel.add(Nd4j.zeros(3, 5)));
        assertEquals("activation site has batch 3, kernel is 4x4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NaswotKernel.logDet(new double[][] {{1, 0}, {0}}));
    }
}
