package org.paperscout.commands;

import java.util.ArrayList;
import java.util.List;
import org.paperscout.catalog.Paper;

/** The buttons every paper card offers, so search, similar and paper cards stay consistent. */
public final class PaperCards {

    public static final String SAVE = "save";
    public static final String SIMILAR = "similar";
    public static final String EXPAND = "expand";

    private PaperCards() {
    }

    public static List<Action> actions(Paper paper, boolean withExpand) {
        List<Action> actions = new ArrayList<>();
        actions.add(Action.of("Save", ComponentId.of(SAVE, paper.id())).styled(Action.Style.SUCCESS));
        actions.add(Action.of("Similar", ComponentId.of(SIMILAR, paper.id())));
        if (withExpand) {
            actions.add(Action.of("Abstract", ComponentId.of(EXPAND, paper.id())));
        }
        return actions;
    }

    public static PaperCard listed(Paper paper, int rank, Snippet snippet) {
        return new PaperCard(paper, rank, snippet, false, List.of(), actions(paper, true));
    }

    public static PaperCard full(Paper paper) {
        return new PaperCard(paper, 0, Snippet.EMPTY, true, List.of(), actions(paper, false));
    }
}
