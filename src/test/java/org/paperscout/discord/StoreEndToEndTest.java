package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paperscout.discord.local.UserKind.ADMIN;
import static org.paperscout.discord.local.UserKind.MEMBER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.paperscout.discord.LiveBot.Answer;
import org.paperscout.discord.local.Option;
import org.paperscout.discord.local.RecordedCall;
import org.paperscout.discord.local.UserKind;

/**
 * /follow, /unfollow, /following, /save, /library and /export through the production bot and JDA against the local
 * Discord, over the real SQLite file and index of the seeds. Tests share one bot; each keeps to data of its own
 * (follows as the member, the library as the member, exports as the admin) so their order does not matter.
 */
class StoreEndToEndTest extends LiveBotSuite {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Answer follow(UserKind who, String kind, String option, String value) {
        return live.answer(discord.slash(who, "follow", Option.sub(kind, Option.string(option, value))));
    }

    private List<String> followTexts(UserKind who) {
        return live.column("SELECT kind || ':' || text FROM follows WHERE user_id = ? ORDER BY id",
                discord.userIdOf(who));
    }

    @Test
    void followTopicIsStoredADuplicateIsRefusedAndAnInvalidTopicGetsTheParsersMessage() {
        Answer added = follow(MEMBER, "topic", "topic", "machine unlearning");
        assertThat(added.ephemeral()).isTrue();
        assertThat(added.shown()).contains("Following topic “machine unlearning”");
        assertThat(followTexts(MEMBER)).contains("topic:machine unlearning");

        Answer duplicate = follow(MEMBER, "topic", "topic", "  Machine   UNLEARNING ");
        assertThat(duplicate.ephemeral()).isTrue();
        assertThat(duplicate.shown()).contains("You already follow that").contains("“machine unlearning”");

        List<String> before = followTexts(MEMBER);
        Answer invalid = follow(MEMBER, "topic", "topic", "*** ||| +++");
        assertThat(invalid.ephemeral()).isTrue();
        assertThat(invalid.shown()).contains("no words I can look for");
        assertThat(followTexts(MEMBER)).as("nothing stored").isEqualTo(before);
    }

    @Test
    void followCategoryChecksArxivsListAndCanonicalisesTheCode() {
        List<String> before = followTexts(MEMBER);
        Answer bad = follow(MEMBER, "category", "category", "cs.XYZ");
        assertThat(bad.ephemeral()).isTrue();
        assertThat(bad.shown()).contains("“cs.XYZ” is not an arXiv category").contains("cs.LG");
        assertThat(followTexts(MEMBER)).isEqualTo(before);

        JsonNode choices = live.choices(discord.autocomplete(MEMBER, "follow",
                Option.sub("category", Option.focused("category", "cs.L"))));
        assertThat(choices.size()).isPositive();
        assertThat(choices.get(0).path("value").asText()).startsWith("cs.L");

        Answer good = follow(MEMBER, "category", "category", "cs.lg");
        assertThat(good.shown()).contains("Following category cs.LG (");
        assertThat(followTexts(MEMBER)).contains("category:cs.LG");
    }

    @Test
    void followingIsPrivateAndGroupsFollowsByKind() {
        follow(MEMBER, "author", "name", "Ada Lovelace");
        follow(MEMBER, "exclude", "topic", "reinforcement learning");

        Answer following = live.answer(discord.slash(MEMBER, "following"));
        assertThat(following.first().json().path("data").path("flags").asInt() & 64)
                .as("the reply itself asks for flags 64").isEqualTo(64);
        assertThat(following.ephemeral()).isTrue();
        JsonNode embed = following.message().path("embeds").get(0);
        assertThat(embed.path("title").asText()).startsWith("You follow ");
        assertThat(embed.path("description").asText()).contains("Authors: “Ada Lovelace”")
                .contains("Excluded topics: “reinforcement learning”");
    }

