package org.paperscout.digest;

/** Spaces out requests to Discord so the job stays under the global rate limit whatever the number of targets. */
@FunctionalInterface
interface Pacer {

    Pacer NONE = () -> { };

    /** Blocks until the caller may make one more request. */
    void acquire();
}
