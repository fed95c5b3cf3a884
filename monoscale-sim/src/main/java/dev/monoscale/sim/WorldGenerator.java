package dev.monoscale.sim;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Endpoint;
import dev.monoscale.core.InvalidInputException;
import dev.monoscale.core.Skill;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Draws a random simulated world from a seed: random skills and task families (chains of 1 to 3 steps), an
 * initial pool of specialists, and 2 to 4 stages of joiners whose hidden profiles are drawn from a mix of kinds
 * (honest specialists better than the incumbents, near-ties, weaker workers, over-claiming cards, broken tools,
 * silent wrong answers, interface constraints, flaky timeouts, generalists). Every parameter is drawn from a
 * broad range written down in docs/world-spec.md ("Generated worlds"); nothing here is tuned to any gate.
 *
 * <p>The same seed (and worker count) always gives the same world; the world's name is {@code generated-SEED}.
 */
public final class WorldGenerator {

    /** Fewest and most workers a generated world may have. */
    public static final int MIN_WORKERS = 5;

    public static final int MAX_WORKERS = 20_000;
    /** The most workers of the small layout; a larger count draws the large layout ({@link #generate(long, int)}). */
    public static final int MAX_SMALL_WORKERS = 24;
    /** Joiners per round of the large layout. */
    static final int LARGE_JOINERS_PER_ROUND = 3;

    /** A topic: the id of a skill, the format its steps produce, and the words that describe it. */
    private record Topic(String id, String output, String description, List<String> words) {}

    private static final List<Topic> TOPICS = List.of(
            new Topic(
                    "web-search",
                    "text",
                    "searching the web for facts",
                    List.of("search", "web", "facts", "lookup", "engine", "query")),
            new Topic(
                    "browsing",
                    "html",
                    "opening and reading web pages",
                    List.of("open", "page", "website", "link", "browse", "section")),
            new Topic(
                    "code",
                    "text",
                    "writing and running programs",
                    List.of("python", "program", "run", "script", "code", "function")),
            new Topic(
                    "math",
                    "number",
                    "arithmetic and calculation",
                    List.of("calculate", "average", "percentage", "sum", "arithmetic", "total")),
            new Topic(
                    "documents",
                    "text",
                    "reading PDF and Word documents",
                    List.of("pdf", "report", "document", "extract", "word", "paragraph")),
            new Topic(
                    "spreadsheets",
                    "table",
                    "reading spreadsheets and tables",
                    List.of("spreadsheet", "column", "rows", "xlsx", "filter", "cells")),
            new Topic(
                    "vision",
                    "text",
                    "reading images and charts",
                    List.of("image", "photo", "chart", "picture", "ocr", "pixels")),
            new Topic(
                    "audio",
                    "text",
                    "transcribing audio",
                    List.of("audio", "transcribe", "recording", "voice", "memo", "speech")),
            new Topic(
                    "translation",
                    "text",
                    "translating between languages",
                    List.of("translate", "language", "sentence", "french", "dutch", "wording")),
            new Topic(
                    "weather",
                    "number",
                    "weather forecasts",
                    List.of("forecast", "weather", "rain", "temperature", "climate", "wind")),
            new Topic(
                    "billing",
                    "table",
                    "invoices and payments",
                    List.of("invoice", "billing", "payment", "receipt", "amount", "vendor")),
            new Topic(
                    "travel",
                    "text",
                    "flights and bookings",
                    List.of("flight", "ticket", "airport", "booking", "departure", "itinerary")),
            new Topic(
                    "legal",
                    "text",
                    "contracts and legal texts",
                    List.of("contract", "clause", "legal", "liability", "statute", "court")),
            new Topic(
                    "chemistry",
                    "text",
                    "chemical compounds and reactions",
                    List.of("molecule", "compound", "reaction", "chemical", "formula", "element")),
            new Topic(
                    "maps",
                    "number",
                    "maps, places and distances",
                    List.of("map", "distance", "location", "coordinates", "city", "geography")),
            new Topic(
                    "email",
                    "text",
                    "reading and answering email",
                    List.of("email", "inbox", "message", "reply", "sender", "thread")));

