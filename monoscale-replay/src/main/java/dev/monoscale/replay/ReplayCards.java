package dev.monoscale.replay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.monoscale.cards.A2aCards;
import dev.monoscale.core.AgentCard;
import dev.monoscale.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the replay world finds each model's A2A card: a folder of the user's cards, or the card sets shipped in the
 * jar for the two shipped datasets. A card belongs to the model whose id equals the card's {@code name}.
 */
public sealed interface ReplayCards {

    /** The card sets shipped in {@code replay/cards/}, one folder per dataset. */
    List<String> CARD_SETS = List.of("mmlu-pro-routing", "llmrouter-14task");

    /** The cards of every model of {@code models}, in that order. */
    Map<String, AgentCard> cards(String dataset, List<String> models);

    /** Where the cards come from, for people. */
    String source();

    /** The shipped card sets: the first set that holds a card for every model. */
    static ReplayCards builtIn() {
        return new BuiltIn();
    }

    /**
     * Every {@code *.json} under {@code dir} (recursively) read as an A2A card of any version the project reads; an
     * endpoint is optional, since replay never calls one.
     *
     * @throws InvalidInputException if the folder is missing, a file is not a card, or two cards share a name
     */
    static ReplayCards folder(Path dir) {
        return Folder.read(dir);
    }

    /** The cards of a folder, by name. */
    record Folder(Path dir, Map<String, AgentCard> byName) implements ReplayCards {

        public Folder {
            byName = Map.copyOf(byName);
        }

        static Folder read(Path dir) {
            if (!Files.isDirectory(dir)) {
                throw new InvalidInputException(
                        "--cards", "cards", "'" + dir + "'", "a folder of A2A card *.json files");
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(file -> file.getFileName().toString().endsWith(".json"))
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new InvalidInputException(
                        dir.toString(),
                        "(folder)",
                        "unreadable: " + e.getMessage(),
                        "a readable folder of A2A card *.json files");
            }
            Map<String, AgentCard> byName = new LinkedHashMap<>();
            Map<String, Path> fileByName = new LinkedHashMap<>();
            for (Path file : files) {
                AgentCard card = A2aCards.parse(tree(file), file.toString(), "", A2aCards.EndpointRule.OPTIONAL);
                Path before = fileByName.putIfAbsent(card.name(), file);
                if (before != null) {
                    throw new InvalidInputException(
                            file.toString(),
                            "name",
                            "'" + card.name() + "'",
                            "a name no other card in " + dir + " has (" + before + " has it too)");
                }
                byName.put(card.name(), card);
            }
            return new Folder(dir, byName);
        }

        private static JsonNode tree(Path file) {
            try {
                JsonNode node = Parsing.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
                if (node == null || !node.isObject()) {
                    throw new InvalidInputException(
                            file.toString(), "(file)", "not a JSON object", "an A2A agent card");
                }
                return node;
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(
                        file.toString(),
                        "(file)",
                        "not JSON: "
                                + e.getOriginalMessage().lines().findFirst().orElse(""),
                        "an A2A agent card");
            } catch (IOException e) {
                throw new InvalidInputException(
                        file.toString(), "(file)", "unreadable: " + e.getMessage(), "a readable A2A agent card");
            }
        }

        @Override
        public Map<String, AgentCard> cards(String dataset, List<String> models) {
            Map<String, AgentCard> out = new LinkedHashMap<>();
            for (String model : models) {
                AgentCard card = byName.get(model);
                if (card == null) {
                    throw new InvalidInputException(
                            dir.toString(),
                            "card of model '" + model + "'",
                            "(missing)",
                            "a *.json A2A card under " + dir + " whose \"name\" is '" + model + "' ("
                                    + byName.size() + " cards found"
                                    + (byName.isEmpty()
                                            ? ")"
                                            : ", named "
                                                    + abbreviated(byName.keySet().stream()
                                                            .sorted()
                                                            .toList()) + ")"));
                }
                out.put(model, card);
            }
            return out;
        }

        @Override
        public String source() {
            return dir.toString();
        }

        private static String abbreviated(List<String> names) {
            return names.size() <= 6
                    ? String.join(", ", names)
                    : String.join(", ", names.subList(0, 6)) + ", ... (" + (names.size() - 6) + " more)";
        }
    }

    /** The shipped card sets. */
    record BuiltIn() implements ReplayCards {

        @Override
        public Map<String, AgentCard> cards(String dataset, List<String> models) {
            String set = set(dataset, models);
            Map<String, AgentCard> out = new LinkedHashMap<>();
            for (String model : models) {
                out.put(model, card(set, model));
            }
            return out;
        }

        @Override
        public String source() {
            return "the built-in card sets " + CARD_SETS;
        }

        private static String set(String dataset, List<String> models) {
            for (String set : CARD_SETS) {
                if (models.stream().allMatch(model -> ReplayCards.class.getResource(resource(set, model)) != null)) {
                    return set;
                }
            }
            String missing = models.stream()
                    .filter(m -> CARD_SETS.stream()
                            .noneMatch(set -> ReplayCards.class.getResource(resource(set, m)) != null))
                    .findFirst()
                    .orElse(models.toString());
            throw new InvalidInputException(
                    dataset,
                    "card of model '" + missing + "'",
                    "(missing)",
                    "a card in one of the built-in card sets " + CARD_SETS
                            + ", or give a folder of cards with --cards DIR (or put them in the dataset's cards/)");
        }

        private static String resource(String set, String model) {
            return "/replay/cards/" + set + "/" + model + ".json";
        }

        private static AgentCard card(String set, String model) {
            String resource = resource(set, model);
            try (InputStream in = ReplayCards.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("card resource " + resource + " vanished");
                }
                return A2aCards.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read card resource " + resource, e);
            }
        }
    }
}
