package org.paperscout.commands;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.paperscout.search.SearchRequest;

/**
 * The searches behind paging buttons. A button id has room for a short key only, so the query and options live
 * here, bounded and expiring; an expired key means "run the search again", never an error. Each entry remembers
 * who searched, so /forget-me drops that person's searches and nobody else's.
 */
public final class ResultPages {

    public static final int DEFAULT_MAX_ENTRIES = 20_000;
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(30);
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    /** A remembered search and the user who ran it. */
    private record Entry(String userId, SearchRequest request) {
    }

    private final Cache<String, Entry> searches;
    private final SecureRandom random = new SecureRandom();

    public ResultPages(int maxEntries, Duration ttl, Ticker ticker) {
        this.searches = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterAccess(ttl).ticker(ticker).build();
    }

    public ResultPages() {
        this(DEFAULT_MAX_ENTRIES, DEFAULT_TTL, Ticker.systemTicker());
    }

    /** Remembers {@code userId}'s search (offset ignored) and returns its key. */
    public String remember(String userId, SearchRequest request) {
        char[] key = new char[10];
        for (int i = 0; i < key.length; i++) {
            key[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        String k = new String(key);
        searches.put(k, new Entry(userId, request));
        return k;
    }

    /**
     * The search behind a key, whoever asks: a search posted in a channel pages for everyone who reads it.
     */
    public Optional<SearchRequest> recall(String key) {
        return Optional.ofNullable(searches.getIfPresent(key)).map(Entry::request);
    }

    /** Forgets the searches {@code userId} ran (the /forget-me hook); everyone else's pages keep working. */
    public void forgetUser(String userId) {
        searches.asMap().values().removeIf(e -> e.userId().equals(userId));
    }
}
