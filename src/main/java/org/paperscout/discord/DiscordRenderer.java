package org.paperscout.discord;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.components.MessageTopLevelComponent;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.components.buttons.ButtonStyle;
import net.dv8tion.jda.api.components.selections.SelectOption;
import net.dv8tion.jda.api.components.selections.StringSelectMenu;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.paperscout.catalog.Paper;
import org.paperscout.catalog.PaperLinks;
import org.paperscout.commands.Action;
import org.paperscout.commands.Attachment;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.PaperCard;
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;
import org.paperscout.i18n.Messages;
import org.paperscout.search.Snippet;

/**
 * Turns a {@link Reply} into a Discord message. Pure: no JDA instance, no I/O. Every string a command returns is
 * literal text, so all of it is markdown-escaped here; every limit Discord enforces is met by cutting text at a
 * word boundary, never by failing. Mentions are switched off on every message, edits included.
 */
final class DiscordRenderer {

    static final int CONTENT_MAX = 2000;
    static final int EMBEDS_MAX = 10;
    static final int EMBED_TOTAL_MAX = 6000;
    static final int TITLE_MAX = 256;
    static final int DESCRIPTION_MAX = 4096;
    static final int FIELDS_MAX = 25;
    static final int FIELD_NAME_MAX = 256;
    static final int FIELD_VALUE_MAX = 1024;
    static final int FOOTER_MAX = 2048;
    static final int AUTHOR_MAX = 256;
    static final int ROWS_MAX = 5;
    static final int BUTTONS_PER_ROW = 5;
    static final int BUTTON_LABEL_MAX = 80;
    static final int SELECT_OPTIONS_MAX = 25;
    static final int SELECT_TEXT_MAX = 100;
    /** A card that is neither expanded nor a search hit shows the abstract's first sentence, this long at most. */
    static final int FIRST_SENTENCE_MAX = 300;
    /** Authors named before "and N more"; a 300-author paper must not fill the card. */
    static final int AUTHORS_SHOWN = 3;

    /** Links we put in markdown ourselves: no spaces, brackets or parentheses that could break out of it. */
    private static final Pattern SAFE_URL = Pattern.compile("https?://[^\\s()<>\\[\\]\"']{1,500}");
    /** Tried in order until a message's embeds fit in {@link #EMBED_TOTAL_MAX}. */
    private static final double[] SCALES = {1.0, 0.75, 0.5, 0.35, 0.25, 0.15, 0.1, 0.05, 0.02};
    private static final int CARD_COLOR = 0xB31B1B;
    private static final EnumSet<Message.MentionType> NO_MENTIONS = EnumSet.noneOf(Message.MentionType.class);

    MessageCreateData create(Reply reply) {
        Parts p = parts(reply);
        MessageCreateBuilder b = new MessageCreateBuilder()
                .setContent(p.content())
                .setEmbeds(p.embeds())
                .setComponents(p.components())
                .setAllowedMentions(NO_MENTIONS);
        if (reply.attachment() != null) {
            b.setFiles(FileUpload.fromData(reply.attachment().content(), reply.attachment().fileName()));
        }
        return b.build();
    }

    /**
     * An edit that replaces the whole message (content, embeds, buttons, files). It sets allowed mentions
     * itself because Discord applies none of JDA's defaults to edits.
     */
    MessageEditData edit(Reply reply) {
        Parts p = parts(reply);
        MessageEditBuilder b = new MessageEditBuilder()
                .setReplace(true)
                .setContent(p.content())
                .setEmbeds(p.embeds())
                .setComponents(p.components())
                .setAllowedMentions(NO_MENTIONS);
        if (reply.attachment() != null) {
            b.setAttachments(FileUpload.fromData(reply.attachment().content(), reply.attachment().fileName()));
        }
        return b.build();
    }

    private record Parts(String content, List<MessageEmbed> embeds, List<MessageTopLevelComponent> components) {
    }

    private Parts parts(Reply reply) {
        List<MessageTopLevelComponent> components = components(reply);
        boolean plain = reply.cards().isEmpty() && reply.title() == null
                && (reply.text().length() + footerLine(reply).length()) <= CONTENT_MAX;
        if (plain) {
            String content = discordTimes(Markdown.fit(reply.text(), CONTENT_MAX));
            if (reply.footer() != null && !reply.footer().isBlank()) {
                String footer = "\n-# " + Markdown.fit(Text.clean(reply.footer()), 200);
                if (content.length() + footer.length() <= CONTENT_MAX) {
                    content += footer;
                }
            }
            if (content.isBlank() && reply.attachment() == null) {
                content = Messages.of(reply.locale()).get("reply.done");
            }
            return new Parts(content, List.of(), components);
        }
        for (double scale : SCALES) {
            List<MessageEmbed> embeds = embeds(reply, scale);
            if (embeds != null && embeds.stream().mapToInt(MessageEmbed::getLength).sum() <= EMBED_TOTAL_MAX) {
                return new Parts("", embeds, components);
            }
        }
        throw new IllegalStateException("unreachable: the smallest scale always fits");
    }

