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
import org.paperscout.i18n.Messages;

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
        Messages m = Messages.of(invocation.locale());
        List<Follow> all = follows.list(invocation.userId());
        if (all.isEmpty()) {
            return Reply.builder().ephemeral(true).text(m.get("following.none")).build();
        }
        StringBuilder text = new StringBuilder();
        for (FollowKind kind : FollowKind.values()) {
            List<Follow> ofKind = all.stream().filter(f -> f.kind() == kind).toList();
            if (ofKind.isEmpty()) {
                continue;
            }
            String heading = m.get(switch (kind) {
                case TOPIC -> "following.topics";
                case AUTHOR -> "following.authors";
                case CATEGORY -> "following.categories";
                case EXCLUDE -> "following.excluded";
            });
            text.append(heading).append(": ")
                    .append(ofKind.stream().map(f -> m.get("following.item", "text", f.text())).collect(Collectors.joining(", ")))
                    .append('\n');
        }
        return Reply.builder().title(m.get("following.title", "count", all.size(), "max", FollowStore.MAX_FOLLOWS))
                .text(text.toString().strip()).footer(m.get("following.footer")).ephemeral(true).build();
    }
}
