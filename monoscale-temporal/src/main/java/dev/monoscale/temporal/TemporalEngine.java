package dev.monoscale.temporal;

import dev.monoscale.core.MonoscaleException;
import dev.monoscale.execution.WarmupEngine;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * The {@code temporal} warm-up engine: connects to a Temporal server (a cluster, Temporal Cloud, or the test
 * server) at the settings' target. Credentials come from the environment, under the names the Temporal CLI uses:
 * {@code TEMPORAL_API_KEY} (an API key, sent over TLS), or {@code TEMPORAL_TLS_CERT} and {@code TEMPORAL_TLS_KEY}
 * (paths to a client certificate and its PKCS#8 key, for mTLS). With neither, the connection is plain, as to a
 * server on loopback.
 */
public final class TemporalEngine implements WarmupEngine {

    private final UnaryOperator<String> env;

    /** The engine ServiceLoader finds; credentials from the process environment. */
    public TemporalEngine() {
        this(System::getenv);
    }

    TemporalEngine(UnaryOperator<String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "temporal";
    }

    @Override
    public Remote connect(Settings settings) {
        WorkflowServiceStubsOptions.Builder options =
                WorkflowServiceStubsOptions.newBuilder().setTarget(settings.target());
        String apiKey = env.apply("TEMPORAL_API_KEY");
        String cert = env.apply("TEMPORAL_TLS_CERT");
        String key = env.apply("TEMPORAL_TLS_KEY");
        if (apiKey != null && !apiKey.isBlank()) {
            options.setEnableHttps(true).addApiKey(() -> apiKey);
        } else if (cert != null && key != null) {
            options.setSslContext(sslContext(Path.of(cert), Path.of(key)));
        }
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(options.build());
        try {
            stubs.blockingStub()
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            stubs.shutdownNow();
            String status = e.getStatus().getCode().toString();
            String detail = e.getStatus().getDescription();
            String why = detail == null ? status : status + " " + detail;
            throw new MonoscaleException(
                    "--temporal: cannot reach a Temporal server at '%s': %s".formatted(settings.target(), why));
        }
        WorkflowClient client = WorkflowClient.newInstance(
                stubs,
                WorkflowClientOptions.newBuilder()
                        .setNamespace(settings.namespace())
                        .build());
        return new TemporalRemote(stubs, client, settings);
    }

    private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext(Path cert, Path key) {
        try (InputStream certIn = Files.newInputStream(cert);
                InputStream keyIn = Files.newInputStream(key)) {
            return SimpleSslContextBuilder.forPKCS8(certIn, keyIn).build();
        } catch (IOException e) {
            throw new MonoscaleException("TEMPORAL_TLS_CERT/TEMPORAL_TLS_KEY: cannot read '%s' or '%s': %s"
                    .formatted(cert, key, e.getMessage()));
        }
    }
}
