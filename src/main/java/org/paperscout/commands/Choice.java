package org.paperscout.commands;

/** A fixed or autocompleted option choice: what the user sees and the value the command gets. */
public record Choice(String name, String value) {
}
