package org.paperscout.discord.local;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;

import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

/**
 * The real JDA client connected to a {@link LocalDiscord}, for tests until (and besides) the production adapter's own
 * builder: {@code JDABuilder.createLight} with no gateway intents, REST moved with {@link RestConfig#setBaseUrl}, the
 * gateway moved with a {@link ConcurrentSessionController} whose {@code getGateway()} answers the local URL (RestConfig
 * does not move it, and a plain JDABuilder never asks {@code GET /gateway/bot}), no compression, no shutdown hook.
 *
 * <pre>{@code
 * try (LocalDiscord discord = LocalDiscord.start();
 *      LocalJda bot = LocalJda.connect(discord, new MyListener())) {
 *     ...
 * }   // JDA shuts down first, then the server
 * }</pre>
 */
public final class LocalJda implements AutoCloseable {

    /** The token used by {@link #connect}; any token without whitespace works unless the server restricts it. */
    public static final String TOKEN = "local-test-token.0000.abcdef";
    /** How long {@link #close()} waits for a graceful shutdown before forcing it. */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private final JDA jda;

    private LocalJda(JDA jda) {
        this.jda = jda;
    }

    /** Builds JDA against the server, registers the listeners, and waits until it is READY with the guild cached. */
    public static LocalJda connect(LocalDiscord discord, Object... listeners) {
        JDA jda = builder(discord, TOKEN).addEventListeners(listeners).build();
        try {
            jda.awaitReady();
        } catch (InterruptedException e) {
            jda.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting", e);
        }
        return new LocalJda(jda);
    }

    /**
     * A JDABuilder pointed at the server, for tests that need other settings (intents, listeners, a different token).
     * {@code build()} performs {@code GET users/@me} at once and throws InvalidTokenException on 401.
     */
    public static JDABuilder builder(LocalDiscord discord, String token) {
        String gateway = discord.gatewayUrl();
        return JDABuilder.createLight(token, EnumSet.noneOf(GatewayIntent.class))
                .setRestConfig(new RestConfig().setBaseUrl(discord.restBaseUrl()))
                .setSessionController(new ConcurrentSessionController() {
                    @Override
                    public String getGateway() {
                        return gateway;
                    }
                })
                .setCompression(Compression.NONE)
                .setEnableShutdownHook(false);
    }

    public JDA jda() {
        return jda;
    }

    /** Graceful shutdown (in-flight requests finish), forced after {@link #SHUTDOWN_WAIT}. */
    @Override
    public void close() {
        jda.shutdown();
        try {
            if (!jda.awaitShutdown(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                jda.shutdownNow();
                jda.awaitShutdown(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            jda.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
