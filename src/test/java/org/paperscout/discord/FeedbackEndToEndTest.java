package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperscout.discord.local.UserKind.ADMIN;
import static org.paperscout.discord.local.UserKind.MEMBER;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperscout.discord.LiveBot.Answer;
import org.paperscout.discord.local.Option;
import org.paperscout.discord.local.UserKind;

/**
 * Feedback buttons on /recommend and /trending cards, /trending and /tune through the production bot and JDA
 * against the local Discord. Trending is recomputed on every call here ({@code trending.cache-ttl=0s}) so a vote
 * shows at once.
 */
class FeedbackEndToEndTest extends LiveBotSuite {

    @Override
    Map<String, String> settings() {
        return Map.of("trending.cache-ttl", "0s");
    }

    /** The paper ids of a page's cards, in order, read from their "not interested" buttons. */
    private static List<String> paperIds(Answer page) {
        List<String> ids = new ArrayList<>();
        for (String id : page.verb("not-interested")) {
            ids.add(id.substring("ps1:not-interested:".length()));
        }
        return ids;
    }

    private Answer recommendAgain(UserKind who) {
        Answer page = live.answer(discord.slash(who, "recommend", Option.string("show", "again")));
        assertThat(page.ephemeral()).as("recommendations are personal").isTrue();
        return page;
    }

    private Answer click(UserKind who, Answer on, String customId) {
        return live.answer(discord.button(who, customId, on.id()));
    }

    @Test
    void notInterestedAndThumbsDownOnACardTakeThosePapersOutOfTheNextRecommend() {
        live.answer(discord.slash(MEMBER, "follow", Option.sub("topic", Option.string("topic", "memorization"))));
        Answer first = recommendAgain(MEMBER);
        List<String> before = paperIds(first);
        assertThat(before).hasSizeGreaterThanOrEqualTo(3);
        assertThat(first.reasons()).as("every card says why").hasSize(before.size());
        assertThat(first.shown()).contains("matches your topic 'memorization'");

        Answer dismissed = click(MEMBER, first, first.verb("not-interested").get(0));
        assertThat(dismissed.ephemeral()).isTrue();
        assertThat(dismissed.shown()).contains("I won't recommend");
        Answer down = click(MEMBER, first, first.verb("vote-down").get(1));
        assertThat(down.shown()).contains("Noted 👎");

        List<String> after = paperIds(recommendAgain(MEMBER));
        assertThat(after).as("the next page, even with show: again").doesNotContain(before.get(0), before.get(1))
                .isNotEmpty();
        assertThat(live.column("SELECT verdict FROM feedback WHERE user_id = ? AND paper_id IN (?, ?) "
                + "ORDER BY paper_id = ? DESC", discord.userIdOf(MEMBER), before.get(0), before.get(1), before.get(0)))
                .containsExactly("not_interested", "down");
    }

    @Test
    void aThumbsUpLeadsTheNextRecommendToSimilarPapers() {
        live.answer(discord.slash(ADMIN, "follow", Option.sub("topic", Option.string("topic", "feature interaction"))));
        Answer first = recommendAgain(ADMIN);
        String liked = paperIds(first).get(0);
        String because = "similar to '"
                + live.app.search().paper(liked).orElseThrow().title().substring(0, 12);
        assertThat(String.join("\n", first.reasons())).doesNotContain(because);

        Answer up = click(ADMIN, first, first.verb("vote-up").get(0));
        assertThat(up.shown()).contains("Noted 👍");
        assertThat(click(ADMIN, first, first.verb("vote-up").get(0)).shown()).contains("Already noted");

        Answer next = recommendAgain(ADMIN);
        assertThat(paperIds(next)).doesNotContain(liked);
        assertThat(String.join("\n", next.reasons())).contains(because);
    }

    @Test
    void votesFromTwoPeopleLiftAPaperToTheTopOfTrendingWithItsPartsShown() {
        Answer fresh = live.answer(discord.slash(MEMBER, "trending", Option.string("window", "week")));
        assertThat(fresh.message().path("embeds").get(0).path("title").asText()).startsWith("Trending this week");
        List<String> ids = paperIds(fresh);
        assertThat(ids).hasSize(5);
        // The last card: it is not first yet, so moving it there shows the votes counted.
        String chosen = ids.get(4);
        String vote = fresh.verb("vote-up").get(4);
        click(MEMBER, fresh, vote);
        click(ADMIN, fresh, vote);

        Answer trending = live.answer(discord.slash(ADMIN, "trending", Option.string("window", "week")));
        assertThat(paperIds(trending).get(0)).isEqualTo(chosen);
        JsonNode top = trending.message().path("embeds").get(1);
        assertThat(top.path("title").asText()).startsWith("1. ");
        assertThat(top.path("fields").toString()).contains("2 👍 in the server");

        Answer badWindow = live.answer(discord.slash(MEMBER, "trending", Option.string("window", "year")));
        assertThat(badWindow.ephemeral()).isTrue();
        assertThat(badWindow.shown()).contains("window must be day, week or month");
        Answer badTopic = live.answer(discord.slash(MEMBER, "trending", Option.string("topic", "*** |||")));
        assertThat(badTopic.ephemeral()).isTrue();
        assertThat(badTopic.shown()).contains("no words I can look for");
    }

    @Test
    void tuneSetsTheMixRecommendShowsItAndResetGoesBack() {
        String admin = discord.userIdOf(ADMIN);
        live.answer(discord.slash(ADMIN, "follow", Option.sub("topic", Option.string("topic", "recommender systems"))));
        assertThat(live.answer(discord.slash(ADMIN, "tune")).shown()).contains("(the default)");

        Answer set = live.answer(discord.slash(ADMIN, "tune", Option.integer("trending", 0),
                Option.integer("relevance", 100), Option.integer("recency", 0)));
        assertThat(set.ephemeral()).isTrue();
        assertThat(set.shown()).contains("Your mix is now trending 0 · relevance 100 · recency 0");
        assertThat(recommendAgain(ADMIN).message().path("embeds").get(0).path("footer").path("text").asText())
                .contains("Your mix: trending 0 · relevance 100 · recency 0");

        // Discord enforces 0-100 in its client; a crafted request still gets a friendly refusal and changes nothing.
        assertThat(live.answer(discord.slash(ADMIN, "tune", Option.integer("trending", 150))).shown())
                .contains("trending must be from 0 to 100");
        assertThat(live.answer(discord.slash(ADMIN, "tune", Option.integer("relevance", 0))).shown())
                .contains("At least one of trending, relevance and recency must be above 0");
        assertThat(live.column("SELECT trending || '/' || relevance || '/' || recency FROM tune WHERE user_id = ?",
                admin)).containsExactly("0/100/0");

        Answer reset = live.answer(discord.slash(ADMIN, "tune", Option.string("action", "reset")));
        assertThat(reset.shown()).contains("Back to the default mix");
        assertThat(live.column("SELECT user_id FROM tune WHERE user_id = ?", admin)).isEmpty();
        assertThat(live.answer(discord.slash(ADMIN, "tune")).shown()).contains("(the default)");
    }
}
