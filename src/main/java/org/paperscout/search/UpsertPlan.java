package org.paperscout.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BinaryOperator;
import org.apache.lucene.search.IndexSearcher;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperIds;

/**
 * What an upsert writes, worked out before anything is written. {@link #dedupe} resolves the papers given among
 * themselves: the last record for an id wins, and a record with its own id wins over a title-only copy (a title-hash
 * id) of the same title. {@link #against} compares a run of the deduplicated papers with the stored ones.
 */
final class UpsertPlan {

    /** The deduplicated papers in input order, and each one's normalised title (computed once per paper). */
    record Deduped(List<Paper> papers, Map<Paper, String> norms) {
    }

    /** To write; {@code replacing} have a stored document under their id. */
    final List<Paper> toWrite = new ArrayList<>();
    /** Ids of stored title-only copies that papers with their own id replace, deleted before the writes. */
    final List<String> deleting = new ArrayList<>();
    final Set<String> replacing = new HashSet<>();
    final Map<String, String> storedText = new HashMap<>();
    Map<String, float[]> keptVectors = Map.of();
    int added;
    int updated;
    int unchanged;

    private UpsertPlan() {
    }

    static Deduped dedupe(Collection<Paper> papers) {
        Map<String, Paper> byId = new LinkedHashMap<>();
        Set<String> titlesWithOwnId = new HashSet<>();
        // Normalised once per paper: three calls each on this one thread were 2% of a bulk ingest's profile.
        Map<Paper, String> norms = new IdentityHashMap<>();
        for (Paper p : papers) {
            String norm = PaperIds.normaliseTitle(p.title());
            norms.put(p, norm);
            if (isTitleOnly(p)) {
                if (!titlesWithOwnId.contains(norm)) {
                    byId.put(p.id(), p);
                }
            } else {
                byId.remove(PaperIds.forTitle(p.title()));
                titlesWithOwnId.add(norm);
                byId.put(p.id(), p);
            }
        }
        return new Deduped(new ArrayList<>(byId.values()), norms);
    }

    /**
     * Compares {@code papers} (deduplicated) with what {@code searcher} sees; writes nothing: the caller applies
     * the plan.
     */
    static UpsertPlan against(IndexSearcher searcher, List<Paper> papers,
            Map<Paper, String> norms, BinaryOperator<Paper> merge) throws IOException {
        UpsertPlan plan = new UpsertPlan();
        // Besides each paper's own id: the title-only copy a paper with its own id replaces, and, for a
        // title-only paper, whether a paper with its own id already has that title.
        List<String> ids = new ArrayList<>();
        List<String> titlesOfTitleOnly = new ArrayList<>();
        for (Paper p : papers) {
            ids.add(p.id());
            if (isTitleOnly(p)) {
                titlesOfTitleOnly.add(norms.get(p));
            } else {
                ids.add(PaperIds.forTitle(p.title()));
            }
        }
        Map<String, Paper> storedById = KeywordLookups.findAll(searcher, Fields.ID, ids);
        Map<String, Paper> storedByTitle = KeywordLookups.findAll(searcher, Fields.TITLE_NORM, titlesOfTitleOnly);
        for (Paper paper : papers) {
            Optional<Paper> sameId = Optional.ofNullable(storedById.get(paper.id()));
            Optional<Paper> sameTitle = sameId.isPresent() ? Optional.empty() : isTitleOnly(paper)
                    ? Optional.ofNullable(storedByTitle.get(norms.get(paper)))
                    : Optional.ofNullable(storedById.get(PaperIds.forTitle(paper.title())));
            if (sameId.isPresent()) {
                Paper merged = merge.apply(sameId.get(), paper);
                if (sameId.get().equals(merged)) {
                    plan.unchanged++;
                } else {
                    plan.toWrite.add(merged);
                    plan.replacing.add(merged.id());
                    plan.storedText.put(merged.id(), Embedder.paperText(sameId.get()));
                    plan.updated++;
                }
            } else if (sameTitle.isPresent()) {
                Paper stored = sameTitle.get();
                if (isTitleOnly(paper)) {
                    plan.unchanged++; // the record with its own id is the better one; a title-only copy adds nothing
                } else {
                    plan.deleting.add(stored.id());
                    plan.toWrite.add(paper);
                    plan.updated++;
                }
            } else {
                plan.toWrite.add(paper);
                plan.added++;
            }
        }
        plan.keptVectors = IndexVectors.read(searcher, plan.replacing);
        return plan;
    }

    /** The source gave no id: the id is a hash of the title ({@link PaperIds#forTitle}). */
    static boolean isTitleOnly(Paper p) {
        return p.id().startsWith(PaperIds.TITLE_HASH_PREFIX);
    }
}
