package org.paperscout.store;

import java.util.Properties;
import org.paperscout.config.Settings;

/**
 * Where the store lives: SQLite in the data folder (no url, the default) or a PostgreSQL database
 * ({@code store.url = jdbc:postgresql://host:5432/paperscout}). The user and password come from
 * {@code PAPERSCOUT_STORE_USER} and {@code PAPERSCOUT_STORE_PASSWORD}; {@link #toString} never shows them, nor
 * the url's query string, which may carry them too.
 */
public final class StoreLocation {

    public static final String URL = "store.url";
    public static final String USER = "store.user";
    public static final String PASSWORD = "store.password";

    private final String url;
    private final String user;
    private final String password;

    private StoreLocation(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** SQLite in the data folder. */
    public static StoreLocation dataFolder() {
        return new StoreLocation(null, null, null);
    }

    /** A PostgreSQL database; {@code user} and {@code password} may be null (then the url or the server decides). */
    public static StoreLocation postgres(String url, String user, String password) {
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("a PostgreSQL store url starts with jdbc:postgresql://, e.g. "
                    + "jdbc:postgresql://localhost:5432/paperscout");
        }
        return new StoreLocation(url, user, password);
    }

    public static StoreLocation from(Settings settings) {
        String url = settings.optionalString(URL).orElse(null);
        if (url == null) {
            return dataFolder();
        }
        if (!url.startsWith("jdbc:postgresql://")) {
            throw settings.invalid(URL, "empty (SQLite in the data folder) or jdbc:postgresql://host:port/database");
        }
        return postgres(url, settings.optionalString(USER).orElse(null), settings.optionalString(PASSWORD).orElse(null));
    }

    public boolean isPostgres() {
        return url != null;
    }

    /** The JDBC url; null for the data folder. Holds no password unless the operator put one in it. */
    String url() {
        return url;
    }

    Properties credentials() {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    @Override
    public String toString() {
        if (url == null) {
            return "SQLite in the data folder";
        }
        int query = url.indexOf('?');
        return "PostgreSQL " + (query < 0 ? url : url.substring(0, query));
    }
}
