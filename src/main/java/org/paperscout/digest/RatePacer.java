package org.paperscout.digest;

import java.util.concurrent.locks.LockSupport;

/**
 * At most {@code perSecond} requests a second, evenly spaced: each caller reserves the next free slot and parks
 * until it. Even spacing (rather than bursts of a full second's budget) keeps the job clear of Discord's global
 * limit of 50/s even when interaction answers share the same token.
 */
final class RatePacer implements Pacer {

    private final long intervalNanos;
    private long nextSlot = System.nanoTime();

    RatePacer(double perSecond) {
        this.intervalNanos = Math.round(1e9 / perSecond);
    }

    @Override
    public void acquire() {
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, nextSlot);
            nextSlot = slot + intervalNanos;
        }
        // Parking is the point here: this is pacing, not waiting for an event that could signal us.
        for (long wait = slot - System.nanoTime(); wait > 0; wait = slot - System.nanoTime()) {
            LockSupport.parkNanos(wait);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }
}
