package dev.monoscale.a2a;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What every request passes before a route sees it, in this order:
 *
 * <ol>
 *   <li>its {@code Host} names this server (the bound address, {@code localhost} when bound to loopback, or the public
 *       URL), else 421: a page that rebinds its own domain name to 127.0.0.1 cannot reach the server;
 *   <li>an {@code Origin} it carries is this server's own, and no {@code Sec-Fetch-Site: cross-site}, else 403: no
 *       cross-site page can drive the server (and no CORS header is ever sent, so none can read it);
 *   <li>with a token, an {@code Authorization: Bearer} that carries it, unless the path is open (health, the agent
 *       card), else 401;
 *   <li>a body sent with POST, PUT or PATCH is JSON ({@code application/json} or {@code +json}), else 415: a form or
 *       {@code text/plain} post, the only kinds a browser sends cross-site without asking, never runs anything.
 * </ol>
 * A refusal is a small JSON error; it never repeats the {@code Authorization} header.
 */
final class HttpGuard {

    private final @Nullable BearerToken token;
    private final Predicate<String> open;
    /**
     * Lower-case host names (IPv6 literals in brackets) a request's {@code Host} may name, with any port: a rebound
     * name is refused whatever port it names. Empty when any host is allowed.
     */
    private final Set<String> hosts = new ConcurrentSkipListSet<>();
    /** Lower-case origins ({@code scheme://host[:port]}) a request may come from. */
    private final Set<String> origins = new ConcurrentSkipListSet<>();

    HttpGuard(@Nullable BearerToken token, Predicate<String> open) {
        this.token = token;
        this.open = open;
    }

    /** Allows requests naming the bound {@code host}:{@code port}; its loopback aliases when it is a loopback address. */
    void allowBound(String host, int port) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (isWildcard(bare)) {
            return; // bound to every interface: any name may reach it; a token is required there
        }
        allow("http", literal(bare), port, 80);
        if (isLoopback(bare)) {
            for (String alias : new String[] {"localhost", "127.0.0.1", "[::1]"}) {
                allow("http", alias, port, 80);
            }
        }
    }

    /** Allows requests naming the public URL's host, with its port or without it when it is the scheme's default. */
    void allowPublic(String publicUrl) {
        URI uri = URI.create(publicUrl);
        int standard = uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        allow(uri.getScheme(), literal(uri.getHost()), uri.getPort() < 0 ? standard : uri.getPort(), standard);
    }

    private void allow(String scheme, String host, int port, int standard) {
        String h = host.toLowerCase(Locale.ROOT);
        String s = scheme.toLowerCase(Locale.ROOT);
        hosts.add(h);
        origins.add(s + "://" + h + ":" + port);
        if (port == standard) {
            origins.add(s + "://" + h);
        }
    }

    /** Checks {@code ctx}; when it is refused, answers it and skips every other handler. */
    void check(Context ctx) {
        String host = ctx.header("Host");
        if (!hosts.isEmpty() && host != null && !hosts.contains(hostName(host))) {
            refuse(ctx, 421, "MISDIRECTED", "the Host header does not name this server");
            return;
        }
        String origin = ctx.header("Origin");
        if ((origin != null && !origins.contains(origin.strip().toLowerCase(Locale.ROOT)))
                || "cross-site".equalsIgnoreCase(ctx.header("Sec-Fetch-Site"))) {
            refuse(ctx, 403, "PERMISSION_DENIED", "cross-origin requests are not allowed");
            return;
        }
        if (token != null && !open.test(ctx.path()) && !token.admits(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"monoscale\"");
            refuse(ctx, 401, "UNAUTHENTICATED", "this endpoint needs Authorization: Bearer <token>");
            return;
        }
        String method = ctx.method().name();
        if ((method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))
                && !isJson(ctx.header("Content-Type"))) {
            refuse(ctx, 415, "INVALID_ARGUMENT", "the body must be JSON (Content-Type: application/json)");
        }
    }

    /** The host name of a {@code Host} header, without its port. */
    private static String hostName(String header) {
        String h = header.strip().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        return colon > h.lastIndexOf(']') ? h.substring(0, colon) : h;
    }

    private static boolean isJson(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    private static void refuse(Context ctx, int status, String grpcStatus, String message) {
        var error = A2aWire.MAPPER.createObjectNode();
        error.putObject("error").put("code", status).put("status", grpcStatus).put("message", message);
        ctx.status(status).contentType("application/json").result(error.toString());
        ctx.skipRemainingHandlers();
    }

    /** {@code host} as a Host header names it: an IPv6 literal in brackets. */
    private static String literal(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("0:0:0:0:0:0:0:0") || host.isEmpty();
    }

    /** Whether {@code host} (a name or a literal) resolves only to loopback addresses. */
    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (isWildcard(bare)) {
            return false;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(bare)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
