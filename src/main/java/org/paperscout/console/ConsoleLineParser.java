package org.paperscout.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperscout.commands.Choice;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.UserError;

/**
 * Parses console lines against command specs, the way Discord's client would fill a slash command:
 * {@code /search query: goldfish loss sort: newest}, or positionally {@code /search goldfish loss}, where the
 * leading text goes to the first option not named. Only the spec's own option names count as {@code name:},
 * so a query such as {@code field:x} stays query text.
 */
final class ConsoleLineParser {

    /** A parsed command line. */
    record Parsed(String command, String subcommand, Map<String, Object> options) {
    }

    private final Map<String, CommandSpec> specs = new LinkedHashMap<>();

    ConsoleLineParser(List<CommandSpec> specs) {
        specs.forEach(s -> this.specs.put(s.name(), s));
    }

    Parsed parse(String line) {
        String text = line.strip();
        if (text.startsWith("/")) {
            text = text.substring(1);
        }
        String[] head = text.split("\\s+", 2);
        String name = head[0].toLowerCase(Locale.ROOT);
        String rest = head.length > 1 ? head[1] : "";
        CommandSpec spec = specs.get(name);
        if (spec == null) {
            throw UserError.keyed("console.unknown-command", "name", head[0], "commands", commandList());
        }
        if (spec.subcommands().isEmpty()) {
            return new Parsed(name, null, options(name, null, spec, rest));
        }
        // The sub-command is the first word, typed bare ("topic"), as a label ("topic:"), or left out when a
        // named option belongs to one sub-command only ("/notify time: 08:30 ..." is /notify daily).
        Matcher word = FIRST_WORD.matcher(rest);
        String first = word.find() ? word.group(1).toLowerCase(Locale.ROOT) : "";
        Optional<CommandSpec> sub = spec.subcommands().stream().filter(s -> s.name().equals(first)).findFirst();
        if (sub.isPresent()) {
            return new Parsed(name, first, options(name, first, sub.get(), rest.substring(word.end())));
        }
        if (word.group(2).equals(":")) {
            List<CommandSpec> owners = spec.subcommands().stream()
                    .filter(s -> s.options().stream().anyMatch(o -> o.name().equals(first))).toList();
            if (owners.size() == 1) {
                CommandSpec owner = owners.get(0);
                return new Parsed(name, owner.name(), options(name, owner.name(), owner, rest));
            }
        }
        CommandSpec example = spec.subcommands().get(0);
        throw UserError.keyed("console.needs-subcommand", "name", name, "subcommands", String.join(", ",
                spec.subcommands().stream().map(CommandSpec::name).toList()), "example",
                example(name, example.name(), example));
    }

    /** The first word and what ends it: a colon, white space, or the end of the line. */
    private static final Pattern FIRST_WORD = Pattern.compile("^([^\\s:]*)(:|\\s+|$)\\s*");

    private Map<String, Object> options(String name, String sub, CommandSpec spec, String rest) {
        Map<String, String> raw = new LinkedHashMap<>();
        List<OptionSpec> opts = spec.options();
        if (!opts.isEmpty()) {
            String names = String.join("|", opts.stream().map(o -> Pattern.quote(o.name())).toList());
            Matcher m = Pattern.compile("(?:^|\\s)(" + names + "):", Pattern.CASE_INSENSITIVE).matcher(rest);
            List<int[]> marks = new ArrayList<>();
            List<String> markNames = new ArrayList<>();
            while (m.find()) {
                marks.add(new int[] {m.start(1), m.end()});
                markNames.add(m.group(1).toLowerCase(Locale.ROOT));
            }
            String leading = (marks.isEmpty() ? rest : rest.substring(0, marks.get(0)[0])).strip();
            for (int i = 0; i < marks.size(); i++) {
                int end = i + 1 < marks.size() ? marks.get(i + 1)[0] : rest.length();
                String option = markNames.get(i);
                if (raw.put(option, rest.substring(marks.get(i)[1], end).strip()) != null) {
                    throw UserError.keyed("console.given-twice", "option", option, "usage", usage(name, sub, spec));
                }
            }
            if (!leading.isEmpty()) {
                OptionSpec positional = opts.stream().filter(o -> !raw.containsKey(o.name())).findFirst()
                        .orElseThrow(() -> UserError.keyed("console.unplaced-text", "text", leading, "usage",
                                usage(name, sub, spec)));
                raw.put(positional.name(), leading);
            }
        } else if (!rest.isBlank()) {
            throw UserError.keyed("console.no-options", "command", name + (sub == null ? "" : " " + sub));
        }
        Map<String, Object> typed = new LinkedHashMap<>();
        for (OptionSpec o : opts) {
            String value = raw.get(o.name());
            if (value == null || value.isEmpty()) {
                if (o.required()) {
                    throw UserError.keyed("console.missing", "option", o.name(), "example", example(name, sub, spec));
                }
                continue;
            }
            typed.put(o.name(), convert(o, value));
        }
        return typed;
    }

