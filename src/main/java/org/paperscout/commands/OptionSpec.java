package org.paperscout.commands;

import java.util.List;

/**
 * One typed option of a command.
 *
 * @param choices      fixed choices (empty when free)
 * @param autocomplete whether the command answers {@link Command#autocomplete} for it
 * @param min          minimum (numbers) or minimum length (strings), null when none
 * @param max          maximum (numbers) or maximum length (strings), null when none
 */
public record OptionSpec(String name, String description, OptionType type, boolean required,
                         boolean autocomplete, List<Choice> choices, Long min, Long max) {

    public OptionSpec {
        choices = List.copyOf(choices);
    }

    public static OptionSpec string(String name, String description, boolean required) {
        return new OptionSpec(name, description, OptionType.STRING, required, false, List.of(), null, null);
    }

    public OptionSpec withAutocomplete() {
        return new OptionSpec(name, description, type, required, true, choices, min, max);
    }

    public OptionSpec withChoices(Choice... fixed) {
        return new OptionSpec(name, description, type, required, autocomplete, List.of(fixed), min, max);
    }

    public OptionSpec withRange(Long minimum, Long maximum) {
        return new OptionSpec(name, description, type, required, autocomplete, choices, minimum, maximum);
    }

    public OptionSpec ofType(OptionType newType) {
        return new OptionSpec(name, description, newType, required, autocomplete, choices, min, max);
    }
}
