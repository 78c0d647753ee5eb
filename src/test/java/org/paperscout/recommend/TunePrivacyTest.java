package org.paperscout.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.paperscout.store.Engine;
import org.paperscout.store.Database;
import org.paperscout.privacy.PrivacyStore;
import org.paperscout.store.TestClock;

@ParameterizedClass
@EnumSource(Engine.class)
class TunePrivacyTest {

    @Parameter
    Engine engine;


    @Test
    void forgetMeDeletesTheUsersMixAndMyDataExportsIt(@TempDir Path dir) {
        TestClock clock = TestClock.at("2026-03-10T12:00:00Z");
        try (Database db = engine.open(dir, clock)) {
            TuneStore tunes = new TuneStore(db, clock);
            tunes.set("u1", new Tune(20, 60, 20));
            tunes.set("u2", new Tune(0, 100, 0));
            PrivacyStore privacy = new PrivacyStore(db);
            assertThat(privacy.export("u1").get("tune")).hasSize(1);
            assertThat(privacy.forget("u1")).containsEntry("tune", 1);
            assertThat(tunes.get("u1")).isEmpty();
            assertThat(tunes.get("u2")).contains(new Tune(0, 100, 0));
        }
    }
}