    @Test
    void unfollowAutocompleteOffersOnlyTheCallersOwnFollowsWithinDiscordsLimits() {
        follow(MEMBER, "topic", "topic", "protein folding");
        // 100 characters: the longest topic there is, so its choice ("topic: ...") must be cut to fit.
        String longTopic = "memorization in diffusion models ".repeat(4).substring(0, 100);
        assertThat(follow(ADMIN, "topic", "topic", longTopic).shown()).contains("Following topic");
        for (int n = 1; n <= 27; n++) {
            follow(ADMIN, "topic", "topic", "graph networks " + n);
        }

        JsonNode all = live.choices(discord.autocomplete(ADMIN, "unfollow", Option.focused("follow", "")));
        assertThat(all.size()).isEqualTo(25);
        assertThat(all.toString()).doesNotContain("protein folding");

        JsonNode others = live.choices(discord.autocomplete(ADMIN, "unfollow", Option.focused("follow", "protein")));
        assertThat(others).as("another user's follow is never offered").isEmpty();

        JsonNode mine = live.choices(discord.autocomplete(ADMIN, "unfollow", Option.focused("follow", "memorization")));
        assertThat(mine.size()).isEqualTo(1);
        assertThat(mine.get(0).path("name").asText()).startsWith("topic: memorization").hasSizeLessThanOrEqualTo(100);
        String value = mine.get(0).path("value").asText();

        Answer removed = live.answer(discord.slash(ADMIN, "unfollow", Option.string("follow", value)));
        assertThat(removed.ephemeral()).isTrue();
        assertThat(removed.shown()).contains("Stopped following topic “memorization in diffusion");
        assertThat(followTexts(ADMIN)).noneMatch(f -> f.contains("memorization")).hasSize(27);

        // The same choice again, or the member trying the admin's id: nothing more is removed.
        Answer again = live.answer(discord.slash(ADMIN, "unfollow", Option.string("follow", value)));
        assertThat(again.shown()).contains("You no longer follow that");
        String adminsOther = live.column("SELECT 'id:' || id FROM follows WHERE user_id = ? LIMIT 1",
                discord.userIdOf(ADMIN)).get(0);
        Answer notYours = live.answer(discord.slash(MEMBER, "unfollow", Option.string("follow", adminsOther)));
        assertThat(notYours.shown()).contains("You no longer follow that");
        assertThat(followTexts(ADMIN)).hasSize(27);
    }

    @Test
    void saveThenLibraryMarksReadAndRemovesInPlace() {
        List<String> titles = List.of(live.titleOfTopHit("diffusion memorization", 0),
                live.titleOfTopHit("diffusion memorization", 1));
        for (String title : titles) {
            Answer saved = live.answer(discord.slash(MEMBER, "save", Option.string("paper", title)));
            assertThat(saved.ephemeral()).isTrue();
            assertThat(saved.shown()).contains("Saved “");
        }
        // The third from a search result: five cards do not fit as button rows, so their actions are a menu.
        Answer search = live.answer(discord.slash(MEMBER, "search", Option.string("query", "diffusion memorization")));
        JsonNode menu = search.message().path("components").get(1).path("components").get(0);
        List<String> saveActions = new ArrayList<>();
        menu.path("options").forEach(o -> {
            if (o.path("value").asText().startsWith("ps1:save:")) {
                saveActions.add(o.path("value").asText());
            }
        });
        Answer fromSearch = live.answer(discord.select(MEMBER, menu.path("custom_id").asText(), search.id(),
                List.of(saveActions.get(2))));
        assertThat(fromSearch.ephemeral()).as("only the clicker sees it; the results stay").isTrue();
        assertThat(fromSearch.shown()).contains("Saved “").contains("(3 papers)");
        assertThat(live.answer(discord.slash(MEMBER, "save", Option.string("paper", titles.get(0)))).shown())
                .contains("is already in your library");
        assertThat(live.answer(discord.slash(MEMBER, "save", Option.string("paper", "zzqq no such paper"))).shown())
                .contains("I couldn't find a paper “zzqq no such paper”");

        Answer library = live.answer(discord.slash(MEMBER, "library"));
        assertThat(library.ephemeral()).isTrue();
        assertThat(library.message().path("embeds").get(0).path("title").asText())
                .isEqualTo("Your library: 3 papers, 3 unread");
        List<String> markRead = library.verb("lib-read");
        List<String> remove = library.verb("lib-remove");
        assertThat(markRead).hasSize(3);
        assertThat(remove).hasSize(3);

        Answer afterRead = live.answer(discord.button(MEMBER, markRead.get(0), library.id()));
        assertThat(afterRead.first().json().path("type").asInt()).as("updates the list in place").isEqualTo(7);
        assertThat(afterRead.message().path("embeds").get(0).path("title").asText())
                .isEqualTo("Your library: 3 papers, 2 unread");
        assertThat(afterRead.verb("lib-unread")).hasSize(1);

        String removedId = remove.get(2).split(":")[2];
        Answer afterRemove = live.answer(discord.button(MEMBER, remove.get(2), library.id()));
        JsonNode header = afterRemove.message().path("embeds").get(0);
        assertThat(header.path("title").asText()).isEqualTo("Your library: 2 papers, 1 unread");
        assertThat(header.path("description").asText()).contains("Removed from your library.");

        String member = discord.userIdOf(MEMBER);
        assertThat(live.column("SELECT paper_id FROM saved WHERE user_id = ?", member))
                .hasSize(2).doesNotContain(removedId);
        assertThat(live.column("SELECT paper_id FROM saved WHERE user_id = ? AND read_at IS NOT NULL", member))
                .containsExactly(markRead.get(0).split(":")[2]);

        // A stale Remove button on the old message: friendly, and nothing else goes.
        Answer stale = live.answer(discord.button(MEMBER, remove.get(2), library.id()));
        assertThat(stale.message().path("embeds").get(0).path("description").asText())
                .contains("already removed");
        assertThat(live.column("SELECT paper_id FROM saved WHERE user_id = ?", member)).hasSize(2);
    }

