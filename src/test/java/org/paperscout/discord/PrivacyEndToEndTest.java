package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperscout.discord.local.UserKind.ADMIN;
import static org.paperscout.discord.local.UserKind.MEMBER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paperscout.discord.LiveBot.Answer;
import org.paperscout.discord.local.Option;
import org.paperscout.discord.local.UserKind;
import org.paperscout.store.FileGrep;

/**
 * /my-data and /forget-me through the production bot and JDA against the local Discord: the member leaves rows in
 * every table a Discord user can reach, downloads them, then deletes them with the confirmation button; the admin's
 * data and cached search pages are untouched.
 */
class PrivacyEndToEndTest extends LiveBotSuite {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Literal markdown and a mention in stored text: exported as typed. */
    private static final String TOPIC = "**memorization** in diffusion @everyone";

    /** A search result message and its Next button. */
    private record Searched(String messageId, String next) {
    }

    /** Follows, saves, votes, is shown recommendations, tunes, and searches. */
    private Searched useEverything(UserKind who, String topic) {
        live.answer(discord.slash(who, "follow", Option.sub("topic", Option.string("topic", topic))));
        live.answer(discord.slash(who, "save", Option.string("paper", live.titleOfTopHit("feature interaction", 0))));
        Answer recommended = live.answer(discord.slash(who, "recommend"));
        String up = recommended.verb("vote-up").get(0);
        assertThat(live.answer(discord.button(who, up, recommended.id())).shown()).contains("Noted 👍");
        live.answer(discord.slash(who, "tune", Option.integer("relevance", 80)));
        Answer search = live.answer(discord.slash(who, "search", Option.string("query", "memorization diffusion")));
        return new Searched(search.id(), search.buttons("Next").get(0));
    }

    @Test
    void myDataThenForgetMeLeavesNoRowAboutTheMemberAnywhereAndNothingOfTheAdminGoes() throws Exception {
        String member = discord.userIdOf(MEMBER);
        String admin = discord.userIdOf(ADMIN);
        Searched memberSearch = useEverything(MEMBER, TOPIC);
        Searched adminSearch = useEverything(ADMIN, "graph neural networks");

        Map<String, Integer> memberRows = live.rowsMentioning(member);
        Map<String, Integer> adminRows = live.rowsMentioning(admin);
        for (String table : new String[] {"follows", "saved", "feedback", "events", "seen", "tune"}) {
            assertThat(memberRows.get(table)).as("the member has rows in " + table).isPositive();
        }

        // /my-data: every row, as a JSON attachment only the member sees.
        Answer myData = live.answer(discord.slash(MEMBER, "my-data"));
        assertThat(myData.ephemeral()).isTrue();
        assertThat(myData.files()).hasSize(1);
        assertThat(myData.files().get(0).filename()).isEqualTo("paperscout-my-data.json");
        JsonNode document = JSON.readTree(myData.files().get(0).content());
        assertThat(document.path("user_id").asText()).isEqualTo(member);
        JsonNode tables = document.path("tables");
        assertThat(tables.path("follows").get(0).path("text").asText()).isEqualTo(TOPIC);
        assertThat(tables.path("tune").get(0).path("relevance").asInt()).isEqualTo(80);
        int exported = 0;
        for (JsonNode rows : tables) {
            for (JsonNode row : rows) {
                assertThat(row.path("user_id").asText()).isEqualTo(member);
                exported++;
            }
        }
        assertThat(exported).isPositive();
        assertThat(myData.message().path("content").asText()).contains("(" + exported + " records)");
        assertThat(document.toString()).doesNotContain(admin);
        // Discord gets the attachment from memory: nothing is written for it (the console writes to exports/).
        assertThat(app.exports().dir()).as("Discord writes no export file").doesNotExist();
        assertThat(FileGrep.filesContaining(dataDir, TOPIC)).as("the member's topic is on disk").isNotEmpty();

        // Cancel first: nothing goes.
        Answer ask = live.answer(discord.slash(MEMBER, "forget-me"));
        assertThat(ask.ephemeral()).isTrue();
        assertThat(ask.verb("forget-yes")).hasSize(1);
        Answer cancelled = live.answer(discord.button(MEMBER, ask.verb("forget-no").get(0), ask.id()));
        assertThat(cancelled.first().json().path("type").asInt()).isEqualTo(7);
        assertThat(cancelled.message().path("content").asText()).contains("Nothing was deleted");
        assertThat(cancelled.message().path("components")).as("the buttons are gone").isEmpty();
        assertThat(live.rowsMentioning(member)).isEqualTo(memberRows);

        Answer askAgain = live.answer(discord.slash(MEMBER, "forget-me"));
        Answer done = live.answer(discord.button(MEMBER, askAgain.verb("forget-yes").get(0), askAgain.id()));
        assertThat(done.first().json().path("type").asInt()).isEqualTo(7);
        assertThat(done.message().path("content").asText()).contains("I deleted everything stored about you");

        assertThat(live.rowsMentioning(member)).as("rows about the member, per table")
                .allSatisfy((table, n) -> assertThat(n).as(table).isZero());
        assertThat(live.rowsMentioning(admin)).isEqualTo(adminRows);
        // Nor in any file of the data folder: not in free pages of paperscout.db, not in old WAL frames.
        assertThat(FileGrep.filesContaining(dataDir, TOPIC)).as("files holding the member's topic").isEmpty();
        assertThat(FileGrep.filesContaining(dataDir, member)).as("files holding the member's id").isEmpty();

        // Caches: the member's search pages are gone, the admin's still page.
        Answer expired = live.answer(discord.button(MEMBER, memberSearch.next(), memberSearch.messageId()));
        assertThat(expired.shown()).contains("This result page expired");
        Answer page2 = live.answer(discord.button(ADMIN, adminSearch.next(), adminSearch.messageId()));
        assertThat(page2.message().path("embeds").get(0).path("footer").path("text").asText())
                .startsWith("Page 2 of");

        Answer after = live.answer(discord.slash(MEMBER, "my-data"));
        assertThat(after.message().path("content").asText()).contains("(0 records)");
        JsonNode empty = JSON.readTree(after.files().get(0).content()).path("tables");
        empty.forEach(rows -> assertThat(rows).isEmpty());
        assertThat(live.rowsMentioning(member).values()).as("/my-data itself stores nothing")
                .allMatch(n -> n == 0);
    }
}