    private static Object convert(OptionSpec o, String value) {
        if (!o.choices().isEmpty()) {
            Optional<Choice> choice = o.choices().stream()
                    .filter(c -> c.value().equalsIgnoreCase(value) || c.name().equalsIgnoreCase(value)).findFirst();
            if (choice.isEmpty()) {
                throw UserError.keyed("console.one-of", "option", o.name(), "choices",
                        String.join(", ", o.choices().stream().map(Choice::value).toList()));
            }
            return choice.get().value();
        }
        switch (o.type()) {
            case INTEGER -> {
                try {
                    long v = Long.parseLong(value);
                    if ((o.min() != null && v < o.min()) || (o.max() != null && v > o.max())) {
                        throw UserError.keyed("console.range", "option", o.name(), "min", String.valueOf(o.min()), "max",
                                String.valueOf(o.max()));
                    }
                    return v;
                } catch (NumberFormatException e) {
                    throw UserError.keyed("console.whole-number", "option", o.name());
                }
            }
            case NUMBER -> {
                try {
                    return Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw UserError.keyed("console.number", "option", o.name());
                }
            }
            case BOOLEAN -> {
                if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes")) {
                    return true;
                }
                if (value.equalsIgnoreCase("false") || value.equalsIgnoreCase("no")) {
                    return false;
                }
                throw UserError.keyed("console.true-false", "option", o.name());
            }
            default -> {
                if (o.type() == org.paperscout.commands.OptionType.STRING && o.max() != null
                        && value.length() > o.max()) {
                    throw UserError.keyed("console.too-long", "option", o.name(), "length", String.valueOf(value.length()),
                            "limit", String.valueOf(o.max()));
                }
                return value;
            }
        }
    }

    String commandList() {
        return String.join(", ", specs.keySet().stream().sorted().map(n -> "/" + n).toList());
    }

    /**
     * A line that would work: the required options filled with the examples their descriptions give ("e.g. cs.LG"),
     * a lone option positionally and several by name, so the hint never shows a bare placeholder.
     */
    static String example(String name, String sub, CommandSpec spec) {
        List<OptionSpec> required = spec.options().stream().filter(OptionSpec::required).toList();
        StringBuilder sb = new StringBuilder("/").append(name).append(sub == null ? "" : " " + sub);
        for (OptionSpec o : required) {
            sb.append(' ').append(required.size() == 1 ? "" : o.name() + ": ").append(exampleValue(o));
        }
        return sb.toString();
    }

    private static String exampleValue(OptionSpec o) {
        if (!o.choices().isEmpty()) {
            return o.choices().get(0).value();
        }
        int eg = o.description().indexOf("e.g. ");
        if (eg >= 0) {
            String value = o.description().substring(eg + 5).split("[,;)]", 2)[0].strip();
            if (!value.isEmpty()) {
                return value;
            }
        }
        return switch (o.type()) {
            case INTEGER -> String.valueOf(o.min() == null ? 1 : o.min());
            case NUMBER -> "1";
            case BOOLEAN -> "true";
            default -> "<" + o.name() + ">";
        };
    }

    private static String usage(String name, String sub, CommandSpec spec) {
        return "/" + name + (sub == null ? "" : " " + sub) + usage(spec);
    }

    private static String usage(CommandSpec spec) {
        StringBuilder sb = new StringBuilder();
        for (OptionSpec o : spec.options()) {
            sb.append(' ').append(o.required() ? o.name() : "[" + o.name() + "]");
        }
        return sb.toString();
    }
}
