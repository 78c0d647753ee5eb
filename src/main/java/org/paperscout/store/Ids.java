package org.paperscout.store;

/** Argument checks shared by the stores; callers pass ids the front ends produced, never raw user text. */
public final class Ids {

    public static final int MAX_USER_ID = 64;
    public static final int MAX_PAPER_ID = 64;

    private Ids() {
    }

    public static String user(String userId) {
        if (userId == null || userId.isEmpty() || userId.length() > MAX_USER_ID) {
            throw new IllegalArgumentException("bad user id");
        }
        return userId;
    }

    public static String paper(String paperId) {
        if (paperId == null || paperId.isEmpty() || paperId.length() > MAX_PAPER_ID) {
            throw new IllegalArgumentException("bad paper id");
        }
        return paperId;
    }
}
