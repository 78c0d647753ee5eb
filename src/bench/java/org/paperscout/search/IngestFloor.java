package org.paperscout.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.paperscout.catalog.Paper;

/**
 * What Lucene alone needs to index papers already parsed ({@code bench compare --floor}): a bare
 * {@link IndexWriter} with {@link PaperIndex}'s settings (analyzer, codec, RAM buffer, one writer thread per core
 * taking 500-paper slices in turn, each thread flushing its own segments before the one commit), fed one of:
 * <ul>
 *   <li>{@code a}: the abstract only, analysed as the product does, with positions, nothing stored;</li>
 *   <li>{@code b}: (a) with the abstract stored (snippets need it);</li>
 *   <li>{@code c}: the product's whole documents ({@link PaperDocuments}), without the ingest path around them
 *       (no deduplication, no id lookups, no per-batch commits and refreshes);</li>
 *   <li>{@code c-F1,F2}: (c) without the fields named F1, F2 (which fields cost what).</li>
 * </ul>
 */
public final class IngestFloor {

    private static final int SLICE = 500;
    private static final FieldType ABSTRACT_ONLY = withPositions(TextField.TYPE_NOT_STORED);
    private static final FieldType ABSTRACT_STORED = withPositions(TextField.TYPE_STORED);

    private IngestFloor() {
    }

    /**
     * Indexes {@code papers} as {@code variant} says into a new index in {@code dir} on {@code threads} threads of
     * {@code pool} (the caller's, so it can read their CPU time before they end); returns the document count.
     */
    public static int index(String variant, List<Paper> papers, Path dir, double ramBufferMb, ExecutorService pool,
            int threads) throws IOException {
        Function<Paper, Document> documents = documents(variant);
        IndexWriterConfig config = new IndexWriterConfig(PaperAnalyzers.create())
                .setCodec(IndexVectors.CODEC)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                .setRAMBufferSizeMB(ramBufferMb);
        try (Directory directory = FSDirectory.open(dir);
             IndexWriter writer = new IndexWriter(directory, config)) {
            AtomicInteger taken = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    for (int from = taken.getAndAdd(SLICE); from < papers.size(); from = taken.getAndAdd(SLICE)) {
                        for (Paper p : papers.subList(from, Math.min(papers.size(), from + SLICE))) {
                            writer.addDocument(documents.apply(p));
                        }
                    }
                    return null;
                }));
            }
            await(futures);
            futures.clear();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    while (writer.flushNextBuffer()) {
                        // one in-memory segment per call
                    }
                    return null;
                }));
            }
            await(futures);
            writer.commit();
            return writer.getDocStats().numDocs;
        }
    }

    static Function<Paper, Document> documents(String variant) {
        switch (variant) {
            case "a":
                return p -> one(p, ABSTRACT_ONLY);
            case "b":
                return p -> one(p, ABSTRACT_STORED);
            case "c":
                return PaperDocuments::toDocument;
            default:
                if (variant.startsWith("c-")) {
                    List<String> drop = Arrays.asList(variant.substring(2).split(","));
                    return p -> {
                        Document d = PaperDocuments.toDocument(p);
                        drop.forEach(d::removeFields);
                        return d;
                    };
                }
                throw new IllegalArgumentException("no floor variant " + variant + " (a, b, c or c-FIELD,...)");
        }
    }

    private static FieldType withPositions(FieldType base) {
        FieldType type = new FieldType(base);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS); // as PaperDocuments' abstract
        type.freeze();
        return type;
    }

    private static Document one(Paper p, FieldType type) {
        Document d = new Document();
        d.add(new Field(Fields.ABSTRACT, p.abstractText(), type));
        return d;
    }

    private static void await(List<Future<?>> futures) throws IOException {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            }
        }
    }
}
