package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperscout.discord.BotHarness.assertAccepted;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.paperscout.discord.local.Interaction;
import org.paperscout.discord.local.Option;
import org.paperscout.discord.local.RecordedCall;
import org.paperscout.discord.local.UserKind;

/** A user whose Discord client is German, through the real JDA: the interaction's locale decides the words. */
class GermanUserEndToEndTest extends LiveBotSuite {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Override
    String locale() {
        return "de";
    }

    @Test
    void searchAnswersInGermanWithTheTitlesAsIndexed() {
        Interaction i = discord.slash(UserKind.MEMBER, "search", Option.string("query", "goldfish memorization"));
        RecordedCall edit = discord.awaitOriginalEdit(i, WAIT);
        assertAccepted(edit);
        JsonNode msg = edit.json();

        assertThat(msg.path("embeds").get(0).path("title").asText()).isEqualTo("Ergebnisse für „goldfish memorization“");
        assertThat(msg.path("embeds").get(0).path("footer").path("text").asText()).startsWith("Seite 1 von ");
        assertThat(msg.path("embeds").toString()).contains("Be like a Goldfish, Don't Memorize!");
        assertThat(msg.path("components").toString()).contains("Weiter ▶", "Merken");
    }
}
