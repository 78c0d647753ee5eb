package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperscout.discord.local.UserKind.ADMIN;
import static org.paperscout.discord.local.UserKind.DM;
import static org.paperscout.discord.local.UserKind.MEMBER;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.paperscout.discord.LiveBot.Answer;
import org.paperscout.discord.local.Interaction;
import org.paperscout.discord.local.Option;

/**
 * The same personal commands when the bot acknowledges first and answers afterwards, as it does on a loaded machine
 * ({@code discord.defer-after=1ms} makes nearly every answer go that way): the answer must still be private, carry
 * its file, and replace the message a button sits on. And in a direct message with the bot.
 */
class DeferredStoreEndToEndTest extends LiveBotSuite {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Answer> answers = new ArrayList<>();

    @Override
    Map<String, String> settings() {
        return Map.of("discord.defer-after", "1ms");
    }

    private Answer answer(Interaction i) {
        Answer a = live.answer(i);
        answers.add(a);
        return a;
    }

    @Test
    void acknowledgedFirstThenAnsweredPrivatelyWithFilesAndInPlaceEdits() throws Exception {
        String title = live.titleOfTopHit("diffusion memorization", 0);
        assertThat(answer(discord.slash(ADMIN, "save", Option.string("paper", title))).ephemeral()).isTrue();

        Answer export = answer(discord.slash(ADMIN, "export", Option.string("format", "json")));
        assertThat(export.ephemeral()).isTrue();
        assertThat(export.files()).hasSize(1);
        assertThat(JSON.readTree(export.files().get(0).content()).path("papers").get(0).path("title").asText())
                .isEqualTo(title);
        assertThat(export.message().path("attachments").get(0).path("filename").asText())
                .isEqualTo("paperscout-library.json");

        Answer library = answer(discord.slash(ADMIN, "library"));
        assertThat(library.ephemeral()).isTrue();
        Answer read = answer(discord.button(ADMIN, library.verb("lib-read").get(0), library.id()));
        assertThat(read.id()).as("the list itself is edited").isEqualTo(library.id());
        assertThat(read.message().path("embeds").get(0).path("title").asText())
                .isEqualTo("Your library: 1 paper, 0 unread");

        Answer myData = answer(discord.slash(ADMIN, "my-data"));
        assertThat(myData.ephemeral()).isTrue();
        assertThat(myData.files()).hasSize(1);

        Answer ask = answer(discord.slash(ADMIN, "forget-me"));
        Answer done = answer(discord.button(ADMIN, ask.verb("forget-yes").get(0), ask.id()));
        assertThat(done.id()).isEqualTo(ask.id());
        assertThat(done.message().path("content").asText()).contains("I deleted everything stored about you");
        assertThat(done.message().path("components")).isEmpty();
        assertThat(live.rowsMentioning(discord.userIdOf(ADMIN))).allSatisfy((t, n) -> assertThat(n).as(t).isZero());

        // A public command whose answer turns out to be a private error: nobody else sees a "thinking…" left over.
        Answer error = answer(discord.slash(MEMBER, "trending", Option.string("window", "year")));
        assertThat(error.ephemeral()).isTrue();
        assertThat(error.shown()).contains("window must be day, week or month");
        if (error.first().json().path("type").asInt() == 5) {
            assertThat(error.first().json().path("data").path("flags").asInt() & 64).isZero();
            discord.awaitRequest(c -> c.is("DELETE", "/webhooks/\\d+/" + Pattern.quote(
                    error.first().path().split("/")[3]) + "/messages/@original"), LiveBot.WAIT);
            String thinking = error.first().response().path("interaction").path("response_message_id").asText();
            assertThat(discord.message(thinking)).as("the public acknowledgement is removed").isEmpty();
        }

        // A button whose answer is a new private message (not an edit of the public card it sits on).
        Answer trending = answer(discord.slash(MEMBER, "trending"));
        assertThat(trending.ephemeral()).isFalse();
        Answer vote = answer(discord.button(MEMBER, trending.verb("vote-up").get(0), trending.id()));
        assertThat(vote.id()).isNotEqualTo(trending.id());
        assertThat(vote.ephemeral()).isTrue();
        assertThat(vote.shown()).contains("Noted 👍");
        assertThat(discord.message(trending.id()).orElseThrow().path("embeds"))
                .as("the public cards are unchanged").isEqualTo(trending.message().path("embeds"));

        long acknowledged = answers.stream().filter(a -> a.first().json().path("type").asInt() == 5
                || a.first().json().path("type").asInt() == 6).count();
        assertThat(acknowledged).as("the deferred path was exercised").isPositive();
    }

    @Test
    void personalCommandsWorkInADirectMessage() {
        Answer follow = answer(discord.slash(DM, "follow",
                Option.sub("author", Option.string("name", "Grace Hopper"))));
        assertThat(follow.shown()).contains("Following author “Grace Hopper”");
        Answer following = answer(discord.slash(DM, "following"));
        assertThat(following.message().path("channel_id").asText()).isEqualTo(discord.dmChannelId());
        assertThat(following.message().path("embeds").get(0).path("description").asText())
                .contains("Authors: “Grace Hopper”");
        // The same person in the server sees the same list.
        assertThat(answer(discord.slash(MEMBER, "following")).message().path("embeds").toString())
                .contains("Grace Hopper");
    }
}