    private static final List<String> ITEMS = List.of(
            "the north office",
            "project atlas",
            "the spring campaign",
            "the board meeting",
            "customer 4711",
            "the annual review",
            "the berlin branch",
            "the pilot study",
            "the march release",
            "the harbour contract",
            "team orion",
            "the audit file");
    private static final List<String> QUALIFIERS = List.of(
            "for last year", "for this quarter", "as of today", "for the summary", "for the manager", "in short");
    private static final List<String> VERBS = List.of("Please", "Kindly", "Now", "Then");

    /** The kinds of joiner, and the share of joiners of each kind (documented in docs/world-spec.md). */
    enum Kind {
        BETTER_SPECIALIST(0.22),
        NEAR_TIE(0.14),
        WEAKER(0.08),
        EXAGGERATED_CARD(0.1),
        BROKEN_TOOL(0.08),
        SILENT_WRONG(0.1),
        INTERFACE_CONSTRAINT(0.08),
        FLAKY_TIMEOUT(0.08),
        HONEST_GENERALIST(0.06),
        OVER_CLAIMING_GENERALIST(0.06);

        final double weight;

        Kind(double weight) {
            this.weight = weight;
        }
    }

    private final SplittableRandom random;
    private final long seed;
    private final String name;

    private WorldGenerator(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
        this.name = "generated-" + seed;
    }

    /** A world with a drawn number of workers (6 to 14). */
    public static WorldSpec generate(long seed) {
        return new WorldGenerator(seed).world(Optional.empty());
    }

    /**
     * A world with exactly {@code workers} workers. Up to {@value #MAX_SMALL_WORKERS} workers the world has the
     * small layout of {@link #generate(long)}; beyond, the large layout (a pool for scale benchmarks): every topic
     * is a skill, the initial pool holds all but {@code 2 × }{@value #LARGE_JOINERS_PER_ROUND} workers, and two
     * rounds of {@value #LARGE_JOINERS_PER_ROUND} joiners follow (docs/world-spec.md, "Generated worlds").
     *
     * @throws InvalidInputException unless {@code workers} is in [{@value #MIN_WORKERS}, {@value #MAX_WORKERS}]
     */
    public static WorldSpec generate(long seed, int workers) {
        if (workers < MIN_WORKERS || workers > MAX_WORKERS) {
            throw new InvalidInputException(
                    "--workers",
                    "workers",
                    Integer.toString(workers),
                    "a whole number in [%d, %d]".formatted(MIN_WORKERS, MAX_WORKERS));
        }
        WorldGenerator generator = new WorldGenerator(seed);
        return workers <= MAX_SMALL_WORKERS ? generator.world(Optional.of(workers)) : generator.large(workers);
    }