    /** {@link Text#timestamp} and {@link Text#channel} tokens as Discord shows them: in each reader's zone, by name. */
    static String discordTimes(String escaped) {
        return Text.tokens(escaped, at -> "<t:" + at.getEpochSecond() + ":F>", id -> "<#" + id + ">");
    }

    private static String footerLine(Reply reply) {
        return reply.footer() == null ? "" : "\n-# " + reply.footer();
    }

    /** The embeds at this scale, or null when one alone is over the total limit (try a smaller scale). */
    private List<MessageEmbed> embeds(Reply reply, double scale) {
        List<MessageEmbed> embeds = new ArrayList<>();
        boolean header = reply.title() != null || !reply.text().isBlank()
                || (reply.footer() != null && !reply.footer().isBlank()) || reply.cards().isEmpty();
        if (header) {
            EmbedBuilder e = new EmbedBuilder();
            if (reply.title() != null && !reply.title().isBlank()) {
                e.setTitle(Markdown.fit(Text.clean(reply.title()), limit(TITLE_MAX, scale)));
            }
            e.setDescription(discordTimes(Markdown.fit(reply.text(), limit(DESCRIPTION_MAX, scale))));
            if (reply.footer() != null && !reply.footer().isBlank()) {
                e.setFooter(Text.truncate(Text.clean(reply.footer()), limit(FOOTER_MAX, scale)));
            }
            if (isImage(reply.attachment())) {
                // Discord shows an attached file inside the embed when the embed names it this way.
                e.setImage("attachment://" + reply.attachment().fileName());
            }
            if (e.isEmpty()) {
                e.setDescription(Messages.of(reply.locale()).get("reply.done"));
            }
            if (!e.isValidLength()) {
                return null;
            }
            embeds.add(e.build());
        }
        // Extra cards beyond ten embeds are dropped from the end: commands page their results well below this.
        for (PaperCard c : reply.cards().subList(0, Math.min(reply.cards().size(), EMBEDS_MAX - embeds.size()))) {
            EmbedBuilder e = card(Messages.of(reply.locale()), c, scale);
            if (!e.isValidLength()) {
                return null;
            }
            embeds.add(e.build());
        }
        return embeds;
    }

    private static boolean isImage(Attachment a) {
        return a != null && a.mimeType().startsWith("image/") && a.fileName().matches("[A-Za-z0-9._-]{1,100}");
    }

    private EmbedBuilder card(Messages m, PaperCard card, double scale) {
        Paper paper = card.paper();
        EmbedBuilder e = new EmbedBuilder().setColor(CARD_COLOR);
        String prefix = card.rank() > 0 ? card.rank() + ". " : "";
        String cleanTitle = Text.clean(paper.title());
        String title = prefix + Markdown.fit(cleanTitle.isEmpty() ? m.get("card.untitled") : cleanTitle,
                limit(TITLE_MAX, scale) - prefix.length());
        e.setTitle(title, link(paper.links()));
        String authors = authors(m, paper.authors(), limit(AUTHOR_MAX, scale));
        if (!authors.isEmpty()) {
            e.setAuthor(authors);
        }
        e.setDescription(description(card, limit(DESCRIPTION_MAX, scale)));
        int value = limit(FIELD_VALUE_MAX, scale);
        if (paper.published() != null) {
            e.addField(m.get("card.published"), m.date(paper.published()), true);
        }
        if (!paper.categories().isEmpty() && value >= 16) {
            e.addField(m.get("card.categories"), Markdown.fit(String.join(", ", paper.categories()), value), true);
        }
        String links = links(paper.links());
        if (!links.isEmpty() && links.length() <= value) {
            e.addField(m.get("card.links"), links, true);
        }
        if (!card.reasons().isEmpty()) {
            StringBuilder why = new StringBuilder();
            for (String reason : card.reasons()) {
                if (Text.clean(reason).isEmpty()) {
                    continue;
                }
                String line = "• " + Markdown.fit(Text.clean(reason), value - 2);
                if (why.length() + line.length() + 1 > value) {
                    break;
                }
                why.append(why.length() == 0 ? "" : "\n").append(line);
            }
            if (why.length() > 0) {
                e.addField(m.get("card.why"), why.toString(), false);
            }
        }
        StringBuilder footer = new StringBuilder(paper.arxivId() != null ? "arXiv:" + paper.id() : "id: " + paper.id());
        if (paper.upvotes() > 0) {
            footer.append(" · ▲ ").append(paper.upvotes());
        }
        e.setFooter(Text.truncate(footer.toString(), limit(FOOTER_MAX, scale)));
        return e;
    }

