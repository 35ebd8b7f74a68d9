package dev.obslab.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The distributions checked statistically: 20,000 draws from a fixed seed, compared with the theoretical quantiles.
 * Tolerances are several standard errors of the sample quantile wide, so a correct sampler cannot fail them.
 */
class LatencyModelTest {

    private static final int N = 20_000;

    @Test
    void fixedIsExact() {
        double[] d = draws(LatencySettings.fixed(123));
        assertEquals(123, d[0]);
        assertEquals(123, d[N - 1]);
    }

    @Test
    void uniformStaysInItsRangeAndIsFlat() {
        LatencySettings l = new LatencySettings(Distribution.UNIFORM.label(), null, 20.0, 220.0, null, null, null, null);
        double[] d = draws(l);
        assertTrue(d[0] >= 20 && d[N - 1] <= 220);
        // sample quantile sd for U(0,1) at p: sqrt(p(1-p)/N) = 0.0035 at the median -> 0.7 ms here; allow 5 sd
        assertEquals(120, quantile(d, 0.5), 3.5);
        assertEquals(70, quantile(d, 0.25), 3.5);
        assertEquals(218, quantile(d, 0.99), 2);
        assertEquals(120, LatencyModel.median(l));
        assertEquals(218, LatencyModel.p99(l), 1e-9);
    }

    @Test
    void normalHasItsMeanAndSpread() {
        LatencySettings l = new LatencySettings(Distribution.NORMAL.label(), null, null, null, 500.0, 50.0, null, null);
        double[] d = draws(l);
        double mean = Arrays.stream(d).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(d).map(x -> (x - mean) * (x - mean)).sum() / (N - 1));
        assertEquals(500, mean, 5 * 50 / Math.sqrt(N)); // 5 standard errors
        assertEquals(50, sd, 2.5);
        assertEquals(500 + LatencyModel.Z_99 * 50, quantile(d, 0.99), 8);
    }

    @Test
    void logNormalHitsTheRequestedMedianAndP99() {
        LatencySettings l = LatencySettings.logNormal(60, 600);
        double[] d = draws(l);
        assertEquals(60, quantile(d, 0.5), 3);
        assertEquals(600, quantile(d, 0.99), 60);
        assertTrue(d[0] > 0);
        assertEquals(60, LatencyModel.median(l));
        assertEquals(600, LatencyModel.p99(l));
    }

    @Test
    void drawsAreClampedTo0And30000() {
        double[] wide = draws(new LatencySettings(Distribution.NORMAL.label(), null, null, null, 100.0, 5000.0, null, null));
        assertEquals(0, wide[0]);
        double[] heavy = draws(LatencySettings.logNormal(20000, 30000));
        assertEquals(30000, heavy[N - 1]);
        assertTrue(LatencyModel.p99(new LatencySettings(Distribution.NORMAL.label(), null, null, null, 29000.0, 5000.0, null,
                null)) <= 30000);
    }

    @Test
    void sameSeedSameDraws() {
        LatencySettings l = LatencySettings.logNormal(60, 600);
        Random a = new Random(7);
        Random b = new Random(7);
        for (int i = 0; i < 100; i++) {
            assertEquals(LatencyModel.sample(l, a), LatencyModel.sample(l, b));
        }
    }

    private static double[] draws(LatencySettings l) {
        Random random = new Random(42);
        double[] d = new double[N];
        for (int i = 0; i < N; i++) {
            d[i] = LatencyModel.sample(l, random);
        }
        Arrays.sort(d);
        return d;
    }

    private static double quantile(double[] sorted, double p) {
        return sorted[(int) Math.floor(p * (sorted.length - 1))];
    }
}
