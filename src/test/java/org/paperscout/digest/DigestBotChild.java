package org.paperscout.digest;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.paperscout.FrontEnd;
import org.paperscout.PaperScout;
import org.paperscout.config.Settings;

/**
 * The bot process of {@link DigestKillTest}: the real composition root, the real JDA bot against the test's local
 * Discord, and the digest job started as {@code Main run} starts it. Its clock runs {@code offset} ahead of the
 * real one (the local Discord's clock has the same offset), so each restart can be hours later. It prints
 * {@code started} once digests run, and shuts down gracefully when its standard input closes; the test mostly
 * kills it with SIGKILL instead.
 *
 * <p>Arguments: data folder, REST URL, gateway URL, clock offset in milliseconds.
 */
public final class DigestBotChild {

    private DigestBotChild() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> values = new HashMap<>();
        values.put("data.dir", args[0]);
        values.put("discord.rest-url", args[1]);
        values.put("discord.gateway-url", args[2]);
        values.put("digest.tick", "1s");
        // Restarts are an hour apart on the test's clock: the grace window covers a long crash loop.
        values.put("digest.grace", "23h");
        // A slower pace keeps each delivery's pending row open long enough for kills to land inside it.
        values.put("digest.sends-per-second", "15");
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.ofMillis(Long.parseLong(args[3])));
        PaperScout app = PaperScout.open(Settings.of(values), clock, FrontEnd.discord("local-test-token.0000.abcdef"));
        app.startDiscord();
        app.startDigests();
        System.out.println("started");
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // wait for the test to close our input
            }
        }
        app.close();
    }
}
