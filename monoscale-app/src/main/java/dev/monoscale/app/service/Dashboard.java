package dev.monoscale.app.service;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;

/**
 * The web dashboard at {@code /}: plain HTML and JavaScript from the jar, with uPlot vendored (no CDN, no build
 * step), over the API. The page and its files answer without the token (they hold no data); every API call the page
 * makes sends it. A strict Content-Security-Policy keeps the page to its own origin.
 */
public final class Dashboard {

    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/ui/dashboard.js", "dashboard.js",
            "/ui/dashboard.css", "dashboard.css",
            "/ui/vendor/uPlot.iife.min.js", "vendor/uPlot.iife.min.js",
            "/ui/vendor/uPlot.min.css", "vendor/uPlot.min.css");

    private Dashboard() {}

    /** Paths that answer without the token: the page and its files. */
    public static boolean open(String path) {
        return FILES.containsKey(path);
    }

    public static void register(JavalinConfig cfg) {
        FILES.keySet().forEach(path -> cfg.routes.get(path, Dashboard::serve));
    }

    private static void serve(Context ctx) throws IOException {
        String file = Objects.requireNonNull(FILES.get(ctx.path()), "a dashboard route has a file");
        try (InputStream in = Dashboard.class.getResourceAsStream("web/" + file)) {
            if (in == null) {
                throw new IllegalStateException("web/" + file + " is missing from the jar");
            }
            String type = file.endsWith(".html")
                    ? "text/html; charset=utf-8"
                    : file.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
            ctx.header(
                    "Content-Security-Policy",
                    "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Cache-Control", "no-cache");
            ctx.contentType(type).result(in.readAllBytes());
        }
    }
}
