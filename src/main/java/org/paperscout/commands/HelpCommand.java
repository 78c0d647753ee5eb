package org.paperscout.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.paperscout.i18n.Messages;

/** {@code /help [command]}: what each command does, built from the specs so it never goes stale. */
public final class HelpCommand implements Command {

    private final Supplier<List<CommandSpec>> specs;
    private final Map<String, Function<Messages, String>> notes;

    /**
     * @param specs every registered command (supplied late: help is one of them)
     * @param notes extra text for some commands (e.g. how /trending scores papers), worded in each user's language
     */
    public HelpCommand(Supplier<List<CommandSpec>> specs, Map<String, Function<Messages, String>> notes) {
        this.specs = specs;
        this.notes = Map.copyOf(notes);
    }

    /** A note that is one message, e.g. {@code keyed("search.operators")}. */
    public static Function<Messages, String> keyed(String key) {
        return m -> m.get(key);
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("help", "What PaperScout can do, or how one command works",
                OptionSpec.string("command", "A command name, e.g. search", false).withAutocomplete());
    }

    @Override
    public Reply handle(Invocation inv) {
        Messages m = Messages.of(inv.locale());
        Optional<String> wanted = inv.string("command").map(c -> c.strip().replaceFirst("^/", ""));
        if (wanted.isPresent() && !wanted.get().isEmpty()) {
            CommandSpec spec = specs.get().stream().filter(s -> s.name().equals(wanted.get())).findFirst()
                    .orElseThrow(() -> UserError.keyed("help.no-command", "command", Text.truncate(wanted.get(), 40)));
            return Reply.builder().title("/" + spec.name()).text(describe(m, spec)).ephemeral(true).build();
        }
        StringBuilder sb = new StringBuilder();
        for (CommandSpec spec : specs.get()) {
            sb.append(usage(spec)).append(" — ").append(CommandTexts.description(m,
                    CommandTexts.descriptionKey(spec.name(), null), spec.description())).append('\n');
        }
        sb.append('\n').append(m.get("help.more"));
        return Reply.builder().title(m.get("help.title")).text(sb.toString().strip()).ephemeral(true).build();
    }

    @Override
    public List<Choice> autocomplete(Invocation inv, String option, String partial) {
        return specs.get().stream().map(CommandSpec::name).filter(n -> n.startsWith(partial.strip()))
                .map(n -> new Choice(n, n)).toList();
    }

    private String describe(Messages m, CommandSpec spec) {
        List<String> lines = new ArrayList<>();
        lines.add(CommandTexts.description(m, CommandTexts.descriptionKey(spec.name(), null), spec.description())
                + (spec.manageServer() ? " " + m.get("help.needs-manage-server") : ""));
        if (spec.subcommands().isEmpty()) {
            lines.add(m.get("help.usage", "usage", usage(spec)));
            spec.options().forEach(o -> lines.add("  " + o.name() + (o.required() ? "" : " " + m.get("help.optional"))
                    + ": " + CommandTexts.description(m, CommandTexts.optionKey(spec.name(), null, o.name()),
                            o.description()) + values(m, o)));
        } else {
            for (CommandSpec sub : spec.subcommands()) {
                lines.add("/" + spec.name() + " " + sub.name() + optionsUsage(sub) + " — " + CommandTexts.description(
                        m, CommandTexts.descriptionKey(spec.name(), sub.name()), sub.description()));
            }
        }
        Function<Messages, String> note = notes.get(spec.name());
        if (note != null) {
            lines.add("");
            lines.add(note.apply(m));
        }
        return String.join("\n", lines);
    }

    /** The fixed values of an option, which a console user cannot pick from a menu as Discord users can. */
    private static String values(Messages m, OptionSpec option) {
        if (option.choices().isEmpty()) {
            return "";
        }
        List<String> values = option.choices().stream().map(Choice::value).toList();
        return " (" + String.join(" " + m.get("help.or") + " ", values) + ")";
    }

    private static String usage(CommandSpec spec) {
        if (!spec.subcommands().isEmpty()) {
            return "/" + spec.name() + " " + String.join("|", spec.subcommands().stream().map(CommandSpec::name).toList());
        }
        return "/" + spec.name() + optionsUsage(spec);
    }

    private static String optionsUsage(CommandSpec spec) {
        StringBuilder sb = new StringBuilder();
        for (OptionSpec o : spec.options()) {
            sb.append(' ').append(o.required() ? o.name() : "[" + o.name() + "]");
        }
        return sb.toString();
    }
}
