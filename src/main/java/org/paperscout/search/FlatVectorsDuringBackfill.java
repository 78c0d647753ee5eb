package org.paperscout.search;

import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.hnsw.FlatVectorsReader;
import org.apache.lucene.codecs.lucene99.Lucene99ScalarQuantizedVectorsFormat;
import org.apache.lucene.index.ByteVectorValues;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues;
import org.apache.lucene.util.quantization.QuantizedVectorsReader;
import org.apache.lucene.util.quantization.ScalarQuantizer;

/**
 * The vectors of segments written while a whole-index backfill runs: the same 7-bit scalar-quantized vectors as
 * {@link IndexVectors#CODEC}'s HNSW format, with no graph; a kNN over such a segment scores every vector in it.
 * A backfill re-adds every paper, and each merge of segments with graphs rebuilds a graph of all their vectors; the
 * merge to one segment after the backfill builds the one graph searched from then on, once. Registered for
 * Lucene's SPI (segments record the format's name), so an index holding such segments opens as any other.
 */
public final class FlatVectorsDuringBackfill extends KnnVectorsFormat {

    static final String NAME = "PaperScoutFlatQuantized";

    private final Lucene99ScalarQuantizedVectorsFormat flat = new Lucene99ScalarQuantizedVectorsFormat(null, 7, false);

    /** For Lucene's SPI. */
    public FlatVectorsDuringBackfill() {
        super(NAME);
    }

    @Override
    public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
        return flat.fieldsWriter(state);
    }

    @Override
    public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
        return new ExactReader(flat.fieldsReader(state));
    }

    @Override
    public int getMaxDimensions(String fieldName) {
        return flat.getMaxDimensions(fieldName);
    }

    /**
     * The flat reader, with a kNN that scores every (accepted) vector of the segment. Its quantized vectors and
     * quantiles stay visible to merges, which reuse them as they do the HNSW format's.
     */
    private static final class ExactReader extends KnnVectorsReader implements QuantizedVectorsReader {
        private final FlatVectorsReader in;

        ExactReader(FlatVectorsReader in) {
            this.in = in;
        }

        @Override
        public QuantizedByteVectorValues getQuantizedVectorValues(String field) throws IOException {
            return ((QuantizedVectorsReader) in).getQuantizedVectorValues(field);
        }

        @Override
        public ScalarQuantizer getQuantizationState(String field) {
            return ((QuantizedVectorsReader) in).getQuantizationState(field);
        }

        @Override
        public void checkIntegrity() throws IOException {
            in.checkIntegrity();
        }

        @Override
        public FloatVectorValues getFloatVectorValues(String field) throws IOException {
            return in.getFloatVectorValues(field);
        }

        @Override
        public ByteVectorValues getByteVectorValues(String field) throws IOException {
            return in.getByteVectorValues(field);
        }

        @Override
        public void search(String field, float[] target, KnnCollector collector, Bits acceptDocs) throws IOException {
            RandomVectorScorer scorer = in.getRandomVectorScorer(field, target);
            if (scorer == null) {
                return;
            }
            for (int ord = 0; ord < scorer.maxOrd(); ord++) {
                int doc = scorer.ordToDoc(ord);
                if (acceptDocs != null && !acceptDocs.get(doc)) {
                    continue;
                }
                collector.incVisitedCount(1);
                collector.collect(doc, scorer.score(ord));
                if (collector.earlyTerminated()) {
                    return; // past the query's visit limit: it scores the filter's documents itself
                }
            }
        }

        @Override
        public void search(String field, byte[] target, KnnCollector collector, Bits acceptDocs) {
            throw new UnsupportedOperationException("the papers' vectors are floats");
        }

        @Override
        public long ramBytesUsed() {
            return in.ramBytesUsed();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
