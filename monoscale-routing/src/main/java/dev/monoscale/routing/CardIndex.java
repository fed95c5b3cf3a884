package dev.monoscale.routing;

import dev.monoscale.core.AgentCard;
import dev.monoscale.core.AgentId;
import dev.monoscale.core.Pool;
import dev.monoscale.core.Skill;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * An in-memory Lucene index of a pool's agent cards that scores how relevant a text is to each card.
 *
 * <p>Each worker is one document with three fields analysed by {@link EnglishAnalyzer} (lower case, English
 * stop words removed, Porter stems): {@code name}, {@code description}, and {@code skills} (every skill's name,
 * description, tags and examples). The worker's id is not indexed: it is a label, not a claim. A text is
 * analysed the same way, its distinct terms become a disjunction of term queries over the three fields, and
 * each card's score is its BM25 score (k1 = 1.2, b = 0.75, Lucene's form without the (k1 + 1) factor) summed
 * over fields and terms. A term repeated in the text counts once, so repeating a word does not tilt the
 * routing. Scores are never negative; a card that shares no term with the text scores exactly 0, and so does
 * every card for a text with no terms left after analysis (empty, or stop words only).
 *
 * <p>The index is built once and never changes; reads are thread-safe and hold no lock. It lives on the heap
 * and needs no closing.
 */
final class CardIndex {

    private static final String NAME = "name";
    private static final String DESCRIPTION = "description";
    private static final String SKILLS = "skills";
    private static final String WORKER = "worker";
    private static final List<String> FIELDS = List.of(NAME, DESCRIPTION, SKILLS);

    private final Pool pool;
    private final Analyzer analyzer;
    private final IndexSearcher searcher;
    private final int[] workerOfDoc;
    private final int[] docOfWorker;
    private final List<Set<String>> cardTerms;
    private final List<AgentId> ids;
    private final Map<AgentId, Integer> positions;
    /**
     * {@link #matches} by text: the lift and a round's candidates share this index ({@link MemoryRouter#routing}) and
     * route the same steps over it.
     */
    private final Map<String, List<CardMatch>> matched = new ConcurrentHashMap<>();

    /** How many texts {@link #matched} holds before it starts again. */
    private static final int MATCHED = 4096;

    private CardIndex(
            Pool pool, Analyzer analyzer, IndexSearcher searcher, int[] workerOfDoc, List<Set<String>> cardTerms) {
        this.pool = pool;
        this.analyzer = analyzer;
        this.searcher = searcher;
        this.workerOfDoc = workerOfDoc;
        this.cardTerms = cardTerms;
        this.ids = pool.ids();
        this.docOfWorker = new int[workerOfDoc.length];
        for (int doc = 0; doc < workerOfDoc.length; doc++) {
            docOfWorker[workerOfDoc[doc]] = doc;
        }
        Map<AgentId, Integer> at = new HashMap<>(ids.size() * 2);
        for (int i = 0; i < ids.size(); i++) {
            at.put(ids.get(i), i);
        }
        this.positions = at;
    }

