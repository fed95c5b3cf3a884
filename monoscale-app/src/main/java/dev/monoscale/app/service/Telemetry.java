package dev.monoscale.app.service;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Where the service's spans go: nowhere by default, or to an OTLP/HTTP collector the user names. */
public final class Telemetry {

    private Telemetry() {}

    /**
     * An OpenTelemetry that exports to {@code endpoint} (such as {@code http://127.0.0.1:4318/v1/traces}) in batches,
     * or the no-op one when it is null. A collector that is down loses spans quietly; it never fails a request.
     */
    public static OpenTelemetry of(@Nullable String endpoint) {
        if (endpoint == null) {
            return OpenTelemetry.noop();
        }
        SdkTracerProvider tracing = SdkTracerProvider.builder()
                .setResource(Resource.getDefault()
                        .merge(Resource.create(Attributes.of(
                                io.opentelemetry.api.common.AttributeKey.stringKey("service.name"), "monoscale"))))
                .addSpanProcessor(BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                                .setEndpoint(endpoint)
                                .setTimeout(Duration.ofSeconds(5))
                                .build())
                        .build())
                .build();
        return OpenTelemetrySdk.builder().setTracerProvider(tracing).build();
    }
}