    @Test
    void exportSendsTheLibraryAsBibtexAndAsJsonAttachments() throws Exception {
        String naive = live.titleOfTopHit("memorize factorize naive feature interaction", 0);
        String other = live.titleOfTopHit("diffusion subspace located deleted", 0);
        assertThat(naive).contains("Naïve");
        for (String title : List.of(naive, other)) {
            live.answer(discord.slash(ADMIN, "save", Option.string("paper", title)));
        }

        Answer bib = live.answer(discord.slash(ADMIN, "export"));
        assertThat(bib.ephemeral()).isTrue();
        assertThat(bib.carrier().header("content-type").orElse("")).startsWith("multipart/form-data");
        assertThat(bib.files()).hasSize(1);
        RecordedCall.Part bibFile = bib.files().get(0);
        assertThat(bibFile.filename()).isEqualTo("paperscout-library.bib");
        String bibtex = bibFile.text();
        assertThat(bibtex.split("@misc\\{", -1)).hasSize(3);
        assertThat(bibtex).contains("title = {{" + naive.substring(0, 20)).contains("Naïve");
        assertThat(bib.message().path("attachments").get(0).path("filename").asText())
                .isEqualTo("paperscout-library.bib");

        Answer json = live.answer(discord.slash(ADMIN, "export", Option.string("format", "json")));
        RecordedCall.Part jsonFile = json.files().get(0);
        assertThat(jsonFile.filename()).isEqualTo("paperscout-library.json");
        JsonNode papers = JSON.readTree(jsonFile.content()).path("papers");
        List<String> exported = new ArrayList<>();
        papers.forEach(p -> exported.add(p.path("title").asText()));
        assertThat(exported).containsExactlyInAnyOrder(naive, other);
        assertThat(StreamSupport.stream(papers.spliterator(), false)
                .allMatch(p -> p.path("saved_at").asText().endsWith("Z"))).isTrue();

        Answer badFormat = live.answer(discord.slash(ADMIN, "export", Option.string("format", "csv")));
        assertThat(badFormat.shown()).contains("I can export as bibtex or json");
        assertThat(badFormat.files()).isEmpty();
    }

    @Test
    void markdownAndMentionsAreStoredLiterallyAndShownEscapedWithoutPinging() {
        String raw = "**bold** _under_ ~~strike~~ `code` @everyone <@123> @here unlearning";
        Answer added = follow(MEMBER, "topic", "topic", raw);
        assertThat(added.shown()).contains("Following topic");
        assertThat(followTexts(MEMBER)).contains("topic:" + raw);

        String content = added.message().path("content").asText();
        assertThat(content).contains("\\*\\*bold\\*\\* \\_under\\_ \\~\\~strike\\~\\~ \\`code\\` \\@everyone "
                + "\\<\\@123\\> \\@here");

        Answer following = live.answer(discord.slash(MEMBER, "following"));
        String description = following.message().path("embeds").get(0).path("description").asText();
        assertThat(description).contains("\\*\\*bold\\*\\*").contains("\\@everyone").contains("\\<\\@123\\>")
                .doesNotContain(" @everyone");

        JsonNode choices = live.choices(discord.autocomplete(MEMBER, "unfollow", Option.focused("follow", "strike")));
        assertThat(choices.get(0).path("name").asText()).as("choices are plain text, shown as typed")
                .isEqualTo("topic: " + raw);

        Answer notFound = live.answer(discord.slash(MEMBER, "save", Option.string("paper", "**nope** @everyone")));
        assertThat(notFound.message().path("content").asText()).contains("“\\*\\*nope\\*\\* \\@everyone”");

        Answer duplicate = follow(MEMBER, "topic", "topic", raw);
        assertThat(duplicate.message().path("content").asText()).contains("You already follow that")
                .contains("\\@everyone");
    }

    @Test
    void overlongAndMultiLineInputIsRefusedAndStoresNothing() {
        List<String> before = followTexts(MEMBER);
        Answer tooLong = follow(MEMBER, "author", "name", "a".repeat(101));
        assertThat(tooLong.shown()).contains("101 characters long; the limit is 100");
        Answer twoLines = follow(MEMBER, "author", "name", "Ada\nLovelace");
        assertThat(twoLines.shown()).contains("line breaks or control characters");
        assertThat(followTexts(MEMBER)).isEqualTo(before);
    }
}
