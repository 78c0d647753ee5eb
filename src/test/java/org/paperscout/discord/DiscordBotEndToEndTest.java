package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperscout.discord.BotHarness.assertAccepted;
import static org.paperscout.discord.BotHarness.assertNoMentions;
import static org.paperscout.discord.BotHarness.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.commands.Invocation;
import org.paperscout.discord.local.Interaction;
import org.paperscout.discord.local.LocalDiscord;
import org.paperscout.discord.local.Option;
import org.paperscout.discord.local.RecordedCall;
import org.paperscout.discord.local.UserKind;

/**
 * The production bot (real JDA) against the local Discord: every answer is checked as Discord would see it, and
 * every body the bot sends is validated against Discord's OpenAPI schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiscordBotEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dataDir;
    private LocalDiscord discord;
    private BotHarness harness;

    @BeforeAll
    void start() {
        discord = LocalDiscord.start();
        harness = new BotHarness(discord, dataDir, Map.of()).start();
    }

    @AfterAll
    void stop() {
        if (harness != null) {
            harness.bot.close();
        }
        if (discord != null) {
            discord.close();
        }
    }

    @AfterEach
    void everyBodyMatchesDiscordsSchema() {
        BotHarness.assertSchemaValid(discord);
    }

    private RecordedCall firstAnswer(Interaction i) {
        RecordedCall answer = discord.awaitFirstAnswer(i, WAIT);
        assertThat(discord.answeredInTime(i)).as("answered within 3 s: " + answer).isTrue();
        assertAccepted(answer);
        return answer;
    }

    /** The bot's latest message in the test channel (what a button click sits on). */
    private String lastBotMessageId() {
        List<JsonNode> messages = discord.messagesIn(discord.channelId());
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).path("author").path("id").asText().equals(discord.botUserId())) {
                return messages.get(i).path("id").asText();
            }
        }
        throw new AssertionError("no bot message in " + messages);
    }

    @Test
    void startUpRegistersEveryCommandGloballyAsTheSnapshotSays() throws Exception {
        RecordedCall put = discord.awaitRequest(c -> c.is("PUT", "/applications/\\d+/commands"), WAIT);
        assertAccepted(put);
        CommandRegistrar registrar = new CommandRegistrar(harness.fakes.commands(), dataDir);
        assertThat(canonical(put.json().toString())).isEqualTo(java.nio.file.Files.readString(
                CommandRegistrarTest.SNAPSHOT));
        assertThat(discord.registeredCommands("global")).extracting(c -> c.path("name").asText())
                .containsExactly("search", "paper", "similar", "help", "slowsearch", "following", "digest",
                        "export", "Find similar papers");
        assertThat(registrar.lastStamp()).isPresent();
        // GUILDS only (JDA always asks for it): no privileged intent.
        assertThat(discord.identifiedIntents()).isEqualTo("1");
    }

    private static String canonical(String json) throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper()
                .enable(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        return mapper.writeValueAsString(mapper.readValue(json, Object.class)) + "\n";
    }

    @Test
    @DisplayName("/search answers with a header, five cards, paging buttons and a select menu; nobody is pinged")
    void searchShowsAPageOfResults() {
        Interaction i = discord.slash(UserKind.MEMBER, "search", Option.string("query", "memorization"),
                Option.string("sort", "newest"));
        RecordedCall answer = firstAnswer(i);

        assertThat(answer.json().path("type").asInt()).isEqualTo(4);
        JsonNode msg = message(answer);
        assertNoMentions(answer);
        assertThat(msg.path("flags").asInt() & 64).as("search results are public").isZero();
        assertThat(msg.path("embeds")).hasSize(6);
        assertThat(msg.path("embeds").get(0).path("title").asText()).isEqualTo("Results for memorization");
        assertThat(msg.path("components")).hasSize(2);
        assertThat(msg.path("components").get(0).path("components").get(1).path("custom_id").asText())
                .isEqualTo("ps1:page:1");
        assertThat(msg.path("components").get(1).path("components").get(0).path("options")).hasSize(15);

        Invocation inv = last(harness.fakes.invocations, "search");
        assertThat(inv.userId()).isEqualTo(discord.memberUserId());
        assertThat(inv.guildId()).isEqualTo(discord.guildId());
        assertThat(inv.channelId()).isEqualTo(discord.channelId());
        assertThat(inv.options()).containsEntry("query", "memorization").containsEntry("sort", "newest");
        assertThat(inv.canManageServer()).isFalse();
        assertThat(inv.locale().toLanguageTag()).isEqualTo("en-US");
    }

    @Test
    @DisplayName("titles with @everyone, role mentions, markdown and masked links render literally and ping nobody")
    void untrustedTextIsEscapedAndPingsNobody() {
        Interaction i = discord.slash(UserKind.MEMBER, "search", Option.string("query", "@everyone <@&123>"));
        RecordedCall answer = firstAnswer(i);
        JsonNode embeds = message(answer).path("embeds");

        assertNoMentions(answer);
        assertThat(embeds.get(0).path("title").asText()).isEqualTo("Results for \\@everyone \\<\\@&123\\>");
        assertThat(embeds.get(1).path("title").asText())
                .isEqualTo("1. \\@everyone \\<\\@&123\\> \\*\\*bold\\*\\* \\[x\\](http://evil) # heading");
        assertThat(embeds.get(1).path("description").asText()).contains("**memorization**")
                .contains("\\@everyone").doesNotContain("[x](");
        JsonNode stored = discord.messagesIn(discord.channelId()).stream()
                .filter(m -> m.path("interaction_metadata").path("id").asText().equals(i.id())
                        || m.path("embeds").toString().contains("Results for \\\\@everyone"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(stored.path("mention_everyone").asBoolean()).isFalse();
        assertThat(stored.path("mention_roles")).isEmpty();
        assertThat(stored.path("mentions")).isEmpty();
    }

    @Test
    void paperWithAHugeAbstractAndThreeHundredAuthorsFitsDiscordsLimits() {
        Interaction i = discord.slash(UserKind.MEMBER, "paper", Option.string("paper", "2401.00002"));
        RecordedCall answer = firstAnswer(i);

        JsonNode card = message(answer).path("embeds").get(0);
        assertThat(card.path("author").path("name").asText()).endsWith(" and 297 more");
        assertThat(card.path("description").asText()).hasSizeBetween(3000, 4096).endsWith("…");
        assertThat(card.path("url").asText()).isEqualTo("https://arxiv.org/abs/2401.00002");
        assertThat(card.path("fields").get(3).path("value").asText()).isEqualTo("• you asked for it");
    }

    @Test
    void paperNotFoundIsAPrivateFriendlyError() {
        Interaction i = discord.slash(UserKind.MEMBER, "paper", Option.string("paper", "nope"));
        RecordedCall answer = firstAnswer(i);

        assertThat(answer.json().path("type").asInt()).isEqualTo(4);
        assertThat(message(answer).path("flags").asInt() & 64).isEqualTo(64);
        assertThat(message(answer).path("content").asText()).isEqualTo("No paper nope. Try /search nope.");
    }

    @Test
    void helpIsAnEmbedWithLiteralText() {
        RecordedCall answer = firstAnswer(discord.slash(UserKind.DM, "help"));
        JsonNode embed = message(answer).path("embeds").get(0);
        assertThat(embed.path("title").asText()).isEqualTo("PaperScout help");
        assertThat(embed.path("description").asText()).endsWith("\n\\* not a list");
        assertThat(last(harness.fakes.invocations, "help").guildId()).isNull();
    }

    @Test
    @DisplayName("/similar is marked slow: acknowledged at once, then the original response is edited")
    void slowMarkedCommandIsDeferredThenEdited() {
        Interaction i = discord.slash(UserKind.MEMBER, "similar", Option.string("paper", "2401.00003"),
                Option.integer("count", 3));
        RecordedCall ack = firstAnswer(i);
        assertThat(ack.json().path("type").asInt()).isEqualTo(5);
        assertThat(ack.json().path("data").path("flags").asInt() & 64).as("public thinking").isZero();

        RecordedCall edit = discord.awaitOriginalEdit(i, WAIT);
        assertAccepted(edit);
        assertNoMentions(edit);
        assertThat(edit.json().path("embeds")).hasSize(6);
        assertThat(last(harness.fakes.invocations, "similar").options()).containsEntry("count", 3L);
    }

    @Test
    @DisplayName("an error after a public acknowledgement is sent privately and the public one removed")
    void errorAfterPublicDeferralStaysPrivate() {
        Interaction i = discord.slash(UserKind.MEMBER, "similar", Option.string("paper", "missing"));
        assertThat(firstAnswer(i).json().path("type").asInt()).isEqualTo(5);

        RecordedCall followUp = discord.awaitRequest(c -> c.is("POST", "/webhooks/\\d+/" + i.token()), WAIT);
        assertAccepted(followUp);
        assertNoMentions(followUp);
        assertThat(followUp.json().path("flags").asInt() & 64).isEqualTo(64);
        assertThat(followUp.json().path("content").asText()).isEqualTo("No paper called missing. Try /search missing.");
        RecordedCall delete = discord.awaitRequest(
                c -> c.is("DELETE", "/webhooks/\\d+/" + i.token() + "/messages/@original"), WAIT);
        assertAccepted(delete);
    }

    @Test
    @DisplayName("a search still running at the deadline is acknowledged in time and edited later; never a late first answer")
    void slowSearchIsDeferredByTheDeadlineThenEdited() {
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        harness.fakes.slowGate = gate;
        try {
            Interaction i = discord.slash(UserKind.MEMBER, "slowsearch", Option.string("query", "slow"));
            RecordedCall ack = firstAnswer(i);
            assertThat(ack.json().path("type").asInt()).as("deferred while the search is held").isEqualTo(5);
            assertThat(discord.responsesFor(i)).as("nothing but the acknowledgement while the search is held")
                    .containsExactly(ack);

            gate.countDown();

            RecordedCall edit = discord.awaitOriginalEdit(i, WAIT);
            assertAccepted(edit);
            assertNoMentions(edit);
            assertThat(edit.json().path("embeds").get(0).path("title").asText()).isEqualTo("Results for slow");
            assertThat(discord.callbacksFor(i)).hasSize(1);
        } finally {
            gate.countDown();
            harness.fakes.slowGate = null;
        }
    }

    @Test
    void exportIsAPrivateEditCarryingTheFile() {
        Interaction i = discord.slash(UserKind.MEMBER, "export");
        RecordedCall ack = firstAnswer(i);
        assertThat(ack.json().path("type").asInt()).isEqualTo(5);
        assertThat(ack.json().path("data").path("flags").asInt() & 64).as("personal: private thinking").isEqualTo(64);

        RecordedCall edit = discord.awaitOriginalEdit(i, WAIT);
        assertAccepted(edit);
        assertNoMentions(edit);
        assertThat(edit.files()).hasSize(1);
        assertThat(edit.files().get(0).filename()).isEqualTo("library.bib");
        assertThat(edit.files().get(0).text()).isEqualTo("@article{x, title={@everyone}}");
        assertThat(edit.json().path("content").asText()).isEqualTo("Your library (1 paper).");
    }

    @Test
    void personalCommandIsPrivate() {
        RecordedCall answer = firstAnswer(discord.slash(UserKind.MEMBER, "following"));
        assertThat(message(answer).path("flags").asInt() & 64).isEqualTo(64);
    }

    @Test
    void pagingButtonReplacesTheResultsMessage() {
        firstAnswer(discord.slash(UserKind.MEMBER, "search", Option.string("query", "memorization")));
        String messageId = lastBotMessageId();

        Interaction click = discord.button(UserKind.MEMBER, "ps1:page:1", messageId);
        RecordedCall answer = firstAnswer(click);

        assertThat(answer.json().path("type").asInt()).as("update message").isEqualTo(7);
        assertNoMentions(answer);
        JsonNode msg = message(answer);
        assertThat(msg.path("embeds").get(1).path("title").asText()).startsWith("6. ");
        assertThat(msg.path("embeds").get(0).path("footer").path("text").asText()).isEqualTo("Page 2 of 3");
        assertThat(discord.message(messageId).orElseThrow().path("embeds").get(0).path("footer").path("text")
                .asText()).isEqualTo("Page 2 of 3");
    }

    @Test
    void expandFromTheSelectMenuShowsTheWholeAbstract() {
        firstAnswer(discord.slash(UserKind.MEMBER, "search", Option.string("query", "memorization")));
        String messageId = lastBotMessageId();

        Interaction pick = discord.select(UserKind.MEMBER, "ps1:pick:0", messageId,
                List.of("ps1:expand:2401.00002"));
        RecordedCall answer = firstAnswer(pick);

        assertThat(answer.json().path("type").asInt()).isEqualTo(4);
        JsonNode card = message(answer).path("embeds").get(0);
        assertThat(card.path("description").asText()).hasSizeGreaterThan(3000);
        assertNoMentions(answer);
    }

    @Test
    void saveButtonAnswersPrivately() {
        Interaction click = discord.button(UserKind.MEMBER, "ps1:save:2401.00003", null);
        RecordedCall answer = firstAnswer(click);
        assertThat(answer.json().path("type").asInt()).isEqualTo(4);
        assertThat(message(answer).path("flags").asInt() & 64).isEqualTo(64);
        assertThat(message(answer).path("content").asText()).startsWith("Saved Diffusion paper 3");
    }

    @Test
    void unknownButtonSaysItExpired() {
        RecordedCall answer = firstAnswer(discord.button(UserKind.MEMBER, "ps0:old:thing", null));
        assertThat(message(answer).path("content").asText()).isEqualTo("This button has expired. Run the command again.");
        assertThat(message(answer).path("flags").asInt() & 64).isEqualTo(64);
    }

    @Test
    @DisplayName("autocomplete answers at once with at most 25 choices of at most 100 characters")
    void autocompleteIsCappedAndDirect() {
        Interaction i = discord.autocomplete(UserKind.MEMBER, "paper", Option.focused("paper", "diff"));
        RecordedCall answer = firstAnswer(i);

        assertThat(answer.json().path("type").asInt()).isEqualTo(8);
        JsonNode choices = answer.json().path("data").path("choices");
        assertThat(choices).hasSize(25);
        for (JsonNode c : choices) {
            assertThat(c.path("name").asText()).hasSizeBetween(1, 100).startsWith("diff");
            assertThat(c.path("value").asText()).hasSizeBetween(1, 100);
        }
    }

    @Test
    void messageCommandFindsSimilarPapersFromTheMessageText() {
        Interaction i = discord.messageCommand(UserKind.MEMBER, "Find similar papers",
                "have you read https://arxiv.org/abs/2305.00118 ?");
        RecordedCall answer = firstAnswer(i);

        assertThat(answer.json().path("type").asInt()).isEqualTo(4);
        assertThat(message(answer).path("embeds")).hasSize(6);
        assertThat(harness.fakes.messageTexts).contains("have you read https://arxiv.org/abs/2305.00118 ?");
        assertThat(last(harness.fakes.invocations, "Find similar papers").userId())
                .isEqualTo(discord.memberUserId());
    }

    @Test
    void manageServerCommandIsCheckedAtRunTime() {
        RecordedCall refused = firstAnswer(discord.slash(UserKind.MEMBER, "digest",
                Option.sub("set", Option.channel("channel", discord.channelId()), Option.string("time", "09:00"))));
        assertThat(message(refused).path("content").asText()).contains("Manage Server");
        assertThat(message(refused).path("flags").asInt() & 64).isEqualTo(64);

        RecordedCall done = firstAnswer(discord.slash(UserKind.ADMIN, "digest",
                Option.sub("set", Option.channel("channel", discord.channelId()), Option.string("time", "09:00"))));
        assertThat(message(done).path("content").asText()).startsWith("Digest set");
        Invocation inv = last(harness.fakes.invocations, "digest");
        assertThat(inv.canManageServer()).isTrue();
        assertThat(inv.subcommand()).isEqualTo("set");
        assertThat(inv.options()).containsEntry("channel", discord.channelId()).containsEntry("time", "09:00");
    }

    @Test
    @DisplayName("50 concurrent /search interactions are all answered within Discord's 3 s (latency figures: bench interaction)")
    void fiftyConcurrentSearchesAreAllAnsweredInTime() {
        List<Interaction> all = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            all.add(discord.slash(n % 2 == 0 ? UserKind.MEMBER : UserKind.ADMIN, "search",
                    Option.string("query", "q" + n)));
        }
        for (Interaction i : all) {
            firstAnswer(i);
        }
    }

    @Test
    @DisplayName("gateway dropped without a close frame: the bot resumes and answers the next command")
    void afterTheGatewayDropsTheBotResumesAndAnswers() {
        int resumes = discord.resumeCount();
        discord.dropGateway();
        discord.awaitResumes(resumes + 1, WAIT);

        RecordedCall answer = firstAnswer(discord.slash(UserKind.MEMBER, "search", Option.string("query", "again")));
        assertThat(message(answer).path("embeds").get(0).path("title").asText()).isEqualTo("Results for again");
    }

    @Test
    void afterTheGatewayClosesTheBotResumesAndAnswers() {
        int resumes = discord.resumeCount();
        discord.closeGateway(4000, "unknown error");
        discord.awaitResumes(resumes + 1, WAIT);

        RecordedCall answer = firstAnswer(discord.slash(UserKind.MEMBER, "help"));
        assertThat(message(answer).path("embeds").get(0).path("title").asText()).isEqualTo("PaperScout help");
    }

    private static Invocation last(Iterable<Invocation> invocations, String command) {
        Invocation found = null;
        for (Invocation inv : invocations) {
            if (inv.command().equals(command)) {
                found = inv;
            }
        }
        assertThat(found).as("an invocation of " + command).isNotNull();
        return found;
    }
}
