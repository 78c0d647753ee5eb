package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperscout.discord.BotHarness.assertAccepted;
import static org.paperscout.discord.BotHarness.assertNoMentions;
import static org.paperscout.discord.BotHarness.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.paperscout.discord.local.Interaction;
import org.paperscout.discord.local.Option;
import org.paperscout.discord.local.RecordedCall;
import org.paperscout.discord.local.UserKind;

/** /recommend, its follow buttons and /trending through the production bot and JDA against the local Discord. */
class RecommendEndToEndTest extends LiveBotSuite {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private JsonNode answer(Interaction i) {
        RecordedCall first = discord.awaitFirstAnswer(i, WAIT);
        assertThat(discord.answeredInTime(i)).as("answered within 3 s: " + first).isTrue();
        assertAccepted(first);
        assertNoMentions(first);
        if (first.json().path("type").asInt() == 4 || first.json().path("type").asInt() == 7) {
            return message(first);
        }
        RecordedCall edit = discord.awaitOriginalEdit(i, WAIT);
        assertAccepted(edit);
        return edit.json();
    }

    @Test
    void aNewMemberGetsTheStarterFollowsATopicWithOneClickThenGetsRecommendations() {
        JsonNode starter = answer(discord.slash(UserKind.MEMBER, "recommend"));
        assertThat(starter.path("flags").asInt() & 64).as("only the member sees it").isEqualTo(64);
        assertThat(starter.toString()).contains("You don't follow anything yet");
        JsonNode followRow = starter.path("components").get(0).path("components");
        assertThat(followRow.size()).isEqualTo(3);
        JsonNode follow = followRow.get(0);
        assertThat(follow.path("label").asText()).startsWith("Follow “");
        String topic = follow.path("label").asText().replaceAll("^Follow “|”$", "");

        String messageId = discord.messagesIn(discord.channelId()).stream().reduce((a, b) -> b)
                .map(m -> m.path("id").asText()).orElse("1");
        JsonNode followed = answer(discord.button(UserKind.MEMBER, follow.path("custom_id").asText(), messageId));
        assertThat(followed.toString()).contains("Following topic");

        JsonNode page = answer(discord.slash(UserKind.MEMBER, "recommend", Option.string("show", "new")));
        assertThat(page.path("embeds").toString()).contains("matches your topic '" + topic + "'");
    }

    @Test
    void trendingOnAFreshInstallSaysWhereItsOrderComesFrom() {
        JsonNode trending = answer(discord.slash(UserKind.MEMBER, "trending", Option.string("window", "month")));
        assertThat(trending.toString()).contains("Trending this month").contains("Nobody here has voted");
    }
}
