package dev.monoscale.routing;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Skill;
import java.util.List;

/**
 * Ten real A2A agent cards from {@code shared/data/agent-cards}: names, descriptions and skills as the files have
 * them; modes and endpoints left out because the router does not read them. For tests and measurements that need
 * a realistic pool rather than a two-line card. All ten come from the a2aproject repositories ({@code a2a-samples}
 * and {@code A2A}), which are Apache-2.0; the source files and commits are listed in
 * {@code shared/data/agent-cards/README.md}. Cards from repositories without a licence are never copied here.
 */
final class RealCards {

    private RealCards() {}

    static Pool tenCards() {
        return Pool.of(List.of(
                // A2A__invoice_processing_agent.json
                card(
                        "invoice-processing-agent",
                        "Invoice Processing Agent",
                        "Processes and validates invoices with AI-powered extraction",
                        new Skill(
                                "invoice-processing",
                                "Invoice Processor",
                                "Extracts and validates invoice data",
                                List.of("finance", "invoices", "extraction"),
                                List.of())),
                // a2a-samples__air_ticketing_agent.json
                card(
                        "air-ticketing-agent",
                        "Air Ticketing Agent",
                        "Helps book air tickets given a criteria",
                        new Skill(
                                "book_air_tickets",
                                "Book Air Tickets",
                                "Helps with booking air tickets given a criteria",
                                List.of("Book air tickets"),
                                List.of(
                                        "Book return tickets from SFO to LHR, starting June 24 2025 and returning 30th June 2025"))),
                // a2a-samples__car_rental_agent.json
                card(
                        "car-rental-agent",
                        "Car Rental Agent",
                        "Helps book car rental",
                        new Skill(
                                "book_cars",
                                "Book Car Rental",
                                "Helps with booking car rental given a criteria",
                                List.of("Book cars"),
                                List.of(
                                        "Book a rental car in London, starting on June 20, 2025, and ending on July 10, 2025"))),
                // a2a-samples__hotel_booking_agent.json
                card(
                        "hotel-booking-agent",
                        "Hotel Booking Agent",
                        "Helps book hotels given a criteria",
                        new Skill(
                                "book_accommodation",
                                "Book Hotels",
                                "Helps with booking hotels given a criteria",
                                List.of("Book accommodation"),
                                List.of(
                                        "Book a hotel for 1 adult in Central London, starting June 24 2025 for 2 nights"))),
                // a2a-samples__currency_agent_v1.0.json
                card(
                        "currency-conversion-agent",
                        "Currency Conversion Agent",
                        "Currency Conversion Agent",
                        new Skill(
                                "currency_conversion",
                                "Perform Currency Conversion",
                                "Helps with Currency conversions",
                                List.of("currency", "conversion"),
                                List.of("Helps with currency conversions"))),
                // a2a-samples__facts_agent.json
                card(
                        "facts-agent",
                        "facts_agent",
                        "Agent to give interesting facts.",
                        new Skill(
                                "give_facts",
                                "Interesting Facts",
                                "Provide interesting facts about various topics using Google Search.",
                                List.of("information", "facts", "knowledge", "search", "google"),
                                List.of("Provide an interesting fact about New York City."))),
                // a2a-samples__check_prime_agent.json
                card(
                        "check-prime-agent",
                        "check_prime_agent",
                        "An agent specialized in checking whether numbers are prime. It can efficiently determine the primality of individual numbers or lists of numbers.",
                        new Skill(
                                "prime_checking",
                                "Prime Number Checking",
                                "Check if numbers in a list are prime using efficient mathematical algorithms",
                                List.of("mathematical", "computation", "prime", "numbers"),
                                List.of())),
                // a2a-samples__paid_translation_agent.json
                card(
                        "paid-translation-agent",
                        "Paid Translation Agent",
                        "Translates short business text after payment proof is provided.",
                        new Skill(
                                "translate_text",
                                "Translate Text",
                                "Translates up to 500 characters into the requested language.",
                                List.of("translation", "commerce-profile"),
                                List.of("Translate 'hello' to Spanish"))),
                // a2a-samples__weather_agent.json
                card(
                        "weather-agent",
                        "Weather Agent",
                        "Provides real-time weather information, forecasts, and severe weather alerts for locations worldwide.",
                        new Skill(
                                "current-weather",
                                "Current Weather",
                                "Get current weather conditions for any location",
                                List.of("weather", "current", "conditions"),
                                List.of("What's the weather in Tokyo?", "Current temperature in New York")),
                        new Skill(
                                "weather-forecast",
                                "Weather Forecast",
                                "Get weather forecasts up to 10 days ahead",
                                List.of("weather", "forecast", "prediction"),
                                List.of("Will it rain tomorrow in London?", "5-day forecast for San Francisco"))),
                // a2a-samples__research_assistant_agent.json
                card(
                        "research-assistant-agent",
                        "Research Assistant Agent",
                        "An AI agent that assists with academic research tasks including literature search, summarization, and citation management.",
                        new Skill(
                                "literature-search",
                                "Literature Search",
                                "Search academic databases for relevant papers and articles",
                                List.of("research", "papers", "search", "academic"),
                                List.of(
                                        "Find recent papers on transformer architectures",
                                        "Search for studies on climate change impacts in Southeast Asia")),
                        new Skill(
                                "paper-summarize",
                                "Paper Summarization",
                                "Generate concise summaries of academic papers",
                                List.of("summarization", "papers", "analysis"),
                                List.of(
                                        "Summarize this paper on epistemic injustice",
                                        "Give me the key findings from this study")))));
    }

    private static AgentCard card(String id, String name, String description, Skill... skills) {
        return new AgentCard(
                AgentId.of(id),
                name,
                description,
                List.of(skills),
                List.of("text/plain"),
                List.of("text/plain"),
                List.of(),
                "1.0.0");
    }
}
