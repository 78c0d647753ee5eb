package org.paperscout.club;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paperscout.catalog.Paper;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled picks, each week's exactly once, with the digests' rules: the week's run row is claimed (pending,
 * with the candidates and a nonce derived from its key) before the poll is posted, and completed with the poll's id
 * after. A row left pending (a crash between posting and recording, or an attempt that failed) is settled once its
 * lease ends: by one process, which looks for the poll in the channel (by nonce, or by the marker in its question)
 * and records it when found, else posts it again with the same nonce.
 */
final class WeeklyPicks {

    private static final Logger log = LoggerFactory.getLogger(WeeklyPicks.class);

    /** A weekly pick found later than this after its time (the bot was down) is recorded as missed, not posted. */
    static final Duration GRACE = Duration.ofHours(24);
    /** Looked for from a little before the claim: the claiming host's clock may run behind Discord's. */
    static final Duration LOOKBACK = Duration.ofMinutes(5);

    private final ClubStore store;
    private final WeeklyRuns runs;
    private final ClubChannels channels;
    private final ClubCommand command;
    private final Clock clock;

    WeeklyPicks(ClubStore store, ClubChannels channels, ClubCommand command, Clock clock) {
        this.store = store;
        this.runs = store.runs();
        this.channels = channels;
        this.command = command;
        this.clock = clock;
    }

    /** Each schedule's latest due week, posted or settled; returns how many polls this run posted or recorded. */
    int run() {
        int done = 0;
        Instant now = clock.instant();
        for (Schedule s : store.schedules()) {
            if (!channels.serves(s.guildId())) {
                continue;
            }
            ZonedDateTime due = s.lastDue(now);
            if (due.toInstant().isBefore(s.effectiveFrom())) {
                continue;
            }
            LocalDate week = due.toLocalDate();
            Optional<WeeklyRuns.Run> run = runs.run(s.channelId(), week);
            try {
                if (run.isEmpty()) {
                    done += first(s, week, due.toInstant(), now) ? 1 : 0;
                } else if (run.get().pending()) {
                    done += settle(s, run.get(), due.toInstant(), now) ? 1 : 0;
                }
            } catch (UserError e) {
                // Left pending under its lease: a later tick settles it (e.g. once a permission is given).
                log.info("weekly pick in channel {} not posted yet: {}", s.channelId(), e.getMessage());
            }
        }
        return done;
    }

    /** The week's first attempt: claimed, then posted, then recorded. */
    private boolean first(Schedule s, LocalDate week, Instant due, Instant now) {
        String nonce = nonce(s.channelId(), week);
        if (Duration.between(due, now).compareTo(GRACE) > 0) {
            runs.claim(s.guildId(), s.channelId(), week, "missed", nonce, List.of());
            return false;
        }
        if (store.running(s.guildId(), s.channelId()).isPresent()) {
            runs.claim(s.guildId(), s.channelId(), week, "skipped", nonce, List.of());
            return false;
        }
        List<Paper> candidates = candidates(s);
        if (candidates.size() < ClubCommand.MIN_CANDIDATES) {
            log.info("weekly pick in channel {} for {} skipped: {} candidate(s) from {}", s.channelId(), week,
                    candidates.size(), s.source());
            runs.claim(s.guildId(), s.channelId(), week, "skipped", nonce, List.of());
            return false;
        }
        if (!runs.claim(s.guildId(), s.channelId(), week, "pending", nonce,
                candidates.stream().map(Paper::id).toList())) {
            return false;
        }
        return post(s, week, candidates, nonce);
    }

    /**
     * A pending row whose lease ended: taken over (one process wins), then looked for in the channel, recorded if
     * there, posted again with the same nonce if not (and missed once the week's grace is over).
     */
    private boolean settle(Schedule s, WeeklyRuns.Run run, Instant due, Instant now) {
        if (!runs.takeOver(s.channelId(), run.date())) {
            return false; // still held (by us or by another process), or another process got it first
        }
        Optional<String> found;
        try {
            found = channels.findPoll(s.guildId(), s.channelId(), run.nonce(), marker(run.date()),
                    run.createdAt().minus(LOOKBACK));
        } catch (ClubException e) {
            // Not knowing whether it is there, posting could make a second one: try again when the lease ends.
            log.info("weekly pick in channel {} for {}: channel not readable ({}); settling later", s.channelId(),
                    run.date(), e.getMessage());
            return false;
        }
        if (found.isPresent()) {
            Instant started = run.createdAt();
            store.savePick(new Pick(found.get(), s.guildId(), s.channelId(), run.candidates(), started,
                    started.plus(s.duration()), null, null, null));
            runs.complete(s.channelId(), run.date(), "sent", found.get());
            log.info("weekly pick in channel {} for {} was posted before a restart; recorded", s.channelId(),
                    run.date());
            return true;
        }
        if (Duration.between(due, now).compareTo(GRACE) > 0) {
            runs.complete(s.channelId(), run.date(), "missed", null);
            return false;
        }
        List<Paper> candidates = papers(run.candidates());
        if (candidates.size() < ClubCommand.MIN_CANDIDATES) {
            // A row from before candidates were kept, or papers gone from the index since: choose again.
            candidates = candidates(s);
        }
        if (candidates.size() < ClubCommand.MIN_CANDIDATES) {
            runs.complete(s.channelId(), run.date(), "skipped", null);
            return false;
        }
        return post(s, run.date(), candidates, run.nonce());
    }

    private boolean post(Schedule s, LocalDate week, List<Paper> candidates, String nonce) {
        if (!runs.renew(s.channelId(), week)) {
            return false;
        }
        Pick pick = command.post(s.guildId(), s.channelId(), candidates, s.duration(), channels.locale(s.guildId()),
                nonce, marker(week));
        runs.complete(s.channelId(), week, "sent", pick.messageId());
        return true;
    }

    /** The schedule's papers as /club pick would choose them, a library read as the admin who set it. */
    private List<Paper> candidates(Schedule s) {
        Invocation asAdmin = s.userId() == null ? null : new Invocation(s.userId(), null, s.guildId(),
                s.channelId(), channels.locale(s.guildId()), "club", "schedule", Map.of(), false);
        return command.candidates(asAdmin, s.source(), s.channelId(), s.candidates());
    }

    private List<Paper> papers(List<String> ids) {
        List<Paper> out = new ArrayList<>();
        for (String id : ids) {
            command.discussions().paper(id).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The nonce of a channel's weekly pick: derived from its run row's key, so every attempt for that week carries
     * the same one. Discord caps nonces at 25 characters: {@code c} + yyyyMMdd + 16 hex = 25.
     */
    static String nonce(String channelId, LocalDate week) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest(channelId.getBytes(StandardCharsets.UTF_8));
            return "c" + DateTimeFormatter.BASIC_ISO_DATE.format(week)
                    + HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    /**
     * What a weekly poll's question ends with, the same in every language: a poll cannot carry text besides its
     * question, and the channel's history need not echo the nonce, so this is how a restart surely recognises it.
     */
    static String marker(LocalDate week) {
        return "PaperScout weekly pick " + week;
    }
}
