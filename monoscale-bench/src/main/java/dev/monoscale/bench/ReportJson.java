package dev.monoscale.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.jspecify.annotations.Nullable;

/**
 * How every report MonoScale prints is written as JSON: indented, numbers rounded to four places and written
 * plainly, so the same inputs give the same bytes.
 */
public final class ReportJson {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true);

    private ReportJson() {}

    /**
     * {@code x} rounded half-even to four decimal places, trailing zeros dropped; {@code null} for NaN and the
     * infinities, which JSON cannot write: a report's non-finite number is written as {@code null} (docs/json.md).
     */
    public static @Nullable BigDecimal round(double x) {
        if (!Double.isFinite(x)) {
            return null;
        }
        return BigDecimal.valueOf(x).setScale(4, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    /** The tree as indented JSON with a final newline. */
    public static String write(Object tree) {
        try {
            return MAPPER.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report could not be written as JSON", e);
        }
    }
}
