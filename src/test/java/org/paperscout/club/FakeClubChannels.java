package org.paperscout.club;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.paperscout.commands.Reply;

/** Records what the club asked of its front end; ids count up from 900; a permission can be withheld. */
class FakeClubChannels implements ClubChannels {

    record Thread(String guildId, String channelId, String messageId, String name, Reply firstPost, String id) {
    }

    record Posted(String channelId, Reply message, String id) {
    }

    record Polled(String channelId, ClubPoll poll, String id) {
    }

    final List<Thread> threads = new ArrayList<>();
    final List<Posted> posts = new ArrayList<>();
    final List<Polled> polls = new ArrayList<>();
    final List<String> ended = new ArrayList<>();
    /** Poll message ids by nonce, as Discord's enforce_nonce remembers them. */
    final java.util.Map<String, String> nonces = new java.util.HashMap<>();
    /** Votes endPoll reports; null when the poll's message is gone. */
    List<Integer> votes = List.of();
    /** A permission the bot lacks, or null. */
    String missing;
    /** The server's language. */
    java.util.Locale locale = java.util.Locale.ENGLISH;
    /** The channel's history cannot be read (a transient failure). */
    boolean unreadable;
    /** How often the history was looked through. */
    int lookups;
    private long next = 900;

    @Override
    public java.util.Locale locale(String guildId) {
        return locale;
    }

    @Override
    public String openThread(String guildId, String channelId, String messageId, String name, Reply firstPost) {
        if (missing != null) {
            throw ClubException.missing(missing);
        }
        String id = Long.toString(next++);
        threads.add(new Thread(guildId, channelId, messageId, name, firstPost, id));
        return id;
    }

    @Override
    public String postPoll(String guildId, String channelId, ClubPoll poll, String nonce) {
        if (missing != null) {
            throw ClubException.missing(missing);
        }
        if (nonce != null && nonces.containsKey(nonce)) {
            return nonces.get(nonce);
        }
        String id = Long.toString(next++);
        polls.add(new Polled(channelId, poll, id));
        if (nonce != null) {
            nonces.put(nonce, id);
        }
        return id;
    }

    /** Like Discord's history: the polls still in the channel, matched by nonce or by the marker in the question. */
    @Override
    public Optional<String> findPoll(String guildId, String channelId, String nonce, String marker,
                                     java.time.Instant since) {
        if (unreadable) {
            throw new ClubException(ClubException.Kind.TRANSIENT, "history not readable", null, null);
        }
        lookups++;
        for (Polled p : polls) {
            if (p.channelId().equals(channelId) && (nonce.equals(nonces.entrySet().stream()
                    .filter(e -> e.getValue().equals(p.id())).map(java.util.Map.Entry::getKey).findFirst()
                    .orElse(null)) || p.poll().question().contains(marker))) {
                return Optional.of(p.id());
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<List<Integer>> endPoll(String guildId, String channelId, String messageId) {
        ended.add(messageId);
        return Optional.ofNullable(votes);
    }

    @Override
    public String post(String guildId, String channelId, Reply message) {
        String id = Long.toString(next++);
        posts.add(new Posted(channelId, message, id));
        return id;
    }
}
