package org.paperscout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.discord.local.LocalDiscord;

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
}
