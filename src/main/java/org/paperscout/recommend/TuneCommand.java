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
        Optional<String> action = inv.string(ACTION).map(String::strip);
        Optional<Integer> trending = value(inv, TRENDING);
        Optional<Integer> relevance = value(inv, RELEVANCE);
        Optional<Integer> recency = value(inv, RECENCY);
        boolean anyValue = trending.isPresent() || relevance.isPresent() || recency.isPresent();
        if (action.filter("reset"::equalsIgnoreCase).isPresent()) {
            if (anyValue) {
                throw new UserError("Use either /tune reset or numbers, not both. E.g. /tune trending: 20 relevance: 60 recency: 20");
            }
            tunes.reset(user);
            return done("Back to the default mix: " + config.defaultTune().describe() + ".");
        }
        Tune current = tunes.get(user).orElse(config.defaultTune());
        if (!anyValue) {
            boolean own = tunes.get(user).isPresent();
            return done("Your mix for /recommend: " + current.describe() + (own ? "" : " (the default)")
                    + ". Change it with /tune trending: 20 relevance: 60 recency: 20, or go back with /tune reset.");
        }
        int t = trending.orElse(current.trending());
        int rel = relevance.orElse(current.relevance());
        int rec = recency.orElse(current.recency());
        if (t + rel + rec == 0) {
            throw new UserError("At least one of trending, relevance and recency must be above 0, "
                    + "e.g. /tune relevance: 100");
        }
        Tune tune = new Tune(t, rel, rec);
        tunes.set(user, tune);
        return done("Your mix is now " + tune.describe() + ". /recommend uses it from now on; /tune reset undoes it.");
    }

    private static Optional<Integer> value(Invocation inv, String name) {
        Optional<Long> v;
        try {
            v = inv.integer(name);
        } catch (NumberFormatException e) {
            throw new UserError(name + " must be a whole number from 0 to 100, e.g. /tune " + name + ": 20");
        }
        if (v.isPresent() && (v.get() < 0 || v.get() > 100)) {
            throw new UserError(name + " must be from 0 to 100, e.g. /tune " + name + ": 20");
        }
        return v.map(Long::intValue);
    }

    private static Reply done(String text) {
        return Reply.builder().text(text).ephemeral(true).build();
    }
}
