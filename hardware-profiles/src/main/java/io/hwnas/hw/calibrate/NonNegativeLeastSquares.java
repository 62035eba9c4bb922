package io.hwnas.hw.calibrate;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

import java.util.stream.IntStream;

/**
 * min ‖A·x − b‖² subject to x ≥ 0, solved as the equivalent convex quadratic program
 * xᵀ(AᵀA)x − 2(Aᵀb)ᵀx by ojAlgo (the library hwnas also uses for HANT's integer programs). Cost
 * coefficients are seconds per unit of work, so they must not go negative. Columns are scaled to unit
 * length before solving because the features span many orders of magnitude (a layer count next to MACs).
 * The QP solver stops at its tolerance, which leaves visible error along nearly collinear directions, so its
 * answer is polished: the columns it kept positive are re-solved by an exact least-squares QR (Commons Math),
 * and that answer is used when it stays non-negative.
 */
public final class NonNegativeLeastSquares {

    static {
        // ojAlgo otherwise prints a banner about its hardware profiles to stdout, into our CLI's output
        if (System.getProperty("shut.up.ojAlgo") == null) {
            System.setProperty("shut.up.ojAlgo", "true");
        }
    }

    private NonNegativeLeastSquares() {
    }

    /**
     * @param a rows = observations, columns = features; no column may be all zero
     * @param b one target per row
     * @return x ≥ 0, one coefficient per column
     */
    public static double[] solve(double[][] a, double[] b) {
        int rows = a.length;
        if (rows == 0 || b.length != rows) {
            throw new IllegalArgumentException("need one target per row, got " + rows + " rows and " + b.length + " targets");
        }
        int cols = a[0].length;
        double[] scale = new double[cols];
        for (int j = 0; j < cols; j++) {
            double norm = 0;
            for (double[] row : a) {
                norm += row[j] * row[j];
            }
            if (!(norm > 0)) {
                throw new IllegalArgumentException("feature column " + j + " is all zero: its coefficient is not identifiable");
            }
            scale[j] = Math.sqrt(norm);
        }
        ExpressionsBasedModel model = new ExpressionsBasedModel();
        Variable[] x = new Variable[cols];
        for (int j = 0; j < cols; j++) {
            x[j] = model.addVariable("x" + j).lower(0);
        }
        Expression objective = model.addExpression("squared-residual").weight(1);
        for (int i = 0; i < cols; i++) {
            double linear = 0;
            for (int r = 0; r < rows; r++) {
                linear += a[r][i] / scale[i] * b[r];
            }
            objective.set(x[i], -2 * linear);
            for (int j = 0; j < cols; j++) {
                double q = 0;
                for (int r = 0; r < rows; r++) {
                    q += a[r][i] / scale[i] * a[r][j] / scale[j];
                }
                objective.set(x[i], x[j], q);
            }
        }
        Optimisation.Result result = model.minimise();
        if (!result.getState().isFeasible()) {
            throw new IllegalStateException("least-squares solver did not converge: " + result.getState());
        }
        double[] solution = new double[cols];
        for (int j = 0; j < cols; j++) {
            solution[j] = Math.max(0, result.doubleValue(j));
        }
        polish(a, b, scale, solution);
        for (int j = 0; j < cols; j++) {
            solution[j] /= scale[j];
        }
        return solution;
    }

    /** Re-solves the positive (active) coefficients exactly; keeps the QP answer if that would go negative. */
    private static void polish(double[][] a, double[] b, double[] scale, double[] x) {
        int[] active = IntStream.range(0, x.length).filter(j -> x[j] > 0).toArray();
        if (active.length == 0 || active.length > a.length) {
            return;
        }
        RealMatrix m = new Array2DRowRealMatrix(a.length, active.length);
        for (int r = 0; r < a.length; r++) {
            for (int k = 0; k < active.length; k++) {
                m.setEntry(r, k, a[r][active[k]] / scale[active[k]]);
            }
        }
        DecompositionSolver solver = new QRDecomposition(m).getSolver();
        if (!solver.isNonSingular()) {
            return;
        }
        RealVector exact = solver.solve(new ArrayRealVector(b));
        for (int k = 0; k < active.length; k++) {
            if (exact.getEntry(k) < 0) {
                return;
            }
        }
        for (int k = 0; k < active.length; k++) {
            x[active[k]] = exact.getEntry(k);
        }
    }
}
