package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.data.DataArray;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperLinks;
import org.paperscout.commands.Action;
import org.paperscout.commands.Attachment;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.Reply;
import org.paperscout.search.Snippet;

class DiscordRendererTest {

    private final DiscordRenderer renderer = new DiscordRenderer();

    static Paper paper(String id, String title, String abstractText, List<String> authors) {
        return new Paper(id, title, abstractText, authors, List.of("cs.LG", "cs.CL"), LocalDate.of(2023, 5, 1),
                PaperLinks.forArxivId(id), 12, "seed");
    }

    static String words(int chars) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (sb.length() < chars) {
            sb.append("word").append(i++ % 10).append(' ');
        }
        return sb.substring(0, chars);
    }

    @Test
    void plainTextReplyIsContentWithNoMentionsAllowed() {
        DataObject json = renderer.create(Reply.text("Hello @everyone <@&123> **bold** [x](http://evil)")).toData();

        assertThat(json.getString("content"))
                .isEqualTo("Hello \\@everyone \\<\\@&123\\> \\*\\*bold\\*\\* \\[x\\](http://evil)");
        assertThat(json.getObject("allowed_mentions").getArray("parse").length()).isZero();
        assertThat(json.getArray("embeds").length()).isZero();
    }

    @Test
    void editsCarryAllowedMentionsAndReplaceEverything() {
        MessageEditData edit = renderer.edit(Reply.text("@here hi"));
        DataObject json = edit.toData();

        assertThat(json.getObject("allowed_mentions").getArray("parse").length()).isZero();
        assertThat(json.getString("content")).isEqualTo("\\@here hi");
        assertThat(json.hasKey("embeds")).isTrue();
        assertThat(json.hasKey("components")).isTrue();
    }

    @Test
    void headingsListsAndQuotesAtLineStartAreNeutralised() {
        assertThat(Markdown.escape("# Title\n- item\n> quote\n1. first\n-# small"))
                .isEqualTo("\\# Title\n\\- item\n\\> quote\n1\\. first\n\\-\\# small".replace("\\-\\#", "\\-#"));
        assertThat(Markdown.escape("self-supervised 3.5 #1")).isEqualTo("self-supervised 3.5 #1");
    }

    @Test
    void cardShowsLinkedTitleAuthorsDateCategoriesSnippetAndId() {
        Snippet snippet = new Snippet(List.of(new Snippet.Span("we study ", false),
                new Snippet.Span("memorization ", true), new Snippet.Span("in diffusion_models", false)));
        PaperCard card = new PaperCard(paper("2305.00118", "Memorization in *Diffusion*", "Abstract.",
                List.of("Ada Lovelace", "Alan Turing")), 1, snippet, false, List.of("matches your topic 'x'"),
                List.of());

        MessageEmbed embed = renderer.create(Reply.builder().card(card).build()).getEmbeds().get(0);

        assertThat(embed.getTitle()).isEqualTo("1. Memorization in \\*Diffusion\\*");
        assertThat(embed.getUrl()).isEqualTo("https://arxiv.org/abs/2305.00118");
        assertThat(embed.getAuthor().getName()).isEqualTo("Ada Lovelace, Alan Turing");
        assertThat(embed.getDescription()).isEqualTo("we study **memorization** in diffusion\\_models");
        assertThat(embed.getFields()).extracting(MessageEmbed.Field::getName)
                .containsExactly("Published", "Categories", "Links", "Why");
        assertThat(embed.getFields().get(0).getValue()).isEqualTo("May 1, 2023");
        assertThat(embed.getFields().get(3).getValue()).isEqualTo("• matches your topic 'x'");
        assertThat(embed.getFooter().getText()).isEqualTo("arXiv:2305.00118 · ▲ 12");
    }

    @Test
    void aGermanReplyLabelsTheCardInGermanAndLeavesTitleAndAuthorsAlone() {
        List<String> authors = new java.util.ArrayList<>();
        for (int n = 0; n < 300; n++) {
            authors.add("Author " + n);
        }
        PaperCard card = new PaperCard(paper("2305.00118", "Memorization in Diffusion", "Abstract.", authors), 1,
                Snippet.EMPTY, false, List.of("matches your topic 'x'"),
                org.paperscout.commands.PaperCards.actions(java.util.Locale.GERMAN, "2305.00118", true));

        var message = renderer.create(Reply.builder().card(card).locale(java.util.Locale.GERMANY).build());
        MessageEmbed embed = message.getEmbeds().get(0);

        assertThat(embed.getTitle()).isEqualTo("1. Memorization in Diffusion");
        assertThat(embed.getAuthor().getName()).isEqualTo("Author 0, Author 1, Author 2 und 297 weitere");
        assertThat(embed.getFields()).extracting(MessageEmbed.Field::getName)
                .containsExactly("Erschienen", "Kategorien", "Links", "Warum");
        assertThat(embed.getFields().get(0).getValue()).isEqualTo("01.05.2023");
        assertThat(message.toData().toString()).contains("Merken", "Kein Interesse", "Ähnliche");
    }

    @Test
    void authorListIsCapped() {
        List<String> many = IntStream.range(0, 300).mapToObj(i -> "Author " + i).toList();
        assertThat(DiscordRenderer.authors(many, 256)).isEqualTo("Author 0, Author 1, Author 2 and 297 more");
        assertThat(DiscordRenderer.authors(many.subList(0, 4), 256))
                .isEqualTo("Author 0, Author 1, Author 2, Author 3");
    }

    @Test
    @DisplayName("a 10,000-character abstract, 300 authors and a huge title stay within every embed limit")
    void hugePaperFitsEveryLimit() {
        List<String> authors = IntStream.range(0, 300).mapToObj(i -> words(120)).toList();
        Paper huge = paper("2401.00001", words(1000), words(10_000), authors);
        PaperCard expanded = new PaperCard(huge, 1, Snippet.EMPTY, true, List.of(words(2000), words(2000)),
                List.of());
        List<PaperCard> cards = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            cards.add(new PaperCard(huge, i + 1, Snippet.plain(words(5000)), i == 0, List.of(words(3000)),
                    List.of()));
        }

        assertWithinLimits(renderer.create(Reply.builder().card(expanded).build()));
        assertWithinLimits(renderer.create(Reply.builder().title(words(900)).text(words(9000)).footer(words(3000))
                .cards(cards).build()));
        MessageCreateData single = renderer.create(Reply.builder().card(expanded).build());
        assertThat(single.getEmbeds().get(0).getDescription()).hasSizeGreaterThan(3000).endsWith("…");
    }

    @Test
    void longPlainTextMovesToAnEmbedAndIsCut() {
        MessageCreateData m = renderer.create(Reply.text(words(5000)));
        assertWithinLimits(m);
        assertThat(m.getContent()).isEmpty();
        assertThat(m.getEmbeds().get(0).getDescription()).endsWith("…");
    }

    static void assertWithinLimits(MessageCreateData m) {
        assertThat(m.getContent().length()).isLessThanOrEqualTo(2000);
        assertThat(m.getEmbeds()).hasSizeLessThanOrEqualTo(10);
        assertThat(m.getEmbeds().stream().mapToInt(MessageEmbed::getLength).sum()).isLessThanOrEqualTo(6000);
        for (MessageEmbed e : m.getEmbeds()) {
            assertThat(e.getTitle() == null ? 0 : e.getTitle().length()).isLessThanOrEqualTo(256);
            assertThat(e.getDescription() == null ? 0 : e.getDescription().length()).isLessThanOrEqualTo(4096);
            assertThat(e.getFields()).hasSizeLessThanOrEqualTo(25);
            e.getFields().forEach(f -> {
                assertThat(f.getName().length()).isLessThanOrEqualTo(256);
                assertThat(f.getValue().length()).isBetween(1, 1024);
            });
            assertThat(e.getFooter() == null ? 0 : e.getFooter().getText().length()).isLessThanOrEqualTo(2048);
            assertThat(e.getAuthor() == null ? 0 : e.getAuthor().getName().length()).isLessThanOrEqualTo(256);
        }
        DataArray rows = m.toData().getArray("components");
        assertThat(rows.length()).isLessThanOrEqualTo(5);
        for (int i = 0; i < rows.length(); i++) {
            assertThat(rows.getObject(i).getArray("components").length()).isLessThanOrEqualTo(5);
        }
    }

    @Test
    void perCardButtonsBecomeRowsWhenTheyFit() {
        List<PaperCard> cards = IntStream.rangeClosed(1, 3).mapToObj(i -> new PaperCard(
                paper("2305.0011" + i, "T" + i, "A.", List.of()), i, Snippet.EMPTY, false, List.of(),
                List.of(Action.of("Save", ComponentId.of("save", i)), Action.of("Similar", ComponentId.of("sim", i)))))
                .toList();
        Reply reply = Reply.builder().title("Results").cards(cards)
                .row(List.of(Action.of("Prev", ComponentId.of("page", "k", 0)).disabledIf(true),
                        Action.of("Next", ComponentId.of("page", "k", 2))))
                .build();

        DataArray rows = renderer.create(reply).toData().getArray("components");

        assertThat(rows.length()).isEqualTo(4);
        assertThat(rows.getObject(0).getArray("components").getObject(0).getBoolean("disabled")).isTrue();
        assertThat(rows.getObject(1).getArray("components").getObject(0).getString("label")).isEqualTo("#1 Save");
        assertThat(rows.getObject(3).getArray("components").getObject(1).getString("custom_id"))
                .isEqualTo("ps1:sim:3");
    }

    @Test
    @DisplayName("a full card's six actions take two rows; four such cards keep five buttons each and a Discuss menu")
    void sixActionsPerCardStayWithinFiveButtonsARow() {
        PaperCard full = new PaperCard(paper("2305.00111", "One", "A.", List.of()), 0, Snippet.EMPTY, true,
                List.of(), org.paperscout.commands.PaperCards.actions("2305.00111", false));

        DataArray one = renderer.create(Reply.builder().card(full).build()).toData().getArray("components");

        assertThat(one.length()).isEqualTo(2);
        assertThat(one.getObject(0).getArray("components").length()).isEqualTo(5);
        assertThat(one.getObject(1).getArray("components").getObject(0).getString("label")).isEqualTo("Discuss");

        List<PaperCard> four = IntStream.rangeClosed(1, 4).mapToObj(i -> new PaperCard(
                paper("2305.0011" + i, "Title " + i, "A.", List.of()), i, Snippet.EMPTY, false, List.of(),
                org.paperscout.commands.PaperCards.actions("2305.0011" + i, false))).toList();

        DataArray rows = renderer.create(Reply.builder().cards(four).build()).toData().getArray("components");

        assertThat(rows.length()).isEqualTo(5);
        assertThat(rows.getObject(3).getArray("components").length()).isEqualTo(5);
        assertThat(rows.getObject(3).getArray("components").getObject(1).getString("label")).isEqualTo("#4 👍");
        DataObject menu = rows.getObject(4).getArray("components").getObject(0);
        assertThat(menu.getString("placeholder")).isEqualTo("More: discuss…");
        DataArray options = menu.getArray("options");
        assertThat(options.length()).isEqualTo(4);
        assertThat(options.getObject(3).getString("label")).isEqualTo("4. Discuss");
        assertThat(options.getObject(3).getString("value")).isEqualTo("ps1:discuss:2305.00114");
    }

    @Test
    @DisplayName("five cards with three actions each do not fit in rows: one select menu lists them all")
    void perCardButtonsBecomeASelectMenuWhenTheyDoNotFit() {
        List<PaperCard> cards = IntStream.rangeClosed(1, 5).mapToObj(i -> new PaperCard(
                paper("2305.0011" + i, "Title " + i, "A.", List.of()), i, Snippet.EMPTY, false, List.of(),
                List.of(Action.of("Save", ComponentId.of("save", i)), Action.of("Similar", ComponentId.of("sim", i)),
                        Action.of("Expand", ComponentId.of("expand", i))))).toList();
        Reply reply = Reply.builder().cards(cards)
                .row(List.of(Action.of("Next", ComponentId.of("page", "k", 2)),
                        Action.of("Next again", ComponentId.of("page", "k", 2))))
                .build();

        DataArray rows = renderer.create(reply).toData().getArray("components");

        assertThat(rows.length()).isEqualTo(2);
        assertThat(rows.getObject(0).getArray("components").length()).as("duplicate id dropped").isEqualTo(1);
        DataObject menu = rows.getObject(1).getArray("components").getObject(0);
        assertThat(menu.getString("custom_id")).isEqualTo("ps1:pick:0");
        DataArray options = menu.getArray("options");
        assertThat(options.length()).isEqualTo(15);
        assertThat(options.getObject(0).getString("label")).isEqualTo("1. Save");
        assertThat(options.getObject(0).getString("value")).isEqualTo("ps1:save:1");
        assertThat(options.getObject(0).getString("description")).isEqualTo("Title 1");
    }

    @Test
    void attachmentBecomesAFile() {
        Reply reply = Reply.builder().text("Your library").attachment(
                new Attachment("library.bib", "application/x-bibtex", "@article{x}".getBytes())).build();
        assertThat(renderer.create(reply).getFiles()).extracting(f -> f.getName()).containsExactly("library.bib");
    }

    @Test
    void anImageAttachmentIsShownInsideTheHeaderEmbedButOtherFilesAreNot() {
        Reply chart = Reply.builder().title("Pulse").text("3 papers").attachment(
                new Attachment("pulse.png", "image/png", new byte[] {1, 2, 3})).build();
        MessageCreateData data = renderer.create(chart);
        assertThat(data.getEmbeds().get(0).getImage().getUrl()).isEqualTo("attachment://pulse.png");
        assertThat(data.getFiles()).extracting(f -> f.getName()).containsExactly("pulse.png");

        Reply bib = Reply.builder().title("Export").text("1 paper").attachment(
                new Attachment("library.bib", "application/x-bibtex", "@article{x}".getBytes())).build();
        assertThat(renderer.create(bib).getEmbeds().get(0).getImage()).isNull();
    }

    @Test
    void emptyReplyStillSaysSomething() {
        assertThat(renderer.create(Reply.text("")).getContent()).isEqualTo("Done.");
    }

    @Test
    void footerOfAPlainReplyIsSubtext() {
        assertThat(renderer.create(Reply.builder().text("Saved.").footer("3 in your library").build()).getContent())
                .isEqualTo("Saved.\n-# 3 in your library");
    }
}
