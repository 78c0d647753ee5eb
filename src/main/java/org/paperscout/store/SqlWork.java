package org.paperscout.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A unit of work against the database. For {@link Database#write} it runs inside the writer's open
 * {@code BEGIN IMMEDIATE} transaction (possibly together with other callers' work, each in its own savepoint),
 * so it must not begin, commit or roll back itself.
 */
@FunctionalInterface
public interface SqlWork<T> {

    T run(Connection connection) throws SQLException;
}
