package org.paperscout.club;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.paperscout.catalog.Paper;
import org.paperscout.commands.PaperCards;
import org.paperscout.commands.Reply;
import org.paperscout.commands.UserError;
import org.paperscout.i18n.Messages;
import org.paperscout.util.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes the picks whose poll has ended: takes the votes (ending the poll on Discord if it has not ended itself),
 * announces the winner in the channel with its card and opens its discussion thread on that announcement. Each pick
 * is claimed in the store before it is announced, so it is announced at most once even with several processes.
 * Then it posts (or settles) the weekly picks that are due: {@link WeeklyPicks}.
 */
public final class ClubJob implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClubJob.class);

    /** On close, how long a run in progress gets to finish. */
    static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final ClubStore store;
    private final ClubChannels channels;
    private final Discussions discussions;
    private final WeeklyPicks weekly;
    private final Clock clock;
    private final Duration tick;
    private ScheduledExecutorService ticker;

    /** @param tick how often ended polls are looked for (the digest job's tick: a result is as late as a digest) */
    public ClubJob(ClubStore store, ClubChannels channels, ClubCommand command, Clock clock, Duration tick) {
        this.store = store;
        this.channels = channels;
        this.discussions = command.discussions();
        this.weekly = new WeeklyPicks(store, channels, command, clock);
        this.clock = clock;
        this.tick = tick;
    }

    public synchronized void start() {
        if (ticker != null) {
            throw new IllegalStateException("a ClubJob starts once");
        }
        ticker = Executors.newSingleThreadScheduledExecutor(DaemonThreads.numbered("club-ticker"));
        ticker.scheduleWithFixedDelay(this::safeRun, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void safeRun() {
        try {
            runOnce();
        } catch (Throwable t) {
            // A scheduled task that throws is never run again: log and wait for the next tick.
            log.error("club run failed; the next run will try again", t);
        }
    }

    /**
     * Announces every ended pick, then posts the weekly picks that are due (in that order, so last week's pick is
     * closed before this week's would find it still running); returns how many picks were closed.
     */
    public int runOnce() {
        int closed = closeEnded();
        weekly.run();
        return closed;
    }

    /** Announces every ended pick this front end serves; returns how many were closed. */
    int closeEnded() {
        int closed = 0;
        for (Pick pick : store.ended(clock.instant())) {
            if (!channels.serves(pick.guildId())) {
                continue;
            }
            Optional<List<Integer>> votes;
            try {
                votes = channels.endPoll(pick.guildId(), pick.channelId(), pick.messageId());
            } catch (ClubException e) {
                if (e.kind() == ClubException.Kind.TRANSIENT) {
                    log.info("pick {}: votes not readable yet ({}); trying again later", pick.messageId(),
                            e.getMessage());
                    continue;
                }
                votes = Optional.empty();
            }
            if (!store.claim(pick.messageId())) {
                continue;
            }
            closed++;
            announce(pick, votes.orElse(List.of()));
        }
        return closed;
    }

    private void announce(Pick pick, List<Integer> votes) {
        Locale locale = channels.locale(pick.guildId());
        Messages m = Messages.of(locale);
        int best = -1;
        for (int i = 0; i < Math.min(votes.size(), pick.candidates().size()); i++) {
            // Ties go to the earlier answer: the candidates are listed best first.
            if (votes.get(i) > 0 && (best < 0 || votes.get(i) > votes.get(best))) {
                best = i;
            }
        }
        Optional<Paper> winner = best < 0 ? Optional.empty() : discussions.paper(pick.candidates().get(best));
        try {
            if (winner.isEmpty()) {
                channels.post(pick.guildId(), pick.channelId(),
                        Reply.text(m.get("club.winner.none")).inLanguage(locale));
                return;
            }
            Paper paper = winner.get();
            Reply announcement = Reply.builder().title(m.get("club.winner.title"))
                    .text(m.get("club.winner.text", "votes", votes.get(best)))
                    .card(PaperCards.full(locale, paper)).locale(locale).build();
            String messageId = channels.post(pick.guildId(), pick.channelId(), announcement);
            String threadId = null;
            try {
                threadId = discussions.open(pick.guildId(), pick.channelId(), messageId, paper, locale).id();
            } catch (UserError e) {
                log.info("pick {}: winner announced without a thread: {}", pick.messageId(), e.getMessage());
            }
            store.recordResult(pick.messageId(), paper.id(), threadId);
        } catch (ClubException e) {
            log.warn("pick {} in channel {}: result not announced: {}", pick.messageId(), pick.channelId(),
                    e.getMessage());
            winner.ifPresent(p -> store.recordResult(pick.messageId(), p.id(), null));
        }
    }

    /** Stops the ticker and lets a run in progress finish (bounded), so it never outlives the database. */
    @Override
    public synchronized void close() {
        if (ticker == null) {
            return;
        }
        ticker.shutdown();
        try {
            if (!ticker.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                ticker.shutdownNow();
            }
        } catch (InterruptedException e) {
            ticker.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
