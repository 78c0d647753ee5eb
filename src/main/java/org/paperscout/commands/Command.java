package org.paperscout.commands;

import java.util.List;
import java.util.Set;

/** One command of the front-end-neutral layer: its spec plus behaviour. */
public interface Command {

    CommandSpec spec();

    Reply handle(Invocation invocation);

    /** Choices for an option being typed; at most 25, names and values at most 100 characters. */
    default List<Choice> autocomplete(Invocation invocation, String option, String partial) {
        return List.of();
    }

    /** The {@link ComponentId#verb()}s this command's buttons use. */
    default Set<String> componentVerbs() {
        return Set.of();
    }

    /** Handles a click on one of this command's buttons; {@code context} says who clicked where. */
    default Reply component(Invocation context, ComponentId id) {
        throw new UnsupportedOperationException(id.verb());
    }
}
