package org.paperscout.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a command answers, independent of any front end. Every string here is literal text: renderers escape
 * it for their medium (Discord markdown, terminal) and add their own formatting.
 *
 * @param title           a heading, or null
 * @param text            the message body, or empty
 * @param cards           papers to show, in order
 * @param rows            rows of buttons under the whole reply (paging, confirmations)
 * @param footer          a short closing line, or null
 * @param ephemeral       only the caller should see it (personal answers and errors)
 * @param replacesMessage for a button: replace the message it sits on rather than answer anew (paging)
 * @param attachment      a file to send with it, or null
 * @param locale          the language of the reply, for the labels renderers add (card fields, menus); null
 *                        until {@link Commands} sets the caller's, and English for renderers when still null
 */
public record Reply(String title, String text, List<PaperCard> cards, List<List<Action>> rows, String footer,
                    boolean ephemeral, boolean replacesMessage, Attachment attachment, Locale locale) {

    public Reply(String title, String text, List<PaperCard> cards, List<List<Action>> rows, String footer,
                 boolean ephemeral, boolean replacesMessage, Attachment attachment) {
        this(title, text, cards, rows, footer, ephemeral, replacesMessage, attachment, null);
    }

    public Reply {
        // Replies echo what users typed (an unknown name, a bad value); strip direction overrides once, here.
        title = Text.printable(title);
        text = text == null ? "" : Text.printable(text);
        footer = Text.printable(footer);
        cards = List.copyOf(cards);
        rows = rows.stream().map(List::copyOf).toList();
    }

    public static Reply text(String text) {
        return builder().text(text).build();
    }

    /** A short, ephemeral message telling the user what went wrong and what to type instead. */
    public static Reply error(String message) {
        return builder().text(message).ephemeral(true).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same reply in {@code language}, unless it already has one (a channel digest keeps its server's). */
    public Reply inLanguage(Locale language) {
        return locale != null ? this : new Reply(title, text, cards, rows, footer, ephemeral, replacesMessage,
                attachment, language);
    }

    public Builder toBuilder() {
        Builder b = new Builder().title(title).text(text).footer(footer).ephemeral(ephemeral)
                .replacesMessage(replacesMessage).attachment(attachment).locale(locale);
        cards.forEach(b::card);
        rows.forEach(b::row);
        return b;
    }

    public static final class Builder {
        private String title;
        private String text = "";
        private final List<PaperCard> cards = new ArrayList<>();
        private final List<List<Action>> rows = new ArrayList<>();
        private String footer;
        private boolean ephemeral;
        private boolean replacesMessage;
        private Attachment attachment;
        private Locale locale;

        public Builder title(String value) {
            this.title = value;
            return this;
        }

        public Builder text(String value) {
            this.text = value;
            return this;
        }

        public Builder card(PaperCard card) {
            cards.add(card);
            return this;
        }

        public Builder cards(List<PaperCard> more) {
            cards.addAll(more);
            return this;
        }

        public Builder row(List<Action> actions) {
            if (!actions.isEmpty()) {
                rows.add(actions);
            }
            return this;
        }

        public Builder footer(String value) {
            this.footer = value;
            return this;
        }

        public Builder ephemeral(boolean value) {
            this.ephemeral = value;
            return this;
        }

        public Builder replacesMessage(boolean value) {
            this.replacesMessage = value;
            return this;
        }

        public Builder attachment(Attachment value) {
            this.attachment = value;
            return this;
        }

        public Builder locale(Locale value) {
            this.locale = value;
            return this;
        }

        public Reply build() {
            return new Reply(title, text, cards, rows, footer, ephemeral, replacesMessage, attachment, locale);
        }
    }
}