    /**
     * The large layout: all 16 topics are skills; 16 to 32 families; an initial pool of honest specialists on
     * 1 or 2 random skills each, success uniform in [0.3, 0.95] per skill; then two rounds of joiners drawn as in
     * the small layout.
     */
    private WorldSpec large(int workerCount) {
        List<Topic> topics = new ArrayList<>(TOPICS);
        shuffle(topics);
        List<WorldSpec.SkillSpec> skills = topics.stream()
                .map(t -> new WorldSpec.SkillSpec(t.id(), t.description(), t.output()))
                .toList();
        int familyCount = between(topics.size(), 2 * topics.size());
        List<WorldSpec.FamilySpec> families = new ArrayList<>();
        for (int f = 0; f < familyCount; f++) {
            int steps = pick(new double[] {0.35, 0.4, 0.25}) + 1;
            List<Topic> chain = new ArrayList<>();
            chain.add(f < topics.size() ? topics.get(f) : topics.get(random.nextInt(topics.size())));
            while (chain.size() < steps) {
                chain.add(topics.get(random.nextInt(topics.size())));
            }
            families.add(family(f, chain));
        }
        int rounds = 2;
        int initial = workerCount - rounds * LARGE_JOINERS_PER_ROUND;
        double overlap = uniform(0.0, 1.0);
        Map<String, Double> best = new HashMap<>();
        List<WorldSpec.WorkerSpec> workers = new ArrayList<>(workerCount);
        List<WorldSpec.StageSpec> stages = new ArrayList<>();
        List<AgentId> first = new ArrayList<>(initial);
        String format = "worker-%0" + Integer.toString(workerCount - 1).length() + "d";
        for (int i = 0; i < initial; i++) {
            AgentId id = AgentId.of(format.formatted(i));
            List<Topic> mine = new ArrayList<>(sample(topics, between(1, 2)));
            Map<String, Double> success = new TreeMap<>();
            mine.forEach(t -> success.put(t.id(), round(uniform(0.3, 0.95))));
            WorldSpec.Profile profile =
                    new WorldSpec.Profile(success, round(uniform(0.0, 0.1)), latency(), cost(), List.of());
            workers.add(new WorldSpec.WorkerSpec(id, card(id, mine, false), profile));
            success.forEach((skill, p) -> best.merge(skill, p, Math::max));
            first.add(id);
        }
        stages.add(new WorldSpec.StageSpec(first));
        for (int k = 1; k <= rounds; k++) {
            List<AgentId> join = new ArrayList<>();
            List<WorldSpec.WorkerSpec> joining = new ArrayList<>();
            for (int j = 0; j < LARGE_JOINERS_PER_ROUND; j++) {
                AgentId id = AgentId.of(format.formatted(workers.size() + joining.size()));
                WorldSpec.WorkerSpec worker = joiner(id, topics, best, overlap, workers);
                joining.add(worker);
                join.add(id);
            }
            admit(joining, join, best, workers, stages);
        }
        String description = String.format(
                Locale.ROOT,
                "Generated from seed %d (large layout): %d skills, %d families, %d workers over %d stages; "
                        + "joiner overlap %.2f.",
                seed,
                topics.size(),
                familyCount,
                workers.size(),
                stages.size(),
                overlap);
        return new WorldSpec(name, description, skills, families, workers, stages, 30_000);
    }

