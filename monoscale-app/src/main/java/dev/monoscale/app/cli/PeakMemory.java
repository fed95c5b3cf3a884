package dev.monoscale.app.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.bench.ReportJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The process's peak memory, for the benchmarks that measure large pools. */
final class PeakMemory {

    private PeakMemory() {}

    /**
     * One line: the peak resident set (VmHWM of /proc/self/status, Linux only), the sum of the heap pools' peaks
     * (MemoryPoolMXBean, an upper bound of the heap's own peak) and the heap's limit.
     */
    static String line() {
        Peaks peaks = now();
        String resident = peaks.residentMb()
                .map(mb -> String.format(Locale.ROOT, "%.0f MB", mb))
                .orElse("unknown (no /proc/self/status)");
        return String.format(
                Locale.ROOT,
                "peak memory: resident %s (VmHWM), heap pools' peaks %.0f MB, heap limit" + " %.0f MB",
                resident,
                peaks.heapPeakMb(),
                peaks.heapLimitMb());
    }

    /**
     * The same numbers as {@link #line()} for a JSON report: {@code residentPeakMb} (absent where unknown),
     * {@code heapPoolsPeakMb}, {@code heapLimitMb}, in MiB.
     */
    static ObjectNode tree() {
        Peaks peaks = now();
        ObjectNode node = ReportJson.MAPPER.createObjectNode();
        peaks.residentMb().ifPresent(mb -> node.put("residentPeakMb", ReportJson.round(mb)));
        node.put("heapPoolsPeakMb", ReportJson.round(peaks.heapPeakMb()));
        node.put("heapLimitMb", ReportJson.round(peaks.heapLimitMb()));
        return node;
    }

    private record Peaks(Optional<Double> residentMb, double heapPeakMb, double heapLimitMb) {}

    /**
     * Ends a benchmark's report with the process's peak memory: into {@code root} and the JSON document printed,
     * or as the table's last line.
     */
    static void finish(PrintWriter out, ObjectNode root, boolean json) {
        if (json) {
            root.set("peakMemory", tree());
            out.print(ReportJson.write(root));
        } else {
            out.println(line());
        }
        out.flush();
    }

    private static Peaks now() {
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        return new Peaks(
                residentPeakKb().map(kb -> kb / 1024.0),
                heapPeak / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0);
    }

    private static Optional<Long> residentPeakKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
