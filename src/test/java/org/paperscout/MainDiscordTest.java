package org.paperscout;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.discord.local.LocalDiscord;
import org.slf4j.LoggerFactory;

/** The CLI's start-up with DISCORD_TOKEN set, against the local Discord. */
class MainDiscordTest {

    @TempDir
    Path dir;

    @Test
    void rejectedTokenExitsNonZeroWithOneLineAndNoToken() throws Exception {
        String token = "rejected.Token." + System.nanoTime();
        try (LocalDiscord discord = LocalDiscord.builder().acceptedToken("the-right-token").start()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Map<String, String> env = Map.of(
                    "DISCORD_TOKEN", token,
                    "PAPERSCOUT_DISCORD_REST_URL", discord.restBaseUrl(),
                    "PAPERSCOUT_DISCORD_GATEWAY_URL", discord.gatewayUrl(),
                    "PAPERSCOUT_DATA_DIR", dir.resolve("data").toString(),
                    "PAPERSCOUT_SEEDS_DIR", System.getProperty("paperscout.seeds", "seeds"));

            // An empty config file: only the environment above counts (a missing --config file is refused).
            Path config = java.nio.file.Files.writeString(dir.resolve("empty.properties"), "");
            int code = Main.execute(new String[] {"--config", config.toString(), "run"},
                    new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), env);

            String errText = err.toString(StandardCharsets.UTF_8);
            assertThat(code).isEqualTo(Main.EXIT_FAILURE);
            assertThat(errText).doesNotContain(token).doesNotContain("\tat ").doesNotContain("Exception");
            assertThat(errText.lines().filter(l -> l.contains("DISCORD_TOKEN")).toList())
                    .containsExactly("Discord rejected the token in DISCORD_TOKEN (401 Unauthorized): copy the bot "
                            + "token again from the Discord developer portal.");
            assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(token);
        }
    }

    @Test
    void nothingListeningExitsNonZeroWithOneCleanLineAndNoLibraryErrors() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort(); // closed again before the bot starts: nothing listens there
        }
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        log.start();
        root.addAppender(log);
        try {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Map<String, String> env = Map.of(
                    "DISCORD_TOKEN", "dummy.token.nothing-listens",
                    "PAPERSCOUT_DISCORD_REST_URL", "http://127.0.0.1:" + port + "/api/v10/",
                    "PAPERSCOUT_DISCORD_GATEWAY_URL", "ws://127.0.0.1:" + port + "/gateway",
                    "PAPERSCOUT_DATA_DIR", dir.resolve("data").toString(),
                    "PAPERSCOUT_SEEDS_DIR", System.getProperty("paperscout.seeds", "seeds"));

            // An existing, empty config file: a --config that does not exist is refused before Discord is tried.
            Path config = java.nio.file.Files.writeString(dir.resolve("empty.properties"), "");
            int code = Main.execute(new String[] {"--config", config.toString(), "run"},
                    new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream(), true,
                            StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);

            assertThat(code).isEqualTo(Main.EXIT_FAILURE);
            List<String> lines = err.toString(StandardCharsets.UTF_8).lines()
                    // the seeds' progress and the start-up line naming the config and seeds used
                    .filter(l -> !l.startsWith("indexed ") && !l.startsWith("Config: ")).toList();
            assertThat(lines).containsExactly("Can't reach Discord at http://127.0.0.1:" + port
                    + "/api/v10/: connection refused. Check discord.rest-url and that the server there is running.");
            // What the default log level lets through to standard error: nothing, least of all JDA's own ERROR.
            assertThat(log.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                    .extracting(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage())
                    .isEmpty();
        } finally {
            root.detachAppender(log);
        }
    }
}
