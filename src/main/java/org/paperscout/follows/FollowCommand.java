package org.paperscout.follows;

import java.util.List;
import org.paperscout.catalog.ArxivCategories;
import org.paperscout.commands.Choice;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.Reply;
import org.paperscout.commands.UserError;
import org.paperscout.commands.UserInput;
import org.paperscout.follows.FollowKind;
import org.paperscout.follows.FollowStore;
import org.paperscout.i18n.Messages;

/** {@code /follow topic|author|category|exclude}: adds to the caller's follow list. */
public final class FollowCommand implements Command {

    /** The option of each sub-command, named for what it holds so messages and the console read well. */
    static String option(FollowKind kind) {
        return switch (kind) {
            case TOPIC, EXCLUDE -> "topic";
            case AUTHOR -> "name";
            case CATEGORY -> "category";
        };
    }

    private final FollowStore follows;
    private final TopicValidator topics;
    private final ArxivCategories categories = ArxivCategories.load();

    public FollowCommand(FollowStore follows, TopicValidator topics) {
        this.follows = follows;
        this.topics = topics;
    }

    @Override
    public CommandSpec spec() {
        long max = FollowStore.MAX_LENGTH;
        return CommandSpec.withSubcommands("follow", "Follow a topic, author or arXiv category",
                CommandSpec.of("topic", "Follow a topic (a search query)",
                        OptionSpec.string("topic", "e.g. machine unlearning", true).withRange(1L, max)),
                CommandSpec.of("author", "Follow an author",
                        OptionSpec.string("name", "the author's name, e.g. Yoshua Bengio", true).withRange(1L, max)),
                CommandSpec.of("category", "Follow an arXiv category",
                        OptionSpec.string("category", "e.g. cs.LG", true).withRange(1L, max).withAutocomplete()),
                CommandSpec.of("exclude", "Keep a topic out of your recommendations",
                        OptionSpec.string("topic", "e.g. reinforcement learning", true).withRange(1L, max)));
    }

    @Override
    public Reply handle(Invocation invocation) {
        FollowKind kind = FollowKind.parse(invocation.subcommand()).orElseThrow(() -> UserError.keyed("follow.which"));
        String example = switch (kind) {
            case TOPIC -> "/follow topic machine unlearning";
            case AUTHOR -> "/follow author Yoshua Bengio";
            case CATEGORY -> "/follow category cs.LG";
            case EXCLUDE -> "/follow exclude reinforcement learning";
        };
        String what = kind == FollowKind.EXCLUDE ? "topic to exclude" : kind == FollowKind.AUTHOR ? "name" : kind.word();
        String text = UserInput.require(invocation.string(option(kind)).orElse(null), what, FollowStore.MAX_LENGTH, example);
        if (kind == FollowKind.TOPIC || kind == FollowKind.EXCLUDE) {
            topics.check(text);
        }
        if (kind == FollowKind.CATEGORY) {
            String typed = text;
            text = categories.canonical(text).orElseThrow(() -> UserError.keyed("follow.bad-category", "category", typed));
        }
        FollowStore.AddResult result = follows.add(invocation.userId(), kind, text);
        Messages m = Messages.of(invocation.locale());
        String message = switch (result.outcome()) {
            // arXiv's category names are proper names, like paper titles, so they stay English.
            case ADDED -> m.get("follow.added-" + kind.word(), "text", text, "count", result.count(),
                    "max", FollowStore.MAX_FOLLOWS, "name", kind == FollowKind.CATEGORY ? categories.name(text) : "");
            case DUPLICATE -> m.get("follow.duplicate", "kind", result.follow().kind().word(),
                    "text", result.follow().text());
            case LIMIT_REACHED -> m.get("recommend.limit", "max", FollowStore.MAX_FOLLOWS);
        };
        return Reply.builder().text(message).ephemeral(true).build();
    }

    @Override
    public List<Choice> autocomplete(Invocation invocation, String option, String partial) {
        if (!"category".equals(invocation.subcommand())) {
            return List.of();
        }
        return categories.suggest(partial, 25).stream()
                .map(code -> new Choice(code + " — " + categories.name(code), code)).toList();
    }
}
