package dev.monoscale.a2a;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What credentials an agent card asks for, as far as MonoScale can supply them: a bearer token (an HTTP
 * {@code bearer} scheme, OAuth 2 or OpenID Connect, whose access tokens are bearer tokens) or an API key in a
 * header. Both card forms are read: 0.3 ({@code {"type": "http", "scheme": "bearer"}}) and 1.0
 * ({@code {"httpAuthSecurityScheme": {"scheme": "Bearer"}}}). The token itself never comes from a card or a
 * file: {@link A2aClientConfig#tokenVariable()} names the environment variable that holds it.
 *
 * @param kind what the card asks for
 * @param header the header that carries the credential: {@code Authorization} for a bearer token, the key's
 *     header name for an API key; empty for {@link Kind#NONE}
 * @param scheme the name of the scheme in the card, for messages; empty for {@link Kind#NONE}
 */
public record A2aSecurity(Kind kind, String header, String scheme) {

    /** The kinds of credential a card can ask for. */
    public enum Kind {
        NONE,
        BEARER,
        API_KEY
    }

    public static final A2aSecurity NONE = new A2aSecurity(Kind.NONE, "", "");

    /** The first scheme of the card's {@code securitySchemes} that MonoScale can supply, preferring a bearer token. */
    public static A2aSecurity of(JsonNode card) {
        JsonNode schemes = card.path("securitySchemes");
        Optional<A2aSecurity> apiKey = Optional.empty();
        for (Map.Entry<String, JsonNode> entry : schemes.properties()) {
            JsonNode scheme = entry.getValue();
            String type = scheme.path("type").asText("").toLowerCase(Locale.ROOT);
            String httpScheme = scheme.path("scheme")
                    .asText(scheme.path("httpAuthSecurityScheme").path("scheme").asText(""));
            boolean bearer = ((type.equals("http") || scheme.has("httpAuthSecurityScheme"))
                            && httpScheme.equalsIgnoreCase("bearer"))
                    || type.equals("oauth2")
                    || type.equals("openidconnect")
                    || scheme.has("oauth2SecurityScheme")
                    || scheme.has("openIdConnectSecurityScheme");
            if (bearer) {
                return new A2aSecurity(Kind.BEARER, "Authorization", entry.getKey());
            }
            JsonNode key = scheme.has("apiKeySecurityScheme") ? scheme.path("apiKeySecurityScheme") : scheme;
            String where =
                    key.path("in").asText(key.path("location").asText("")).toLowerCase(Locale.ROOT);
            if (apiKey.isEmpty()
                    && (type.equals("apikey") || scheme.has("apiKeySecurityScheme"))
                    && where.equals("header")
                    && !key.path("name").asText("").isBlank()) {
                apiKey = Optional.of(
                        new A2aSecurity(Kind.API_KEY, key.path("name").asText(), entry.getKey()));
            }
        }
        return apiKey.orElse(NONE);
    }

    /** The header value for a credential: {@code Bearer <token>} or the key itself. */
    public String headerValue(String credential) {
        return kind == Kind.BEARER ? "Bearer " + credential : credential;
    }
}
