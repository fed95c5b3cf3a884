package dev.monoscale.routing;

import dev.monoscale.memory.MemoryEntry;
import dev.monoscale.text.Words;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * An in-memory Lucene BM25 index over memory entries' task patterns, for retrieving the entries that apply to a
 * step (DESIGN.md §5). Built once per memory version; reads are thread-safe.
 */
final class EntryIndex {

    private static final String PATTERN = "pattern";
    private static final String ENTRY = "entry";

    private final List<MemoryEntry> entries;
    private final List<Set<String>> patternWords;
    private final Analyzer analyzer;
    private final IndexSearcher searcher;
    private final int[] entryOfDoc;

    private EntryIndex(List<MemoryEntry> entries, Analyzer analyzer, IndexSearcher searcher, int[] entryOfDoc) {
        this.entries = entries;
        this.analyzer = analyzer;
        this.searcher = searcher;
        this.entryOfDoc = entryOfDoc;
        this.patternWords =
                entries.stream().map(entry -> Words.set(indexed(entry))).toList();
    }

    static EntryIndex of(List<MemoryEntry> entries) {
        Analyzer analyzer = new EnglishAnalyzer();
        BM25Similarity similarity = new BM25Similarity();
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try {
            try (IndexWriter writer =
                    new IndexWriter(directory, new IndexWriterConfig(analyzer).setSimilarity(similarity))) {
                for (int i = 0; i < entries.size(); i++) {
                    Document document = new Document();
                    document.add(new StoredField(ENTRY, i));
                    document.add(new TextField(PATTERN, indexed(entries.get(i)), Field.Store.NO));
                    writer.addDocument(document);
                }
            }
            DirectoryReader reader = DirectoryReader.open(directory);
            IndexSearcher searcher = new IndexSearcher(reader);
            searcher.setSimilarity(similarity);
            searcher.setQueryCache(null);
            int[] entryOfDoc = new int[reader.maxDoc()];
            StoredFields stored = reader.storedFields();
            for (int doc = 0; doc < entryOfDoc.length; doc++) {
                entryOfDoc[doc] =
                        stored.document(doc).getField(ENTRY).numericValue().intValue();
            }
            return new EntryIndex(List.copyOf(entries), analyzer, searcher, entryOfDoc);
        } catch (IOException e) {
            throw new UncheckedIOException("indexing %d memory entries in memory failed".formatted(entries.size()), e);
        }
    }

    /** The words of an entry that a step is matched with: its pattern, less the prefix of an example. */
    private static String indexed(MemoryEntry entry) {
        return entry.isExample() ? entry.pattern().substring(MemoryEntry.EXAMPLE.length()) : entry.pattern();
    }

    /**
     * A retrieved entry.
     *
     * @param relevance the BM25 score of the entry's pattern for the step
     * @param coverage the share of the pattern's content words that the step contains, in [0, 1]
     */
    record Hit(MemoryEntry entry, double relevance, double coverage) {

        /** How much the entry moves a score: its confidence, times its coverage unless it is an example. */
        double weight() {
            return entry.isExample() ? entry.confidence() : coverage * entry.confidence();
        }
    }

    /** The {@code k} most relevant entries for {@code text}, best first, with how much of each pattern it covers. */
    List<Hit> search(String text, int k) {
        if (entries.isEmpty()) {
            return List.of();
        }
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(PATTERN, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (terms.size() < IndexSearcher.getMaxClauseCount() && stream.incrementToken()) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing the step '%s' failed".formatted(text), e);
        }
        if (terms.isEmpty()) {
            return List.of();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        terms.forEach(t -> query.add(new TermQuery(new Term(PATTERN, t)), BooleanClause.Occur.SHOULD));
        Set<String> words = Words.set(text);
        try {
            List<Hit> hits = new ArrayList<>();
            for (ScoreDoc doc : searcher.search(query.build(), k).scoreDocs) {
                int at = entryOfDoc[doc.doc];
                hits.add(new Hit(entries.get(at), doc.score, Words.coverage(patternWords.get(at), words)));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("searching memory entries for '%s' failed".formatted(text), e);
        }
    }
}
