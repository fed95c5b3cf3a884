package dev.monoscale.routing;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Skill;
import java.util.List;

/** A small pool of clearly different cards (invoices, weather, translation) for the routing tests. */
final class ThreeCards {

    static final AgentId INVOICES = AgentId.of("invoice-reader");
    static final AgentId WEATHER = AgentId.of("weather");
    static final AgentId TRANSLATOR = AgentId.of("translator");

    static final Pool POOL = Pool.of(List.of(
            card(
                    INVOICES,
                    "Invoice Reader",
                    "Reads invoices and receipts",
                    new Skill(
                            "extract",
                            "Invoice extraction",
                            "Extracts totals and due dates from PDF invoices",
                            List.of("invoice", "pdf", "finance"),
                            List.of("What is the total on this invoice?"))),
            card(
                    WEATHER,
                    "Weather Agent",
                    "Current weather and forecasts",
                    new Skill(
                            "forecast",
                            "Forecast",
                            "Weather forecasts up to ten days ahead",
                            List.of("weather", "forecast"),
                            List.of("Will it rain tomorrow in Oslo?"))),
            card(
                    TRANSLATOR,
                    "Translator",
                    "Translates short business text",
                    new Skill(
                            "translate",
                            "Translate text",
                            "Translates text into the requested language",
                            List.of("translation"),
                            List.of("Translate 'hello' to Spanish")))));

    private ThreeCards() {}

    static AgentCard card(AgentId id, String name, String description, Skill... skills) {
        return new AgentCard(
                id, name, description, List.of(skills), List.of("text/plain"), List.of("text/plain"), List.of(), "1.0");
    }
}
