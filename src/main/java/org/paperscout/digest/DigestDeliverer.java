package org.paperscout.digest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;
import org.paperscout.store.SeenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One target's digest, start to end: plan (the policy), compose, claim (the ledger), publish, record. The same
 * path settles a pending row left by a crash or put off for a retry, after looking for the message first.
 */
final class DigestDeliverer {

    private static final Logger log = LoggerFactory.getLogger(DigestDeliverer.class);

    private final DeliveryLedger ledger;
    private final DeliveryPolicy policy;
    private final DigestContent content;
    private final SeenStore seen;
    private final Publisher publisher;
    private final Pacer pacer;
    private final BooleanSupplier closing;
    /** Told when a snooze's catch-up is settled (sent, or nothing to say): the snooze is over for good. */
    private final Consumer<DigestTarget> caughtUp;
    /** A user's language as /notify daily stored it: Discord tells it only inside an interaction. */
    private final Function<String, Locale> dmLocale;
    /** Targets with a delivery in flight in this process: a run never touches their pending row. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    DigestDeliverer(DeliveryLedger ledger, DeliveryPolicy policy, DigestContent content, SeenStore seen,
                    Publisher publisher, Pacer pacer, BooleanSupplier closing, Consumer<DigestTarget> caughtUp,
                    Function<String, Locale> dmLocale) {
        this.ledger = ledger;
        this.policy = policy;
        this.content = content;
        this.seen = seen;
        this.publisher = publisher;
        this.pacer = pacer;
        this.closing = closing;
        this.caughtUp = caughtUp;
        this.dmLocale = dmLocale;
    }

    boolean inFlight(String targetKey) {
        return inFlight.contains(targetKey);
    }

    /** Delivers the digest due now, if there is one and nobody claimed it yet. */
    void deliver(DigestTarget t, Instant now, Counts counts) {
        Optional<DigestSchedule.Occurrence> due = policy.due(t, now);
        if (due.isEmpty() || ledger.delivery(t.key(), due.get().date()).isPresent()) {
            return;
        }
        DigestSchedule.Occurrence occ = due.get();
        for (DigestSchedule.Occurrence p : policy.missedBefore(t, occ, ledger.latest(t.key()).map(Delivery::date))) {
            record(t, p, Delivery.State.MISSED, p.at(), false, DeliveryPolicy.OFFLINE, counts.missed);
        }
        if (policy.missed(occ.at(), now)) {
            record(t, occ, Delivery.State.MISSED, occ.at(), false, DeliveryPolicy.OFFLINE, counts.missed);
            return;
        }
        boolean late = policy.late(occ.at(), now);
        Instant windowFrom = policy.windowFrom(t, occ, ledger.latestSent(t.key()).map(Delivery::dueAt));
        Composed composed = compose(t, occ, windowFrom, late);
        if (composed.empty() && t.skipEmpty()) {
            record(t, occ, Delivery.State.SKIPPED, windowFrom, late, "nothing new: " + composed.emptyNote(),
                    counts.skipped);
            endCatchUp(t, occ);
            return;
        }
        if (!inFlight.add(t.key())) {
            return;
        }
        try {
            DeliveryLedger.Claim claim = ledger.claim(t, occ.date(), Delivery.State.PENDING, occ.at(), windowFrom,
                    late, null, composed.paperIds());
            if (claim.created()) {
                publish(t, claim.delivery(), composed, now, counts);
            }
        } finally {
            inFlight.remove(t.key());
        }
    }

    /** A row that is final as soon as it is written (missed, skipped): counted only by the run that wrote it. */
    private void record(DigestTarget t, DigestSchedule.Occurrence occ, Delivery.State state, Instant windowFrom,
                        boolean late, String note, AtomicInteger count) {
        if (ledger.claim(t, occ.date(), state, occ.at(), windowFrom, late, note).created()) {
            count.incrementAndGet();
        }
    }

    /** A digest ready to send: the message, the papers it shows, and why it is empty when it is. */
    record Composed(Reply reply, List<String> paperIds, String emptyNote) {
        boolean empty() {
            return paperIds.isEmpty();
        }
    }

