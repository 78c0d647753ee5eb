package org.paperscout.store;

/**
 * Something outside the database that remembers a user (a cache of their recommendations, a pending
 * confirmation): /forget-me calls every registered hook after deleting the user's rows.
 */
@FunctionalInterface
public interface ForgetHook {

    void forgetUser(String userId);
}
