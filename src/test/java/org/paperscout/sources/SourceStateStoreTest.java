package org.paperscout.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperscout.store.Database;
import org.paperscout.store.Engine;
import org.paperscout.store.TestClock;

@ParameterizedClass
@EnumSource(Engine.class)
class SourceStateStoreTest {

    @Parameter
    Engine engine;

    @TempDir
    Path dir;

    @Test
    void aSavedStateReadsBackAsSavedAndASecondSaveReplacesIt() {
        try (Database db = engine.open(dir, TestClock.at("2026-11-28T10:00:00Z"))) {
            SourceStateStore store = new SourceStateStore(db);
            assertThat(store.get("arxiv")).isEqualTo(SourceState.fresh("arxiv"));

            SourceState polled = new SourceState("arxiv", "2411.01234", LocalDate.of(2026, 11, 27),
                    new HttpFetcher.Validators("https://export.arxiv.org/api/query?x", "\"etag-1\"", "Fri, 27 Nov 2026"),
                    2, Instant.parse("2026-11-28T09:00:00Z"), Instant.parse("2026-11-28T08:00:00Z"), 12, 3,
                    5_000_000_000L, 7, 1, "HTTP 503", Instant.parse("2026-11-28T11:00:00Z"));
            store.save(polled);
            assertThat(store.get("arxiv")).isEqualTo(polled);

            SourceState recovered = new SourceState("arxiv", "2411.09999", null, HttpFetcher.Validators.NONE, 0, null,
                    null, 0, 0, 0, 0, 0, null, null);
            store.save(recovered);
            assertThat(store.get("arxiv")).isEqualTo(recovered);
            assertThat(store.get("hf")).isEqualTo(SourceState.fresh("hf"));
        }
    }
}
