package dev.monoscale.stats;

import java.nio.charset.StandardCharsets;

/**
 * Derives independent, reproducible random numbers from a seed and stable names, so that an outcome depends
 * on what is drawn (a task, a step, a worker) and never on the order threads happen to run in.
 */
public final class Seeds {

    private Seeds() {}

    /** A 64-bit hash of the seed and the parts (SplitMix64 finaliser over FNV-1a of the UTF-8 bytes). */
    public static long mix(long seed, Object... parts) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (Object part : parts) {
            for (byte b : String.valueOf(part).getBytes(StandardCharsets.UTF_8)) {
                h ^= b;
                h *= 0x100000001b3L;
            }
            h ^= 0xff;
            h *= 0x100000001b3L;
        }
        return splitMix(h);
    }

    /** A uniform number in [0, 1) determined by the seed and the parts. */
    public static double uniform(long seed, Object... parts) {
        return (mix(seed, parts) >>> 11) * 0x1.0p-53;
    }

    private static long splitMix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
