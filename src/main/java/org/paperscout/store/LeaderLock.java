package org.paperscout.store;

/**
 * Elects the one process that does a job every process could do (polling the paper sources). On SQLite there is
 * only one process (the data-folder lock sees to it), so it always leads; on PostgreSQL a session-level advisory
 * lock on a connection of its own decides, and a leader that dies ends its session, which frees the lock for
 * another process's next {@link #tryLead}.
 */
public interface LeaderLock extends AutoCloseable {

    /**
     * Asks to lead, or confirms the lead is still held; cheap enough to call every few seconds. Never throws: a
     * store that cannot be reached means "not the leader" (another process may hold the lock by now).
     */
    boolean tryLead();

    /** What the last {@link #tryLead} found, without asking the store again. */
    boolean leading();

    /** Gives the lead up (the lock's connection closes). */
    @Override
    void close();

    /** A lock that is always held: one process, one store. */
    static LeaderLock always() {
        return new LeaderLock() {
            @Override
            public boolean tryLead() {
                return true;
            }

            @Override
            public boolean leading() {
                return true;
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    /**
     * The lock named {@code name} for the store at {@code location}: {@link #always()} on SQLite, an advisory lock
     * on PostgreSQL (no connection is opened until the first {@link #tryLead}).
     */
    static LeaderLock forStore(StoreLocation location, String name) {
        return location.isPostgres() ? new PgLeaderLock(location, name) : always();
    }
}
