package org.paperscout.digest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperscout.commands.Reply;

/** A publisher that keeps "messages" in memory, deduplicates by nonce like Discord, and fails on request. */
final class FakePublisher implements Publisher {

    record Message(String id, String target, LocalDate date, String nonce, Reply reply) {
    }

    private static final Pattern MARKER = Pattern.compile("PaperScout digest (\\d{4}-\\d{2}-\\d{2})");

    final List<Message> messages = new ArrayList<>();
    final List<String> attempts = new ArrayList<>();
    final List<String> told = new ArrayList<>();
    final Map<String, List<String>> missing = new HashMap<>();
    /** Decides a failure per attempt (null: deliver). */
    volatile Function<DigestTarget, PublishException> fault = t -> null;
    /** Which targets this publisher delivers (all by default). */
    volatile java.util.function.Predicate<DigestTarget> serves = t -> true;
    private final AtomicLong ids = new AtomicLong(1000);

    @Override
    public synchronized String publish(DigestTarget target, Reply digest, String nonce) {
        attempts.add(target.key());
        PublishException e = fault.apply(target);
        if (e != null) {
            throw e;
        }
        for (Message m : messages) {
            if (m.target().equals(target.key()) && m.nonce().equals(nonce)) {
                return m.id();
            }
        }
        Matcher matcher = MARKER.matcher(digest.footer() == null ? "" : digest.footer());
        LocalDate date = matcher.find() ? LocalDate.parse(matcher.group(1)) : null;
        Message m = new Message(Long.toString(ids.incrementAndGet()), target.key(), date, nonce, digest);
        messages.add(m);
        return m.id();
    }

    @Override
    public synchronized Optional<String> findDelivered(DigestTarget target, String nonce, String marker, Instant since) {
        return messages.stream().filter(m -> m.target().equals(target.key()))
                .filter(m -> m.nonce().equals(nonce) || (m.reply().footer() != null && m.reply().footer().contains(marker)))
                .map(Message::id).findFirst();
    }

    @Override
    public synchronized List<String> missingPermissions(String guildId, String channelId) {
        return missing.getOrDefault(channelId, List.of());
    }

    @Override
    public synchronized boolean tell(String userId, String text) {
        told.add(userId + ": " + text);
        return true;
    }

    @Override
    public boolean serves(DigestTarget target) {
        return serves.test(target);
    }

    synchronized List<Message> messagesFor(String target) {
        return messages.stream().filter(m -> m.target().equals(target)).toList();
    }

    synchronized long attemptsFor(String target) {
        return attempts.stream().filter(target::equals).count();
    }
}