    /**
     * Builds a target's digest for an occurrence (package-private for the benchmark, which times exactly this). The
     * first digest after a snooze is its catch-up: the best {@link DeliveryPolicy#CATCH_UP_SIZE} of the whole
     * window, ranked as usual.
     */
    Composed compose(DigestTarget t, DigestSchedule.Occurrence occ, Instant windowFrom, boolean late) {
        if (t.kind() == DigestTarget.Kind.EMERGING) {
            Locale locale = publisher.locale(t);
            return EmergingAlerts.compose(content.emergingTopics(locale), occ.date(), locale);
        }
        boolean catchUp = DeliveryPolicy.catchUp(t, occ);
        if (t.kind() == DigestTarget.Kind.DM) {
            Set<String> shown = seen.seenPaperIds(t.id());
            DigestContent.Ranked ranked = content.recommended(t.id(), shown, occ.at(),
                    catchUp ? DeliveryPolicy.CATCH_UP_SIZE : DigestComposer.DM_SIZE);
            List<String> ids = ranked.picks().stream().map(p -> p.paper().id())
                    .filter(id -> !shown.contains(id)).toList();
            // A personal ranking has no window; what came in meanwhile is the index's new papers of the absence.
            int away = catchUp ? content.trending(windowFrom, occ.at(), null, 0, 0).total() : -1;
            return new Composed(DigestComposer.personal(dmLocale.apply(t.id()), occ.date(), occ.at(),
                    ranked, late, away), ids,
                    "nothing you haven't seen");
        }
        DigestContent.Ranked ranked = content.trending(windowFrom, occ.at(), t.topic(), 0,
                catchUp ? DeliveryPolicy.CATCH_UP_SIZE : t.size());
        List<String> ids = ranked.picks().stream().map(p -> p.paper().id()).toList();
        return new Composed(DigestComposer.channel(publisher.locale(t), t, occ.date(), occ.at(), windowFrom, ranked,
                late, catchUp), ids,
                DigestComposer.emptyReason(windowFrom, occ.at(), t.zone(), t.topic()));
    }

    /** After the catch-up's row is final and went out (or had nothing to say), the target is back to daily. */
    private void endCatchUp(DigestTarget t, DigestSchedule.Occurrence occ) {
        if (DeliveryPolicy.catchUp(t, occ)) {
            caughtUp.accept(t);
        }
    }

    private void publish(DigestTarget t, Delivery d, Composed composed, Instant now, Counts counts) {
        if (DeliveryPolicy.checkPermissionsFirst(t)) {
            // The day's one attempt for a disabled channel: skip the request while the cause is still visible.
            List<String> missing = publisher.missingPermissions(t.guildId(), t.id());
            if (!missing.isEmpty()) {
                ledger.complete(d.id(), Delivery.State.FAILED, null, 0, "still disabled: " + t.disabled());
                counts.failed.incrementAndGet();
                return;
            }
        }
        try {
            pacer.acquire();
            // The pacing wait can outlast the lease: send only while the row is still ours, with a fresh lease.
            if (!ledger.renew(d.id())) {
                log.info("digest for {} on {} was taken over by another process; not sent from here", t.key(),
                        d.date());
                return;
            }
            String messageId = publisher.publish(t, composed.reply(), d.nonce());
            // A DM's papers become "seen" in this same commit (the ledger row carries them since it was written).
            ledger.complete(d.id(), Delivery.State.SENT, messageId, composed.paperIds().size(),
                    composed.empty() ? "nothing new: " + composed.emptyNote() : null);
            counts.sent.incrementAndGet();
            endCatchUp(t, new DigestSchedule.Occurrence(d.date(), d.dueAt()));
            if (t.isDisabled()) {
                ledger.enable(t);
                log.info("digest for {} works again; re-enabled", t.key());
            }
        } catch (PublishException e) {
            failed(t, d, e, now, counts);
        } catch (RuntimeException e) {
            if (closing.getAsBoolean()) {
                // The row stays pending: the next start settles it (finds the message, or sends it again).
                log.info("digest for {} on {} stopped by shutdown ({})", t.key(), d.date(), e.toString());
                return;
            }
            log.warn("digest for {} on {} failed unexpectedly", t.key(), d.date(), e);
            failed(t, d, new PublishException(PublishException.Kind.TRANSIENT, "an unexpected error", e), now, counts);
        }
    }

