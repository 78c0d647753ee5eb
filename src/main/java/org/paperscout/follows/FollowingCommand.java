package org.paperscout.follows;

import java.util.List;
import java.util.stream.Collectors;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.Reply;
import org.paperscout.follows.Follow;
import org.paperscout.follows.FollowKind;
import org.paperscout.follows.FollowStore;

/** {@code /following}: the caller's follows, grouped by kind. */
public final class FollowingCommand implements Command {

    private final FollowStore follows;

    public FollowingCommand(FollowStore follows) {
        this.follows = follows;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("following", "What you follow");
    }

    @Override
    public Reply handle(Invocation invocation) {
        List<Follow> all = follows.list(invocation.userId());
        if (all.isEmpty()) {
            return Reply.builder().ephemeral(true).text("You don't follow anything yet. Try /follow topic machine "
                    + "unlearning, /follow author Yoshua Bengio or /follow category cs.LG.").build();
        }
        StringBuilder text = new StringBuilder();
        for (FollowKind kind : FollowKind.values()) {
            List<Follow> ofKind = all.stream().filter(f -> f.kind() == kind).toList();
            if (ofKind.isEmpty()) {
                continue;
            }
            String heading = switch (kind) {
                case TOPIC -> "Topics";
                case AUTHOR -> "Authors";
                case CATEGORY -> "Categories";
                case EXCLUDE -> "Excluded topics";
            };
            text.append(heading).append(": ")
                    .append(ofKind.stream().map(f -> "“" + f.text() + "”").collect(Collectors.joining(", ")))
                    .append('\n');
        }
        return Reply.builder().title("You follow " + all.size() + " of " + FollowStore.MAX_FOLLOWS)
                .text(text.toString().strip()).footer("Remove one with /unfollow.").ephemeral(true).build();
    }
}
