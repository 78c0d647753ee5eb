package org.paperscout.recommend;

import java.util.Optional;
import org.paperscout.commands.Choice;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.OptionType;
import org.paperscout.commands.Reply;
import org.paperscout.commands.UserError;
import org.paperscout.i18n.Messages;

/**
 * {@code /tune trending: 0-100 relevance: 0-100 recency: 0-100} sets the caller's mix for /recommend (values
 * not given keep their current value); {@code /tune reset} goes back to the defaults; {@code /tune} shows it.
 * The action comes first so that the console's {@code /tune reset} reads it positionally.
 */
public final class TuneCommand implements Command {

    static final String ACTION = "action";
    static final String TRENDING = "trending";
    static final String RELEVANCE = "relevance";
    static final String RECENCY = "recency";

    private final TuneStore tunes;
    private final RecommendConfig config;

    public TuneCommand(TuneStore tunes, RecommendConfig config) {
        this.tunes = tunes;
        this.config = config;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("tune", "Set your own mix for /recommend, or reset it",
                OptionSpec.string(ACTION, "reset to the defaults, or show your mix", false)
                        .withChoices(new Choice("reset", "reset"), new Choice("show", "show")),
                weight(TRENDING, "how much popularity counts, 0-100"),
                weight(RELEVANCE, "how much matching your follows and feedback counts, 0-100"),
                weight(RECENCY, "how much newness counts, 0-100"));
    }

    private static OptionSpec weight(String name, String description) {
        return OptionSpec.string(name, description, false).ofType(OptionType.INTEGER).withRange(0L, 100L);
    }

    @Override
    public Reply handle(Invocation inv) {
        String user = inv.userId();
        // The mix names the options as they are typed (trending, relevance, recency), so it stays as is.
        Messages m = Messages.of(inv.locale());
        Optional<String> action = inv.string(ACTION).map(String::strip);
        Optional<Integer> trending = value(inv, TRENDING);
        Optional<Integer> relevance = value(inv, RELEVANCE);
        Optional<Integer> recency = value(inv, RECENCY);
        boolean anyValue = trending.isPresent() || relevance.isPresent() || recency.isPresent();
        if (action.filter("reset"::equalsIgnoreCase).isPresent()) {
            if (anyValue) {
                throw UserError.keyed("tune.reset-and-numbers");
            }
            tunes.reset(user);
            return done(m.get("tune.reset", "mix", config.defaultTune().describe()));
        }
        Tune current = tunes.get(user).orElse(config.defaultTune());
        if (!anyValue) {
            boolean own = tunes.get(user).isPresent();
            return done(m.get(own ? "tune.show" : "tune.show-default", "mix", current.describe()));
        }
        int t = trending.orElse(current.trending());
        int rel = relevance.orElse(current.relevance());
        int rec = recency.orElse(current.recency());
        if (t + rel + rec == 0) {
            throw UserError.keyed("tune.all-zero");
        }
        Tune tune = new Tune(t, rel, rec);
        tunes.set(user, tune);
        return done(m.get("tune.set", "mix", tune.describe()));
    }

    private static Optional<Integer> value(Invocation inv, String name) {
        Optional<Long> v;
        try {
            v = inv.integer(name);
        } catch (NumberFormatException e) {
            throw UserError.keyed("tune.not-a-number", "name", name);
        }
        if (v.isPresent() && (v.get() < 0 || v.get() > 100)) {
            throw UserError.keyed("tune.out-of-range", "name", name);
        }
        return v.map(Long::intValue);
    }

    private static Reply done(String text) {
        return Reply.builder().text(text).ephemeral(true).build();
    }
}
