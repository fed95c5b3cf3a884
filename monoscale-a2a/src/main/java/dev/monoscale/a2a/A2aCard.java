package dev.monoscale.a2a;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monoscale.core.Skill;
import java.util.List;

/**
 * The card {@link A2aServer} publishes for its backend: the 1.0 form, or the 0.3 form that also lists the 1.0
 * interfaces. When the server asks for a token, both forms declare one bearer scheme, {@code bearer}, and require it
 * (0.3: {@code securitySchemes} + {@code security}; 1.0: {@code httpAuthSecurityScheme} + {@code securityRequirements}).
 */
final class A2aCard {

    private A2aCard() {}

    static ObjectNode of(A2aBackend backend, String advertised, boolean v1, boolean bearer) {
        ObjectNode card = A2aWire.MAPPER.createObjectNode();
        card.put("name", backend.name());
        card.put("description", backend.description());
        card.put("version", "0.1.0");
        String rpc = advertised + "/a2a/jsonrpc";
        String rest = advertised + "/a2a/rest";
        if (!v1) {
            card.put("protocolVersion", "0.3.0");
            card.put("url", rpc);
            card.put("preferredTransport", "JSONRPC");
            card.putArray("additionalInterfaces").addObject().put("url", rest).put("transport", "HTTP+JSON");
        }
        ArrayNode interfaces = card.putArray("supportedInterfaces");
        for (String version : List.of("1.0", "0.3")) {
            interfaces
                    .addObject()
                    .put("url", rpc)
                    .put("protocolBinding", "JSONRPC")
                    .put("protocolVersion", version);
            interfaces
                    .addObject()
                    .put("url", rest)
                    .put("protocolBinding", "HTTP+JSON")
                    .put("protocolVersion", version);
        }
        card.putObject("capabilities").put("streaming", true).put("pushNotifications", false);
        if (bearer) {
            ObjectNode scheme = card.putObject("securitySchemes").putObject("bearer");
            if (v1) {
                scheme.putObject("httpAuthSecurityScheme").put("scheme", "Bearer");
                card.putArray("securityRequirements")
                        .addObject()
                        .putObject("schemes")
                        .putObject("bearer")
                        .putArray("list");
            } else {
                scheme.put("type", "http").put("scheme", "bearer");
                card.putArray("security").addObject().putArray("bearer");
            }
        }
        card.putArray("defaultInputModes").add("text/plain");
        card.putArray("defaultOutputModes").add("text/plain");
        ArrayNode skills = card.putArray("skills");
        for (Skill skill : backend.skills()) {
            ObjectNode s = skills.addObject()
                    .put("id", skill.id())
                    .put("name", skill.name())
                    .put("description", skill.description());
            skill.tags().forEach(s.putArray("tags")::add);
            skill.examples().forEach(s.putArray("examples")::add);
        }
        return card;
    }
}