    private void failed(DigestTarget t, Delivery d, PublishException e, Instant now, Counts counts) {
        DeliveryPolicy.Outcome outcome = policy.afterFailure(t, d, e, now);
        switch (outcome.action()) {
            case RETRY -> {
                ledger.retryLater(d.id(), outcome.retryAt(), outcome.note());
                counts.retrying.incrementAndGet();
            }
            case FAIL -> {
                ledger.complete(d.id(), Delivery.State.FAILED, null, 0, outcome.note());
                counts.failed.incrementAndGet();
                if (e.kind() == PublishException.Kind.REJECTED) {
                    log.error("Discord refused the digest for {} on {}: {}", t.key(), d.date(), e.reason(), e);
                }
            }
            case DISABLE -> {
                ledger.complete(d.id(), Delivery.State.FAILED, null, 0, outcome.note());
                counts.failed.incrementAndGet();
                if (t.kind() == DigestTarget.Kind.EMERGING) {
                    // An alert has no disabled state of its own; the channel's digest row is not its to pause.
                    log.warn("emerging-topics alert for {} failed: {}", t.key(), e.reason());
                    return;
                }
                boolean tellAdmin = ledger.disable(t, e.reason());
                log.warn("digest for {} disabled: {}", t.key(), e.reason());
                if (tellAdmin && t.adminId() != null) {
                    tellAdmin(t, e.reason());
                }
            }
        }
    }

    private void tellAdmin(DigestTarget t, String reason) {
        pacer.acquire();
        boolean told = publisher.tell(t.adminId(), "The daily paper digest you set for " + Text.channel(t.id())
                + " is paused: " + reason + ". Fix it and run /digest set again, or remove it with "
                + "/digest off. /digest status shows the details.");
        if (!told) {
            log.info("could not tell the admin of {} by DM", t.key());
        }
    }

    /**
     * A pending row nobody in this process is sending: a crash left it, or a server error asked for a retry. Taken
     * over first (only one process may settle it), then look in the channel; send again (same nonce) only when the
     * digest is not there.
     */
    void settle(DigestTarget t, Delivery d, Instant now, Counts counts) {
        if (t == null) {
            if (ledger.takeOver(d.id())) {
                ledger.complete(d.id(), Delivery.State.FAILED, null, 0, "the digest was removed before it went out");
            }
            return;
        }
        if (!inFlight.add(t.key())) {
            return;
        }
        try {
            if (!ledger.takeOver(d.id())) {
                return; // another process got it first, or still holds it
            }
            Optional<String> found;
            try {
                pacer.acquire();
                String marker = t.kind() == DigestTarget.Kind.EMERGING ? EmergingAlerts.marker(d.date())
                        : DigestComposer.marker(d.date());
                found = publisher.findDelivered(t, d.nonce(), marker,
                        d.dueAt().minus(Duration.ofMinutes(5)));
            } catch (PublishException e) {
                failed(t, d, e, now, counts);
                return;
            }
            if (found.isPresent()) {
                ledger.complete(d.id(), Delivery.State.SENT, found.get(), d.papers(), null);
                counts.settled.incrementAndGet();
                endCatchUp(t, new DigestSchedule.Occurrence(d.date(), d.dueAt()));
                return;
            }
            if (policy.expired(t, d, now)) {
                ledger.complete(d.id(), Delivery.State.MISSED, null, 0, "not delivered before the grace window ended");
                counts.missed.incrementAndGet();
                return;
            }
            boolean late = d.late() || policy.late(d.dueAt(), now);
            Composed composed = compose(t, new DigestSchedule.Occurrence(d.date(), d.dueAt()), d.windowFrom(), late);
            if (!composed.paperIds().equals(d.paperIds())) {
                // What goes out now is what becomes seen once it is marked sent.
                ledger.updatePapers(d.id(), composed.paperIds());
            }
            publish(t, d, composed, now, counts);
        } finally {
            inFlight.remove(t.key());
        }
    }

    /** What one run did, counted from the sender threads. */
    static final class Counts {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger settled = new AtomicInteger();
        final AtomicInteger missed = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger retrying = new AtomicInteger();

        DigestJob.RunSummary summary() {
            return new DigestJob.RunSummary(sent.get(), settled.get(), missed.get(), skipped.get(), failed.get(),
                    retrying.get());
        }
    }
}
