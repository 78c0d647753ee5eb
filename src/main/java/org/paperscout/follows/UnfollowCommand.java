package org.paperscout.follows;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperscout.commands.Choice;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.Reply;
import org.paperscout.commands.UserError;
import org.paperscout.commands.UserInput;
import org.paperscout.follows.Follow;
import org.paperscout.follows.FollowKind;
import org.paperscout.follows.FollowStore;
import org.paperscout.i18n.Messages;

/**
 * {@code /unfollow follow}: removes one of the caller's follows. Autocomplete offers the caller's own follows
 * with the value {@code id:<n>}; typed text ("machine unlearning", "topic: machine unlearning" or "topic machine
 * unlearning") works too, which is what the console does.
 */
public final class UnfollowCommand implements Command {

    static final String OPTION = "follow";
    private static final String ID_PREFIX = "id:";

    private final FollowStore follows;

    public UnfollowCommand(FollowStore follows) {
        this.follows = follows;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("unfollow", "Stop following something",
                OptionSpec.string(OPTION, "one of your follows", true).withAutocomplete());
    }

    @Override
    public Reply handle(Invocation invocation) {
        String userId = invocation.userId();
        String typed = UserInput.require(invocation.string(OPTION).orElse(null), "follow to remove", 120,
                "/unfollow machine unlearning");
        Follow target = typed.startsWith(ID_PREFIX) && typed.substring(ID_PREFIX.length()).matches("\\d{1,18}")
                ? byId(userId, Long.parseLong(typed.substring(ID_PREFIX.length())))
                : byText(userId, typed);
        Optional<Follow> removed = follows.remove(userId, target.id());
        if (removed.isEmpty()) {
            throw UserError.keyed("unfollow.gone");
        }
        return Reply.builder().ephemeral(true).text(Messages.of(invocation.locale()).get("unfollow.done",
                "kind", removed.get().kind().word(), "text", removed.get().text())).build();
    }

    @Override
    public List<Choice> autocomplete(Invocation invocation, String option, String partial) {
        String p = FollowStore.key(partial);
        return follows.list(invocation.userId()).stream()
                .filter(f -> p.isEmpty() || FollowStore.key(f.text()).contains(p) || f.kind().word().startsWith(p))
                .limit(25)
                .map(f -> new Choice(f.kind().word() + ": " + f.text(), ID_PREFIX + f.id()))
                .toList();
    }

    private Follow byId(String userId, long id) {
        return follows.list(userId).stream().filter(f -> f.id() == id).findFirst().orElseThrow(() ->
                UserError.keyed("unfollow.gone"));
    }

    private Follow byText(String userId, String typed) {
        List<Follow> all = follows.list(userId);
        String text = typed;
        List<Follow> matches = matching(all, null, typed);
        // "topic: diffusion" names the kind; "topic diffusion" is how /follow takes it, so it does too, unless a
        // follow is called exactly that.
        Matcher prefixed = KIND_PREFIX.matcher(typed.strip());
        Optional<FollowKind> kind = prefixed.matches() ? FollowKind.parse(prefixed.group(1)) : Optional.empty();
        if (kind.isPresent() && (prefixed.group(2).equals(":") || matches.isEmpty())) {
            text = prefixed.group(3);
            matches = matching(all, kind.get(), text);
        }
        if (matches.isEmpty()) {
            throw UserError.keyed("unfollow.not-following", "text", text.strip());
        }
        if (matches.size() > 1) {
            throw UserError.keyed("unfollow.ambiguous", "text", text.strip(), "kind", matches.get(0).kind().word(),
                    "example", matches.get(0).text().toLowerCase(Locale.ROOT));
        }
        return matches.get(0);
    }

    private static final Pattern KIND_PREFIX = Pattern.compile("(\\p{Alpha}+)\\s*(:|\\s)\\s*(\\S.*)", Pattern.DOTALL);

    private static List<Follow> matching(List<Follow> all, FollowKind kind, String text) {
        String key = FollowStore.key(text);
        return all.stream().filter(f -> FollowStore.key(f.text()).equals(key) && (kind == null || f.kind() == kind))
                .toList();
    }
}