    private static String description(PaperCard card, int max) {
        if (!card.expanded() && !card.snippet().isEmpty()) {
            return snippet(card.snippet(), max);
        }
        String abstractText = Text.clean(card.paper().abstractText());
        if (card.expanded()) {
            return Markdown.fit(abstractText, max);
        }
        return Markdown.fit(Text.firstSentence(abstractText, FIRST_SENTENCE_MAX), max);
    }

    /** Highlighted spans in bold; text is cut span by span so a bold marker is never left open. */
    static String snippet(Snippet snippet, int max) {
        List<Snippet.Span> spans = merged(snippet.spans());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < spans.size(); i++) {
            Snippet.Span span = spans.get(i);
            String raw = Text.collapseWhitespace(span.text());
            if (raw.isEmpty()) {
                continue;
            }
            int room = max - out.length();
            if (!span.highlighted()) {
                String piece = Markdown.fit(raw, room);
                out.append(piece);
                if (!piece.equals(Markdown.escape(raw))) {
                    break;
                }
                continue;
            }
            // "**" only renders bold when it hugs the text, so surrounding spaces go outside the markers.
            String lead = raw.startsWith(" ") ? " " : "";
            String trail = raw.endsWith(" ") && raw.length() > 1 ? " " : "";
            String core = raw.strip();
            if (core.isEmpty()) {
                out.append(Markdown.fit(raw, room));
                continue;
            }
            int coreRoom = room - lead.length() - trail.length() - 4;
            String piece = Markdown.fit(core, coreRoom);
            if (piece.isEmpty()) {
                break;
            }
            out.append(lead).append("**").append(piece).append("**").append(trail);
            if (!piece.equals(Markdown.escape(core))) {
                break;
            }
        }
        return out.toString().strip();
    }

    private static List<Snippet.Span> merged(List<Snippet.Span> spans) {
        List<Snippet.Span> out = new ArrayList<>();
        for (Snippet.Span s : spans) {
            if (!out.isEmpty() && out.get(out.size() - 1).highlighted() == s.highlighted()) {
                Snippet.Span last = out.remove(out.size() - 1);
                out.add(new Snippet.Span(last.text() + s.text(), s.highlighted()));
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * "A, B, C and 297 more" within {@code max}. Not escaped: Discord renders an embed's author line as plain
     * text (no markdown, no mentions), so a backslash there would show.
     */
    static String authors(List<String> authors, int max) {
        return authors(Messages.of(Messages.ENGLISH), authors, max);
    }

    static String authors(Messages m, List<String> authors, int max) {
        List<String> names = authors.stream().map(Text::clean).filter(a -> !a.isEmpty()).toList();
        if (names.isEmpty()) {
            return "";
        }
        // Four names read better than "three and 1 more".
        int shown = names.size() <= AUTHORS_SHOWN + 1 ? names.size() : AUTHORS_SHOWN;
        String more = shown < names.size() ? " " + m.get("card.more-authors", "count", names.size() - shown) : "";
        String list = String.join(", ", names.subList(0, shown));
        return Text.truncate(list, max - more.length()) + more;
    }

    private static String link(PaperLinks links) {
        for (String url : new String[] {links.arxivAbs(), links.hfPage()}) {
            if (url != null && SAFE_URL.matcher(url).matches()) {
                return url;
            }
        }
        return null;
    }

    private static String links(PaperLinks links) {
        List<String> parts = new ArrayList<>();
        if (links.arxivPdf() != null && SAFE_URL.matcher(links.arxivPdf()).matches()) {
            parts.add("[PDF](" + links.arxivPdf() + ")");
        }
        if (links.hfPage() != null && SAFE_URL.matcher(links.hfPage()).matches()) {
            parts.add("[Hugging Face](" + links.hfPage() + ")");
        }
        return String.join(" · ", parts);
    }

    private static int limit(int max, double scale) {
        return Math.max(8, (int) (max * scale));
    }

    /**
     * Reply rows first (paging matters most), then per-card buttons: a row per five actions of each card when they
     * fit in the rows left; else, when a row is left over, each card's first five as buttons and the rest in a menu;
     * otherwise a select menu listing every card's actions. Anything beyond Discord's limits is dropped
     * from the end; duplicate ids are dropped because Discord rejects a message that repeats one.
     */
    List<MessageTopLevelComponent> components(Reply reply) {
        List<MessageTopLevelComponent> rows = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (List<Action> row : reply.rows()) {
            if (rows.size() == ROWS_MAX) {
                break;
            }
            List<Button> buttons = buttons(row, "", used);
            if (!buttons.isEmpty()) {
                rows.add(ActionRow.of(buttons));
            }
        }
        List<PaperCard> withActions = reply.cards().stream().filter(c -> !c.actions().isEmpty()).toList();
        int left = ROWS_MAX - rows.size();
        if (withActions.isEmpty() || left == 0) {
            return rows;
        }
        // A card with more than five actions (a full card: Save, votes, Similar, Discuss) takes two rows.
        int rowsNeeded = withActions.stream()
                .mapToInt(c -> (c.actions().size() + BUTTONS_PER_ROW - 1) / BUTTONS_PER_ROW).sum();
        boolean numbered = withActions.size() > 1;
        if (rowsNeeded <= left) {
            for (PaperCard card : withActions) {
                for (int from = 0; from < card.actions().size(); from += BUTTONS_PER_ROW) {
                    addRow(rows, card.actions().subList(from, Math.min(card.actions().size(), from + BUTTONS_PER_ROW)),
                            prefix(card, numbered), used);
                }
            }
            return rows;
        }
        if (withActions.size() < left) {
            // A list of cards keeps one-click buttons for each card's first five actions; the rest (Discuss) go in
            // one menu under them, so a vote stays one click and every action stays reachable.
            List<SelectOption> more = new ArrayList<>();
            for (PaperCard card : withActions) {
                int split = Math.min(card.actions().size(), BUTTONS_PER_ROW);
                addRow(rows, card.actions().subList(0, split), prefix(card, numbered), used);
                more.addAll(options(card, card.actions().subList(split, card.actions().size()), used));
            }
            addMenus(rows, more, ROWS_MAX - rows.size(), reply, "button.more");
            return rows;
        }
        List<SelectOption> options = new ArrayList<>();
        for (PaperCard card : withActions) {
            options.addAll(options(card, card.actions(), used));
        }
        addMenus(rows, options, left, reply, "button.menu");
        return rows;
    }

    private static String prefix(PaperCard card, boolean numbered) {
        return numbered && card.rank() > 0 ? "#" + card.rank() + " " : "";
    }

    private static void addRow(List<MessageTopLevelComponent> rows, List<Action> actions, String prefix,
                               Set<String> used) {
        List<Button> buttons = buttons(actions, prefix, used);
        if (!buttons.isEmpty()) {
            rows.add(ActionRow.of(buttons));
        }
    }

    private static List<SelectOption> options(PaperCard card, List<Action> actions, Set<String> used) {
        List<SelectOption> options = new ArrayList<>();
        for (Action a : actions) {
            if (a.disabled() || !used.add(a.customId())) {
                continue;
            }
            String rank = card.rank() > 0 ? card.rank() + ". " : "";
            options.add(SelectOption.of(Text.truncate(rank + a.label(), SELECT_TEXT_MAX), a.customId())
                    .withDescription(Text.truncate(Text.clean(card.paper().title()), SELECT_TEXT_MAX)));
        }
        return options;
    }

    /** Select menus of at most 25 options each, in at most {@code left} rows; menu ids continue after those made. */
    private static void addMenus(List<MessageTopLevelComponent> rows, List<SelectOption> options, int left,
                                 Reply reply, String placeholderKey) {
        for (int i = 0; i < left && i * SELECT_OPTIONS_MAX < options.size(); i++) {
            List<SelectOption> chunk = options.subList(i * SELECT_OPTIONS_MAX,
                    Math.min(options.size(), (i + 1) * SELECT_OPTIONS_MAX));
            rows.add(ActionRow.of(StringSelectMenu.create(ComponentId.of(PICK_VERB, i).encode())
                    .setPlaceholder(Text.truncate(Messages.of(reply.locale()).get(placeholderKey), 150))
                    .addOptions(chunk)
                    .build()));
        }
    }

    /** The select menu's own id; the chosen option's value is the real component id. */
    static final String PICK_VERB = "pick";

    private static List<Button> buttons(List<Action> actions, String prefix, Set<String> used) {
        List<Button> buttons = new ArrayList<>();
        for (Action a : actions) {
            if (buttons.size() == BUTTONS_PER_ROW) {
                break;
            }
            if (!used.add(a.customId())) {
                continue;
            }
            String label = Text.truncate(prefix + Text.clean(a.label()), BUTTON_LABEL_MAX);
            buttons.add(Button.of(style(a.style()), a.customId(), label.isEmpty() ? "…" : label)
                    .withDisabled(a.disabled()));
        }
        return buttons;
    }

    private static ButtonStyle style(Action.Style style) {
        return switch (style) {
            case PRIMARY -> ButtonStyle.PRIMARY;
            case SECONDARY -> ButtonStyle.SECONDARY;
            case SUCCESS -> ButtonStyle.SUCCESS;
            case DANGER -> ButtonStyle.DANGER;
        };
    }
}