    private WorldSpec world(Optional<Integer> fixedWorkers) {
        // skills
        int skillCount = between(3, 8);
        List<Topic> topics = new ArrayList<>(TOPICS);
        shuffle(topics);
        topics = topics.subList(0, skillCount);
        List<WorldSpec.SkillSpec> skills = topics.stream()
                .map(t -> new WorldSpec.SkillSpec(t.id(), t.description(), t.output()))
                .toList();

        // families: every skill appears in at least one family
        int familyCount = Math.max(skillCount, between(3, 9));
        List<WorldSpec.FamilySpec> families = new ArrayList<>();
        for (int f = 0; f < familyCount; f++) {
            int steps = pick(new double[] {0.35, 0.4, 0.25}) + 1;
            List<Topic> chain = new ArrayList<>();
            chain.add(f < skillCount ? topics.get(f) : topics.get(random.nextInt(skillCount)));
            while (chain.size() < steps) {
                chain.add(topics.get(random.nextInt(skillCount)));
            }
            families.add(family(f, chain));
        }

        // stages and workers
        int stageCount = between(3, 5); // the initial pool and 2 to 4 rounds
        int initial = between(2, 4);
        int workerCount = fixedWorkers.orElseGet(() -> between(6, 14));
        workerCount = Math.max(workerCount, initial + stageCount - 1);
        if (fixedWorkers.isPresent() && workerCount > fixedWorkers.get()) {
            initial = Math.max(1, fixedWorkers.get() - (stageCount - 1));
            workerCount = fixedWorkers.get();
        }
        List<Integer> perStage = new ArrayList<>();
        perStage.add(initial);
        for (int k = 1; k < stageCount; k++) {
            perStage.add(1);
        }
        for (int extra = workerCount - initial - (stageCount - 1); extra > 0; extra--) {
            int k = 1 + random.nextInt(stageCount - 1);
            perStage.set(k, perStage.get(k) + 1);
        }
        double coverage = uniform(0.5, 1.0); // share of the skills the initial pool covers
        double overlap = uniform(0.0, 1.0); // chance a joiner's skill is one the pool already covers well

        Map<String, Double> best = new HashMap<>(); // best base success so far per skill, among workers that joined
        List<WorldSpec.WorkerSpec> workers = new ArrayList<>();
        List<WorldSpec.StageSpec> stages = new ArrayList<>();
        int index = 0;
        for (int k = 0; k < stageCount; k++) {
            List<AgentId> join = new ArrayList<>();
            List<WorldSpec.WorkerSpec> joining = new ArrayList<>();
            for (int j = 0; j < perStage.get(k); j++, index++) {
                AgentId id = AgentId.of("worker-%02d".formatted(index));
                WorldSpec.WorkerSpec worker = k == 0
                        ? incumbent(id, topics, initial, j, coverage)
                        : joiner(id, topics, best, overlap, workers);
                joining.add(worker);
                join.add(id);
            }
            admit(joining, join, best, workers, stages);
        }
        String description = String.format(
                Locale.ROOT,
                "Generated from seed %d: %d skills, %d families, %d workers over %d stages; initial coverage %.2f, "
                        + "joiner overlap %.2f.",
                seed,
                skillCount,
                familyCount,
                workers.size(),
                stageCount,
                coverage,
                overlap);
        return new WorldSpec(name, description, skills, families, workers, stages, 30_000);
    }

    private WorldSpec.FamilySpec family(int f, List<Topic> chain) {
        Map<String, List<String>> slots = new TreeMap<>();
        slots.put("item", sample(ITEMS, between(2, 5)));
        boolean qualified = random.nextBoolean();
        if (qualified) {
            slots.put("when", sample(QUALIFIERS, between(2, 3)));
        }
        List<WorldSpec.StepSpec> steps = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        for (int s = 0; s < chain.size(); s++) {
            Topic topic = chain.get(s);
            List<String> words = sample(topic.words(), 3);
            String verb = VERBS.get(random.nextInt(VERBS.size()));
            String text = "%s %s the %s and %s for {item}%s"
                    .formatted(
                            verb,
                            words.get(0),
                            words.get(1),
                            words.get(2),
                            qualified && s == chain.size() - 1 ? " {when}" : "");
            steps.add(new WorldSpec.StepSpec(topic.id(), text, s == 0 ? List.of() : List.of(s - 1)));
            summary.add(words.get(0));
        }
        String text = "Task on {item}: " + String.join(", then ", summary) + (qualified ? " {when}" : "");
        return new WorldSpec.FamilySpec("family-%d".formatted(f), round(uniform(0.5, 2.0)), text, slots, steps);
    }

    /** A worker of the initial pool: an honest specialist on 1 to 3 skills. */
    private WorldSpec.WorkerSpec incumbent(AgentId id, List<Topic> topics, int poolSize, int j, double coverage) {
        int covered = Math.max(1, (int) Math.round(coverage * topics.size()));
        List<Topic> mine = new ArrayList<>();
        // the initial pool shares the first `covered` skills round-robin, then each adds up to one more of those
        for (int t = j; t < covered; t += poolSize) {
            mine.add(topics.get(t));
        }
        if (mine.isEmpty() || random.nextDouble() < 0.5) {
            Topic extra = topics.get(random.nextInt(covered));
            if (!mine.contains(extra)) {
                mine.add(extra);
            }
        }
        Map<String, Double> success = new TreeMap<>();
        mine.forEach(t -> success.put(t.id(), round(uniform(0.5, 0.9))));
        WorldSpec.Profile profile =
                new WorldSpec.Profile(success, round(uniform(0.0, 0.1)), latency(), cost(), List.of());
        return new WorldSpec.WorkerSpec(id, card(id, mine, false), profile);
    }

