package dev.moat.watermark;

/** The standard normal distribution's upper tail, accurate in relative terms far out (p of 1e-30 and below). */
public final class Normal {

    private Normal() {
    }

    /** P(Z ≥ z). */
    public static double upperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /** The z whose upper tail is p (bisection; for thresholds, not for hot paths). */
    public static double zFor(double p) {
        double low = -40;
        double high = 40;
        for (int i = 0; i < 200; i++) {
            double mid = (low + high) / 2;
            if (upperTail(mid) > p) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    /** Complementary error function, Chebyshev fit with fractional error below 1.2e-7 (Numerical Recipes). */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
