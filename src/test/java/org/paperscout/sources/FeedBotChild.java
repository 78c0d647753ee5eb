package org.paperscout.sources;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.paperscout.PaperScout;
import org.paperscout.config.Settings;
import org.paperscout.search.SearchRequest;

/**
 * A bot process of {@link SourcesAcrossProcessesTest}: the real composition root on a PostgreSQL store, polling
 * the test's arXiv stand-in when it leads and following the shared papers feed as {@code Main run} does. It
 * prints {@code started}, then answers lines on its standard input: {@code search WORDS} with {@code hits ID,...}
 * (the ids /search shows, best first) and {@code leader?} with {@code leader true|false}.
 *
 * <p>Arguments: data folder, store url, arXiv url, user agent (so the test can tell whose requests it got).
 */
public final class FeedBotChild {

    private FeedBotChild() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> values = new HashMap<>();
        values.put("data.dir", args[0]);
        values.put("store.url", args[1]);
        values.put("store.user", "postgres");
        values.put("sources.arxiv.url", args[2]);
        values.put("sources.user-agent", args[3]);
        values.put("sources.hf.enabled", "false");
        values.put("sources.arxiv.categories", "cs.CL, cs.LG");
        values.put("sources.arxiv.page-size", "2");
        values.put("sources.arxiv.min-interval", "0s");
        values.put("sources.poll-interval", "1s");
        values.put("sources.follow-interval", "300ms");
        try (PaperScout app = PaperScout.open(Settings.of(values), Clock.systemUTC())) {
            app.startSources();
            System.out.println("started");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("search ")) {
                    System.out.println("hits " + app.search().search(SearchRequest.of(line.substring(7), 5)).hits()
                            .stream().map(h -> h.paper().id()).collect(Collectors.joining(",")));
                } else if (line.equals("leader?")) {
                    System.out.println("leader " + app.sources().leads());
                }
                System.out.flush();
            }
        }
    }
}