    private WorldSpec.WorkerSpec joiner(
            AgentId id,
            List<Topic> topics,
            Map<String, Double> best,
            double overlap,
            List<WorldSpec.WorkerSpec> earlier) {
        Kind kind = Kind.values()[pick(weights())];
        List<Topic> claimed = new ArrayList<>();
        int count =
                kind == Kind.HONEST_GENERALIST || kind == Kind.OVER_CLAIMING_GENERALIST ? topics.size() : between(1, 2);
        while (claimed.size() < Math.min(count, topics.size())) {
            Topic t;
            if (random.nextDouble() < overlap) {
                List<Topic> held =
                        topics.stream().filter(x -> best.containsKey(x.id())).toList();
                int at = random.nextInt(Math.max(1, held.size()));
                Topic any = topics.get(random.nextInt(topics.size())); // drawn either way: the draws stay in step
                t = held.isEmpty() ? any : held.get(at);
            } else {
                t = topics.get(random.nextInt(topics.size()));
            }
            if (!claimed.contains(t)) {
                claimed.add(t);
            }
        }
        Map<String, Double> success = new TreeMap<>();
        List<FailureMode> modes = new ArrayList<>();
        double other = round(uniform(0.0, 0.1));
        for (Topic t : claimed) {
            double incumbent = best.getOrDefault(t.id(), 0.0);
            double p = switch (kind) {
                case BETTER_SPECIALIST -> Math.max(incumbent + uniform(0.08, 0.3), uniform(0.6, 0.95));
                case NEAR_TIE -> incumbent > 0 ? incumbent + uniform(-0.05, 0.05) : uniform(0.4, 0.8);
                case WEAKER -> incumbent > 0 ? incumbent - uniform(0.1, 0.35) : uniform(0.2, 0.5);
                case HONEST_GENERALIST -> uniform(0.35, 0.75);
                default -> uniform(0.6, 0.95);
            };
            success.put(t.id(), round(Math.min(0.98, Math.max(0.02, p))));
        }
        Topic first = claimed.getFirst();
        switch (kind) {
            case EXAGGERATED_CARD ->
                modes.add(new FailureMode.ExaggeratedCard(
                        claimed.stream().map(Topic::id).toList(), round(uniform(0.05, 0.4))));
            case BROKEN_TOOL -> modes.add(new FailureMode.BrokenTool(first.id()));
            case SILENT_WRONG ->
                modes.add(new FailureMode.SilentWrongAnswer(
                        random.nextBoolean() ? Optional.of(first.id()) : Optional.empty(), round(uniform(0.2, 0.7))));
            case INTERFACE_CONSTRAINT -> {
                List<String> formats = List.copyOf(
                        new LinkedHashSet<>(topics.stream().map(Topic::output).toList()));
                if (random.nextBoolean() || earlier.isEmpty()) {
                    modes.add(new FailureMode.InterfaceConstraint(
                            List.of(), List.of(formats.get(random.nextInt(formats.size())))));
                } else {
                    modes.add(new FailureMode.InterfaceConstraint(
                            List.of(earlier.get(random.nextInt(earlier.size()))
                                    .id()
                                    .value()),
                            List.of()));
                }
            }
            case FLAKY_TIMEOUT -> modes.add(new FailureMode.FlakyTimeout(round(uniform(0.1, 0.5))));
            case OVER_CLAIMING_GENERALIST -> {
                success.clear();
                modes.add(new FailureMode.OverClaimingGeneralist(round(uniform(0.15, 0.5))));
            }
            default -> {}
        }
        if (kind != Kind.FLAKY_TIMEOUT && random.nextDouble() < 0.1) {
            modes.add(new FailureMode.FlakyTimeout(round(uniform(0.02, 0.15)))); // a little unreliability on top
        }
        WorldSpec.Profile profile = new WorldSpec.Profile(success, other, latency(), cost(), modes);
        return new WorldSpec.WorkerSpec(
                id,
                card(id, claimed, kind == Kind.OVER_CLAIMING_GENERALIST || kind == Kind.HONEST_GENERALIST),
                profile);
    }