    /** Indexes every card of the pool, one document per worker. */
    public static CardIndex of(Pool pool) {
        Analyzer analyzer = new EnglishAnalyzer();
        BM25Similarity similarity = new BM25Similarity();
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        List<Set<String>> cardTerms = new ArrayList<>();
        try {
            IndexWriterConfig writerConfig = new IndexWriterConfig(analyzer).setSimilarity(similarity);
            try (IndexWriter writer = new IndexWriter(directory, writerConfig)) {
                for (int i = 0; i < pool.size(); i++) {
                    AgentCard card = pool.cards().get(i);
                    Document document = new Document();
                    document.add(new StoredField(WORKER, i));
                    Set<String> terms = new HashSet<>();
                    add(document, terms, analyzer, NAME, card.name());
                    add(document, terms, analyzer, DESCRIPTION, card.description());
                    for (Skill skill : card.skills()) {
                        add(document, terms, analyzer, SKILLS, skill.name());
                        add(document, terms, analyzer, SKILLS, skill.description());
                        for (String tag : skill.tags()) {
                            add(document, terms, analyzer, SKILLS, tag);
                        }
                        for (String example : skill.examples()) {
                            add(document, terms, analyzer, SKILLS, example);
                        }
                    }
                    writer.addDocument(document);
                    cardTerms.add(Set.copyOf(terms));
                }
            }
            DirectoryReader reader = DirectoryReader.open(directory);
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(similarity);
            // only scoring queries run here, and the cache would only add bookkeeping to each of them
            searcher.setQueryCache(null);
            int[] workerOfDoc = new int[reader.maxDoc()];
            StoredFields stored = reader.storedFields();
            for (int doc = 0; doc < workerOfDoc.length; doc++) {
                workerOfDoc[doc] =
                        stored.document(doc).getField(WORKER).numericValue().intValue();
            }
            return new CardIndex(pool, analyzer, searcher, workerOfDoc, List.copyOf(cardTerms));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "indexing the %d agent cards of %s in memory failed".formatted(pool.size(), pool.ids()), e);
        }
    }

    public Pool pool() {
        return pool;
    }

    /** The BM25 relevance of {@code text} to each card, in pool order; 0 for a card that matches no term. */
    public double[] scores(String text) {
        return scores(analyze(text));
    }

    /**
     * The words of {@code text} that matched the worker's card, lower-cased as they appear in the text, in order
     * of first appearance and one per term (so "invoices" stands for "invoice" as well).
     */
    public List<String> matchedTerms(String text, AgentId worker) {
        int at = pool.ids().indexOf(worker);
        if (at < 0) {
            throw new IllegalArgumentException(
                    "worker '%s' is not in the indexed pool %s".formatted(worker, pool.ids()));
        }
        return matched(analyze(text), at);
    }

    /** Scores and matched words for every card at once, in pool order. */
    public List<CardMatch> matches(String text) {
        List<CardMatch> known = matched.get(text);
        if (known != null) {
            return known;
        }
        if (matched.size() >= MATCHED) {
            matched.clear();
        }
        List<CardMatch> computed = match(text);
        matched.put(text, computed);
        return computed;
    }

    private List<CardMatch> match(String text) {
        Map<String, String> terms = analyze(text);
        double[] scores = scores(terms);
        List<CardMatch> matches = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            matches.add(new CardMatch(pool.cards().get(i).id(), scores[i], matched(terms, i)));
        }
        return List.copyOf(matches);
    }

    /**
     * The {@code k} cards that match {@code text} best, best first, ties in pool order, with their scores and words:
     * the same scores as {@link #matches}, without scoring the rest of the pool. When fewer than {@code k} cards
     * match, the first cards of the pool that match nothing follow, at score 0, so the list always holds
     * min(k, pool size) workers. This is the preselection a router over a large pool scores in full.
     */
    public List<CardMatch> top(String text, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("a preselection needs k >= 1, was " + k);
        }
        Map<String, String> terms = analyze(text);
        int wanted = Math.min(k, workerOfDoc.length);
        List<CardMatch> top = new ArrayList<>(wanted);
        Set<Integer> taken = new HashSet<>();
        if (!terms.isEmpty()) {
            try {
                for (ScoreDoc hit : searcher.search(query(terms), wanted).scoreDocs) {
                    int worker = workerOfDoc[hit.doc];
                    taken.add(worker);
                    top.add(new CardMatch(ids.get(worker), hit.score, matched(terms, worker)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "scoring the terms %s against the card index failed".formatted(terms.keySet()), e);
            }
        }
        for (int worker = 0; top.size() < wanted && worker < workerOfDoc.length; worker++) {
            if (!taken.contains(worker)) {
                top.add(new CardMatch(ids.get(worker), 0, List.of()));
            }
        }
        return List.copyOf(top);
    }

    /** Scores and matched words of {@code text} for the named workers only, in the order given. */
    public List<CardMatch> matchesOf(String text, List<AgentId> workers) {
        Map<String, String> terms = analyze(text);
        List<CardMatch> matches = new ArrayList<>(workers.size());
        if (workers.isEmpty()) {
            return List.of();
        }
        double[] scores = new double[workers.size()];
        int[] docs = new int[workers.size()];
        for (int i = 0; i < docs.length; i++) {
            Integer worker = positions.get(workers.get(i));
            if (worker == null) {
                throw new IllegalArgumentException("worker '%s' is not in the indexed pool".formatted(workers.get(i)));
            }
            docs[i] = docOfWorker[worker];
        }
        if (!terms.isEmpty()) {
            scoreDocs(query(terms), docs, scores);
        }
        for (int i = 0; i < docs.length; i++) {
            matches.add(new CardMatch(workers.get(i), scores[i], matched(terms, workerOfDoc[docs[i]])));
        }
        return List.copyOf(matches);
    }

    /** The scores of the given documents for a query (0 where it matches none), one scorer per segment. */
    private void scoreDocs(Query query, int[] docs, double[] scores) {
        Integer[] order = new Integer[docs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> docs[i]));
        try {
            Weight weight = searcher.createWeight(searcher.rewrite(query), ScoreMode.COMPLETE, 1);
            List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
            int leafAt = -1;
            Scorer scorer = null;
            for (int i : order) {
                int doc = docs[i];
                int leaf = ReaderUtil.subIndex(doc, leaves);
                if (leaf != leafAt) {
                    leafAt = leaf;
                    scorer = weight.scorer(leaves.get(leaf));
                }
                if (scorer == null) {
                    continue;
                }
                int local = doc - leaves.get(leaf).docBase;
                int at = scorer.docID() >= local
                        ? scorer.docID()
                        : scorer.iterator().advance(local);
                scores[i] = at == local ? scorer.score() : 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("scoring %d cards failed".formatted(docs.length), e);
        }
    }

    /**
     * How one text matched one card.
     *
     * @param score the BM25 relevance, 0 or more
     * @param terms the words of the text that matched the card, as {@link #matchedTerms} gives them
     */
    public record CardMatch(AgentId worker, double score, List<String> terms) {

        public CardMatch {
            terms = List.copyOf(terms);
        }
    }

    /** The distinct analysed terms of the text, each with the first word it came from, in text order. */
    private Map<String, String> analyze(String text) {
        Map<String, String> terms = new LinkedHashMap<>();
        int limit = IndexSearcher.getMaxClauseCount() / FIELDS.size();
        try (TokenStream stream = analyzer.tokenStream(SKILLS, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            stream.reset();
            // beyond the clause limit a text is a document, not a step; its first terms are enough to route it
            while (terms.size() < limit && stream.incrementToken()) {
                terms.putIfAbsent(
                        term.toString(),
                        text.substring(offset.startOffset(), offset.endOffset()).toLowerCase(Locale.ROOT));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing the text '%s' failed".formatted(text), e);
        }
        return terms;
    }

    private double[] scores(Map<String, String> terms) {
        double[] scores = new double[pool.size()];
        if (terms.isEmpty()) {
            return scores;
        }
        try {
            for (ScoreDoc hit : searcher.search(query(terms), workerOfDoc.length).scoreDocs) {
                scores[workerOfDoc[hit.doc]] = hit.score;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "scoring the terms %s against the card index failed".formatted(terms.keySet()), e);
        }
        return scores;
    }

    private static Query query(Map<String, String> terms) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (String term : terms.keySet()) {
            for (String field : FIELDS) {
                query.add(new TermQuery(new Term(field, term)), BooleanClause.Occur.SHOULD);
            }
        }
        return query.build();
    }

    private List<String> matched(Map<String, String> terms, int worker) {
        Set<String> card = cardTerms.get(worker);
        List<String> words = new ArrayList<>();
        for (Map.Entry<String, String> term : terms.entrySet()) {
            if (card.contains(term.getKey())) {
                words.add(term.getValue());
            }
        }
        return words;
    }

    private static void add(Document document, Set<String> terms, Analyzer analyzer, String field, String text) {
        document.add(new TextField(field, text, Field.Store.NO));
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing the card text '%s' failed".formatted(text), e);
        }
    }
}
