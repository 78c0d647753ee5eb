package org.paperscout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.store.Database;
import org.paperscout.store.EmbeddedPg;
import org.paperscout.store.StoreConfig;
import org.paperscout.store.StoreLocation;

class MigrateStoreCommandTest {

    @TempDir
    Path dir;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void copiesTheDataFolderStoreToPostgresAndReportsTheCountsWithoutThePassword() throws Exception {
        Path data = dir.resolve("data");
        try (Database db = Database.open(data, StoreConfig.defaults(), Clock.systemUTC())) {
            db.write(c -> c.createStatement().executeUpdate("INSERT INTO follows (user_id, kind, text, text_key, "
                    + "created_at) VALUES ('u1', 'topic', 'Unlearning', 'unlearning', 1), ('u2', 'author', 'Ada', 'ada', 2)"));
        }
        String url = EmbeddedPg.newDatabaseUrl();

        int code = run(data, "migrate-store", "--to", url);

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).containsPattern("follows\\s+2 rows").contains("the row counts match");
        assertThat(printed + err.toString(StandardCharsets.UTF_8)).doesNotContain("not-a-real-secret");
        try (Database pg = Database.openPostgres(StoreLocation.postgres(url, "postgres", null), StoreConfig.defaults())) {
            assertThat(pg.<Long>read(c -> {
                try (ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM follows")) {
                    r.next();
                    return r.getLong(1);
                }
            })).isEqualTo(2L);
        }
    }

    @Test
    void aUrlThatIsNotPostgresGetsAClearUsageMessage() {
        int code = run(dir.resolve("data"), "migrate-store", "--to", "jdbc:mysql://localhost/paperscout");

        assertThat(code).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("starts with jdbc:postgresql://");
    }

    private int run(Path data, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("PAPERSCOUT_DATA_DIR", data.toString());
        env.put("PAPERSCOUT_STORE_USER", "postgres");
        // The embedded server trusts local connections, so any password works; it must never be printed.
        env.put("PAPERSCOUT_STORE_PASSWORD", "not-a-real-secret");
        return Main.execute(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true),
                new PrintStream(err, true), env);
    }
}