    /** The card: honest about what the worker claims; how well it does it is never on the card. */
    private AgentCard card(AgentId id, List<Topic> claimed, boolean generalist) {
        List<Skill> skills = new ArrayList<>();
        List<String> about = new ArrayList<>();
        for (Topic t : claimed) {
            List<String> words = sample(t.words(), between(3, 6));
            List<String> tags = sample(t.words(), between(2, 4));
            String example = "Please %s the %s".formatted(words.get(0), words.get(1));
            skills.add(new Skill(
                    t.id().replace('-', '_'),
                    capitalise(t.description()),
                    "Handles " + t.description() + ": " + String.join(", ", words) + ".",
                    tags,
                    List.of(example)));
            about.add(t.description());
        }
        String description =
                (generalist ? "One agent for everything: " : "Specialist in ") + String.join("; ", about) + ".";
        String label = "Agent " + id.value().substring(id.value().indexOf('-') + 1);
        return new AgentCard(
                id,
                label,
                description,
                skills,
                List.of("text"),
                List.of("text"),
                List.of(new Endpoint(URI.create("sim://" + name + "/" + id), "sim", "")),
                "1.0.0");
    }

    /** Adds a stage of joiners: their best skills go into {@code best}, they join the workers, their ids a new stage. */
    private static void admit(
            List<WorldSpec.WorkerSpec> joining,
            List<AgentId> join,
            Map<String, Double> best,
            List<WorldSpec.WorkerSpec> workers,
            List<WorldSpec.StageSpec> stages) {
        for (WorldSpec.WorkerSpec worker : joining) {
            worker.profile()
                    .skills()
                    .forEach((skill, p) -> best.merge(skill, effective(worker.profile(), skill, p), Math::max));
        }
        workers.addAll(joining);
        stages.add(new WorldSpec.StageSpec(join));
    }

    private static double effective(WorldSpec.Profile profile, String skill, double named) {
        if (profile.mode(FailureMode.BrokenTool.class)
                .filter(b -> b.skill().equals(skill))
                .isPresent()) {
            return 0;
        }
        double p = profile.mode(FailureMode.ExaggeratedCard.class)
                .filter(e -> e.skills().contains(skill))
                .map(FailureMode.ExaggeratedCard::success)
                .orElse(named);
        double timeout = profile.mode(FailureMode.FlakyTimeout.class)
                .map(FailureMode.FlakyTimeout::rate)
                .orElse(0.0);
        double wrong = profile.mode(FailureMode.SilentWrongAnswer.class)
                .filter(s -> s.skill().map(skill::equals).orElse(true))
                .map(FailureMode.SilentWrongAnswer::rate)
                .orElse(0.0);
        return p * (1 - timeout) * (1 - wrong);
    }

    private static double[] weights() {
        Kind[] kinds = Kind.values();
        double[] w = new double[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            w[i] = kinds[i].weight;
        }
        return w;
    }

    private int pick(double[] weights) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    private double uniform(double low, double high) {
        return low + (high - low) * random.nextDouble();
    }

    private long latency() {
        return 100L * between(1, 50);
    }

    private double cost() {
        return round(uniform(0.0002, 0.006));
    }

    private <T> List<T> sample(List<T> from, int count) {
        List<T> copy = new ArrayList<>(from);
        shuffle(copy);
        return List.copyOf(copy.subList(0, Math.min(count, copy.size())));
    }

    private <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, random.nextInt(i + 1));
        }
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    private static String capitalise(String s) {
        return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
