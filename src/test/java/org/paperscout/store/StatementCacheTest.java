package org.paperscout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kept statements behave as fresh ones: parameters cleared, nested use of one text apart, closed means closed. */
class StatementCacheTest {

    @TempDir
    Path dir;

    @Test
    void aClosedStatementIsReusedWithItsParametersClearedAndNestedUseGetsItsOwn() throws Exception {
        try (Connection raw = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"))) {
            try (Statement s = raw.createStatement()) {
                s.execute("CREATE TABLE t (k TEXT, v INTEGER)");
            }
            Connection c = StatementCache.wrap(raw);
            String insert = "INSERT INTO t (k, v) VALUES (?, ?)";
            PreparedStatement firstDelegate;
            try (PreparedStatement p = c.prepareStatement(insert)) {
                p.setString(1, "a");
                p.setInt(2, 1);
                p.executeUpdate();
                // The same text while the first is open: a second statement, both usable.
                try (PreparedStatement q = c.prepareStatement(insert)) {
                    q.setString(1, "b");
                    q.setInt(2, 2);
                    q.executeUpdate();
                }
                firstDelegate = p.unwrap(PreparedStatement.class);
            }
            try (PreparedStatement again = c.prepareStatement(insert)) {
                assertThat(again.unwrap(PreparedStatement.class)).isSameAs(firstDelegate);
                // Parameters of the last use are gone: binding only one leaves v NULL, not 1.
                again.setString(1, "c");
                again.executeUpdate();
            }
            try (PreparedStatement q = c.prepareStatement("SELECT k, v FROM t ORDER BY k");
                 ResultSet r = q.executeQuery()) {
                StringBuilder rows = new StringBuilder();
                while (r.next()) {
                    rows.append(r.getString(1)).append('=').append(r.getObject(2)).append(' ');
                }
                assertThat(rows.toString()).isEqualTo("a=1 b=2 c=null ");
            }
            PreparedStatement closed = c.prepareStatement(insert);
            closed.close();
            assertThat(closed.isClosed()).isTrue();
            assertThatThrownBy(() -> closed.setString(1, "d")).isInstanceOf(SQLException.class);
        }
    }
}
