package org.paperscout.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The writer connection as its work sees it, with SQLite's compiled statements kept between uses: a save prepared
 * four statements (count, exists, insert, event) on every call, and compiling them was a large share of the writer
 * thread's time per save, the thread every write of a batch waits for. {@code prepareStatement(sql)} hands out an
 * idle statement of the same text (its parameters cleared) or compiles one; closing it puts it back instead of
 * finalizing it. A statement still open when the same text is asked for again (nested use) gets a fresh one.
 * At most {@value #MAX_IDLE} are kept, the least recently used closed first. One thread only: the writer's.
 * (PostgreSQL's driver keeps its own server-side statement cache; this is for SQLite.)
 */
final class StatementCache implements InvocationHandler {

    static final int MAX_IDLE = 64;

    private final Connection target;
    private final Map<String, PreparedStatement> idle = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() > MAX_IDLE) {
                closeQuietly(eldest.getValue());
                return true;
            }
            return false;
        }
    };

    private StatementCache(Connection target) {
        this.target = target;
    }

    /** {@code target} with its single-text {@code prepareStatement} calls cached. */
    static Connection wrap(Connection target) {
        return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new StatementCache(target));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
            String sql = (String) args[0];
            PreparedStatement kept = idle.remove(sql);
            PreparedStatement statement = kept != null && !kept.isClosed() ? kept : target.prepareStatement(sql);
            return lease(sql, statement);
        }
        if (method.getName().equals("close") && (args == null || args.length == 0)) {
            idle.values().forEach(StatementCache::closeQuietly);
            idle.clear();
        }
        return call(method, target, args);
    }

    private PreparedStatement lease(String sql, PreparedStatement statement) {
        boolean[] returned = {false};
        return (PreparedStatement) Proxy.newProxyInstance(StatementCache.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (p, m, a) -> {
                    if (m.getName().equals("close") && (a == null || a.length == 0)) {
                        if (!returned[0]) {
                            returned[0] = true;
                            giveBack(sql, statement);
                        }
                        return null;
                    }
                    if (m.getName().equals("isClosed") && (a == null || a.length == 0)) {
                        return returned[0] || statement.isClosed();
                    }
                    if (returned[0]) {
                        throw new SQLException("statement is closed");
                    }
                    return call(m, statement, a);
                });
    }

    private void giveBack(String sql, PreparedStatement statement) {
        try {
            statement.clearParameters();
            statement.clearBatch();
        } catch (SQLException e) {
            closeQuietly(statement);
            return;
        }
        PreparedStatement previous = idle.put(sql, statement);
        if (previous != null && previous != statement) {
            closeQuietly(previous);
        }
    }

    private static Object call(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // a statement we no longer keep
        }
    }
}
