package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperscout.discord.BotHarness.assertAccepted;
import static org.paperscout.discord.BotHarness.assertNoMentions;
import static org.paperscout.discord.BotHarness.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import org.junit.jupiter.api.Test;
import org.paperscout.discord.local.Interaction;
import org.paperscout.discord.local.Option;
import org.paperscout.discord.local.RecordedCall;
import org.paperscout.discord.local.UserKind;
import org.paperscout.i18n.Messages;

/**
 * The lead's /search, /paper, /similar, /help and "Find similar papers" over the real index of the seeds, through
 * the production bot and JDA against the local Discord.
 */
class RealCommandsEndToEndTest extends LiveBotSuite {

    static final Path SNAPSHOT = Path.of("src/test/resources/discord/commands.json");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private RecordedCall firstAnswer(Interaction i) {
        RecordedCall answer = discord.awaitFirstAnswer(i, WAIT);
        assertThat(discord.answeredInTime(i)).as("answered within 3 s: " + answer).isTrue();
        assertAccepted(answer);
        return answer;
    }

    @Test
    void registeredCommandsMatchTheSnapshot() throws Exception {
        String json = new CommandRegistrar(app.commands(), dataDir).canonicalJson();
        if (Boolean.getBoolean("snapshot.update")) {
            Files.writeString(SNAPSHOT, json, StandardCharsets.UTF_8);
        }
        assertThat(json).isEqualTo(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
        RecordedCall put = discord.awaitRequest(BotHarness::isCommandRegistration, WAIT);
        assertThat(put.json().size()).isEqualTo(app.commands().specs().size() + app.commands().messageActions().size());
        // the localized descriptions (seven languages) pass Discord's schema and its 100-character limit
        assertThat(put.json().get(0).path("description_localizations").path("ja").asText()).isNotBlank();
        // and so do the choices' localized names, which Discord shows in its picker while the values stay English
        JsonNode window = java.util.stream.StreamSupport.stream(put.json().spliterator(), false)
                .filter(c -> c.path("name").asText().equals("pulse")).findFirst().orElseThrow()
                .path("options").findParents("choices").get(0).path("choices");
        for (DiscordLocale locale : CommandRegistrar.LOCALIZED) {
            assertThat(window.get(1).path("name_localizations").path(locale.getLocale()).asText()).as(locale.name())
                    .isEqualTo(Messages.of(locale.toLocale()).get("command.pulse.option.window.choice.1y"));
        }
        assertThat(window.get(1).path("value").asText()).isEqualTo("1y");
        assertThat(discord.validator().isAvailable()).as("Discord's OpenAPI schema is found").isTrue();
        assertAccepted(put);
        BotHarness.assertSchemaValid(discord);
    }

    @Test
    void searchIsAcknowledgedThenEditedWithAPageAndPagingWorks() {
        Interaction i = discord.slash(UserKind.MEMBER, "search", Option.string("query", "memorization diffusion"));
        assertThat(firstAnswer(i).json().path("type").asInt()).isEqualTo(5);
        RecordedCall edit = discord.awaitOriginalEdit(i, WAIT);
        assertAccepted(edit);
        assertNoMentions(edit);
        JsonNode msg = edit.json();
        assertThat(msg.path("embeds").size()).isBetween(2, 6);
        assertThat(msg.path("embeds").get(0).path("title").asText()).startsWith("Results for");
        JsonNode next = msg.path("components").get(0).path("components").get(1);
        assertThat(next.path("label").asText()).contains("Next");

        String messageId = discord.messagesIn(discord.channelId()).stream()
                .filter(m -> m.path("embeds").toString().contains("memorization diffusion"))
                .reduce((a, b) -> b).orElseThrow().path("id").asText();
        Interaction click = discord.button(UserKind.MEMBER, next.path("custom_id").asText(), messageId);
        RecordedCall page2 = firstAnswer(click);
        // Answered directly (7, update) or, on a loaded machine, acknowledged (6) and edited.
        JsonNode paged = page2.json().path("type").asInt() == 7 ? message(page2)
                : discord.awaitOriginalEdit(click, WAIT).json();
        assertThat(paged.path("embeds").get(0).path("footer").path("text").asText()).startsWith("Page 2 of");
        assertThat(paged.path("embeds").get(1).path("title").asText()).startsWith("6. ");
    }

    @Test
    void searchWithNoResultsAnswersPrivately() {
        Interaction i = discord.slash(UserKind.MEMBER, "search", Option.string("query", "zzqqxxnothing"));
        firstAnswer(i);
        RecordedCall followUp = discord.awaitRequest(c -> c.is("POST", "/webhooks/\\d+/" + i.token()), WAIT);
        assertAccepted(followUp);
        assertThat(followUp.json().path("flags").asInt() & 64).isEqualTo(64);
        assertThat(followUp.json().path("content").asText()).contains("No papers match");
    }

    @Test
    void paperAutocompleteThenPaperThenSimilar() {
        RecordedCall choices = firstAnswer(discord.autocomplete(UserKind.MEMBER, "paper",
                Option.focused("paper", "Memor")));
        JsonNode list = choices.json().path("data").path("choices");
        assertThat(list.size()).isBetween(1, 25);
        list.forEach(c -> {
            assertThat(c.path("name").asText()).hasSizeBetween(1, 100);
            assertThat(c.path("value").asText()).hasSizeBetween(1, 100);
        });

        String value = list.get(0).path("value").asText();
        RecordedCall card = firstAnswer(discord.slash(UserKind.MEMBER, "paper", Option.string("paper", value)));
        JsonNode embed = message(card).path("embeds").get(0);
        assertThat(embed.path("title").asText()).isNotBlank();
        assertNoMentions(card);

        Interaction similar = discord.slash(UserKind.MEMBER, "similar", Option.string("paper", value));
        assertThat(firstAnswer(similar).json().path("type").asInt()).as("slow: acknowledged first").isEqualTo(5);
        RecordedCall result = discord.awaitOriginalEdit(similar, WAIT);
        assertAccepted(result);
        assertNoMentions(result);
        assertThat(result.json().path("embeds").size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void fiftyConcurrentSearchesAreAllAcknowledgedInTimeAndAnswered() {
        List<Interaction> all = new java.util.ArrayList<>();
        for (int n = 0; n < 50; n++) {
            all.add(discord.slash(n % 2 == 0 ? UserKind.MEMBER : UserKind.ADMIN, "search",
                    Option.string("query", n % 3 == 0 ? "memorization" : "diffusion models " + n)));
        }
        for (Interaction i : all) {
            firstAnswer(i);
            assertThat(discord.firstAnswerLatency(i).orElseThrow()).isLessThan(Duration.ofSeconds(3));
        }
        for (Interaction i : all) {
            assertAccepted(discord.awaitRequest(c -> c.path().contains(i.token()) && !c.isInteractionCallback(),
                    WAIT));
        }
    }

    @Test
    void helpListsTheCommands() {
        RecordedCall answer = firstAnswer(discord.slash(UserKind.MEMBER, "help"));
        JsonNode embed = message(answer).path("embeds").get(0);
        assertThat(embed.path("description").asText()).contains("/search").contains("/paper").contains("/similar");
        assertThat(message(answer).path("flags").asInt() & 64).isEqualTo(64);
    }

    @Test
    void findSimilarPapersOnAMessage() {
        Interaction i = discord.messageCommand(UserKind.MEMBER, "Find similar papers",
                "Memorized images in diffusion models share a subspace that can be located and deleted");
        RecordedCall answer = firstAnswer(i);
        JsonNode msg = answer.json().path("type").asInt() == 4 ? message(answer)
                : discord.awaitOriginalEdit(i, WAIT).json();
        assertThat(msg.path("embeds").size()).isGreaterThanOrEqualTo(2);
        assertThat(List.of(msg.path("embeds").get(0).path("title").asText())).containsExactly("Papers like this message");
    }

    @Test
    void pulseSendsAValidPngShownInsideTheEmbed() throws Exception {
        // A save on a seed paper now: the chart has engagement to draw whatever dates the seeds carry.
        String title = live.titleOfTopHit("memorization", 0);
        live.answer(discord.slash(UserKind.MEMBER, "save", Option.string("paper", title)));

        LiveBot.Answer pulse = live.answer(discord.slash(UserKind.MEMBER, "pulse",
                Option.string("topic", "memorization"), Option.string("window", "1y")));

        assertThat(pulse.files()).singleElement().satisfies(f -> {
            assertThat(f.filename()).isEqualTo("pulse.png");
            java.awt.image.BufferedImage image = org.paperscout.charts.ChartPixels.decode(f.content());
            assertThat(image.getWidth()).isGreaterThanOrEqualTo(800);
            assertThat(image.getHeight()).isGreaterThanOrEqualTo(400);
        });
        assertThat(pulse.message().path("attachments").get(0).path("filename").asText()).isEqualTo("pulse.png");
        JsonNode embed = pulse.message().path("embeds").get(0);
        assertThat(embed.path("title").asText()).isEqualTo("Pulse of “memorization” · the last year");
        assertThat(embed.path("image").path("url").asText()).isEqualTo("attachment://pulse.png");
        assertThat(embed.path("description").asText()).contains("Most engaged here:").contains(title);

        LiveBot.Answer bad = live.answer(discord.slash(UserKind.MEMBER, "pulse",
                Option.string("topic", "memorization"), Option.string("window", "2w")));
        assertThat(bad.ephemeral()).isTrue();
        assertThat(bad.files()).isEmpty();
        assertThat(bad.message().path("content").asText()).startsWith("window must be 3m, 1y or 5y");
    }
}
