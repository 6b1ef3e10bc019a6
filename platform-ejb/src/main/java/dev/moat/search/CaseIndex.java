package dev.moat.search;

import dev.moat.domain.DomainRuleViolation;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.highlight.Highlighter;
import org.apache.lucene.search.highlight.InvalidTokenOffsetsException;
import org.apache.lucene.search.highlight.QueryScorer;
import org.apache.lucene.search.highlight.SimpleHTMLEncoder;
import org.apache.lucene.search.highlight.SimpleHTMLFormatter;
import org.apache.lucene.store.Directory;

/**
 * The one owner of the case index: it holds the writer and a near-real-time searcher manager. Writes become
 * visible on {@link #refresh()} and durable on {@link #commit()}, which the indexer calls on its own schedules.
 */
public final class CaseIndex implements Closeable {

    private static final String ID = "id";
    private static final String TENANT = "tenant";
    private static final String NO_TENANT = "-";
    private static final String[] TEXT_FIELDS = {"title", "description", "timeline", "evidence", "observables"};
    private static final Map<String, Float> BOOSTS = Map.of("title", 3f, "observables", 2f, "description", 1.5f,
            "timeline", 1f, "evidence", 1f);

    private final Analyzer analyzer = new EnglishAnalyzer();
    private final IndexWriter writer;
    private final SearcherManager searchers;

    /** A hit with the best fragment of each field that matched, as HTML: text escaped, matches in {@code <mark>}. */
    public record Hit(String caseId, float score, Map<String, String> highlights) {
    }

    public CaseIndex(Directory directory) {
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the case index", e);
        }
    }

    /** Adds the case, or replaces what the index held of it. */
    public void put(CaseDocument document) {
        Document lucene = new Document();
        lucene.add(new StringField(ID, document.id(), Field.Store.YES));
        lucene.add(new StringField(TENANT, document.tenantId() == null ? NO_TENANT : document.tenantId(), Field.Store.NO));
        add(lucene, "title", document.title());
        add(lucene, "description", document.description());
        add(lucene, "timeline", document.timeline());
        add(lucene, "evidence", document.evidence());
        add(lucene, "observables", document.observables());
        try {
            writer.updateDocument(new Term(ID, document.id()), lucene);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot index " + document.id(), e);
        }
    }

    private static void add(Document lucene, String field, String text) {
        lucene.add(new TextField(field, text == null ? "" : text, Field.Store.YES));
    }

    /**
     * The best matches of a query in Lucene's syntax (words, "phrases", AND/OR/NOT, field:word), at most
     * {@code limit}; only one tenant's cases when {@code tenantOnly} is given.
     *
     * @throws DomainRuleViolation for a query that cannot be read
     */
    public List<Hit> search(String queryText, String tenantOnly, int limit) {
        Query query = parse(queryText);
        if (tenantOnly != null) {
            query = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST)
                    .add(new TermQuery(new Term(TENANT, tenantOnly)), BooleanClause.Occur.FILTER).build();
        }
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                Highlighter highlighter = new Highlighter(new SimpleHTMLFormatter("<mark>", "</mark>"),
                        new SimpleHTMLEncoder(), new QueryScorer(query));
                List<Hit> hits = new ArrayList<>();
                for (ScoreDoc scored : searcher.search(query, limit).scoreDocs) {
                    Document found = searcher.storedFields().document(scored.doc);
                    hits.add(new Hit(found.get(ID), scored.score, highlights(highlighter, found)));
                }
                return hits;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot search the case index", e);
        }
    }

    private Query parse(String queryText) {
        if (queryText == null || queryText.isBlank()) {
            throw new DomainRuleViolation("a search needs some words");
        }
        MultiFieldQueryParser parser = new MultiFieldQueryParser(TEXT_FIELDS, analyzer, BOOSTS);
        parser.setDefaultOperator(MultiFieldQueryParser.Operator.AND);
        try {
            return parser.parse(queryText);
        } catch (ParseException | RuntimeException e) { // TooManyClauses and the like are the query's fault too
            throw new DomainRuleViolation("Cannot read the search query: use words, \"phrases\", AND, OR, NOT");
        }
    }

    private Map<String, String> highlights(Highlighter highlighter, Document found) throws IOException {
        Map<String, String> fragments = new LinkedHashMap<>();
        for (String field : TEXT_FIELDS) {
            String text = found.get(field);
            if (text == null || text.isEmpty()) {
                continue;
            }
            try {
                String best = highlighter.getBestFragment(analyzer, field, text);
                if (best != null) {
                    fragments.put(field, best);
                }
            } catch (InvalidTokenOffsetsException e) {
                // the field's text is still found; it just has no fragment to show
            }
        }
        return fragments;
    }

    /** Makes what was put visible to searches. */
    public void refresh() {
        try {
            searchers.maybeRefresh();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot refresh the case index", e);
        }
    }

    /** Makes what was put survive a restart. */
    public void commit() {
        try {
            writer.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot commit the case index", e);
        }
    }

    public void clear() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear the case index", e);
        }
    }

    public int size() {
        return writer.getDocStats().numDocs;
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
    }
}
