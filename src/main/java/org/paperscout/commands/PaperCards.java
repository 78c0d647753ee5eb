package org.paperscout.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.paperscout.catalog.Paper;
import org.paperscout.i18n.Messages;
import org.paperscout.search.Snippet;

/** The buttons every paper card offers, so search, similar and paper cards stay consistent. */
public final class PaperCards {

    public static final String SAVE = "save";
    public static final String VOTE_UP = "vote-up";
    public static final String VOTE_DOWN = "vote-down";
    public static final String NOT_INTERESTED = "not-interested";
    public static final String SIMILAR = "similar";
    public static final String EXPAND = "expand";
    /** Opens (or links) the paper's discussion thread in the channel; handled by the paper club. */
    public static final String DISCUSS = "discuss";

    private PaperCards() {
    }

    /**
     * Save, 👍, 👎, Not interested, Similar and Discuss, plus Abstract when the card shows only a snippet. Feedback
     * buttons sit on every card, so a vote is one click wherever a paper appears; Discuss too, so any card can start
     * the group's thread on it.
     */
    public static List<Action> actions(String paperId, boolean withExpand) {
        return actions(Messages.ENGLISH, paperId, withExpand);
    }

    /** {@link #actions(String, boolean)} labelled in {@code locale}. */
    public static List<Action> actions(Locale locale, String paperId, boolean withExpand) {
        Messages m = Messages.of(locale);
        List<Action> actions = new ArrayList<>();
        actions.add(Action.of(m.get("button.save"), ComponentId.of(SAVE, paperId)).styled(Action.Style.SUCCESS));
        actions.add(Action.of("👍", ComponentId.of(VOTE_UP, paperId)));
        actions.add(Action.of("👎", ComponentId.of(VOTE_DOWN, paperId)));
        actions.add(Action.of(m.get("button.not-interested"), ComponentId.of(NOT_INTERESTED, paperId)));
        actions.add(Action.of(m.get("button.similar"), ComponentId.of(SIMILAR, paperId)));
        if (withExpand) {
            actions.add(Action.of(m.get("button.abstract"), ComponentId.of(EXPAND, paperId)));
        }
        actions.add(Action.of(m.get("button.discuss"), ComponentId.of(DISCUSS, paperId)));
        return actions;
    }

    public static PaperCard listed(Paper paper, int rank, Snippet snippet) {
        return listed(Messages.ENGLISH, paper, rank, snippet);
    }

    public static PaperCard listed(Locale locale, Paper paper, int rank, Snippet snippet) {
        return new PaperCard(paper, rank, snippet, false, List.of(), actions(locale, paper.id(), true));
    }

    public static PaperCard full(Paper paper) {
        return full(Messages.ENGLISH, paper);
    }

    public static PaperCard full(Locale locale, Paper paper) {
        return new PaperCard(paper, 0, Snippet.EMPTY, true, List.of(), actions(locale, paper.id(), false));
    }
}
