package org.paperscout.commands;

/**
 * A button under a reply or card. {@code customId} is an encoded {@link ComponentId}; front ends hand it back
 * to {@link Commands#component} when clicked.
 */
public record Action(String label, String customId, Style style, boolean disabled) {

    public enum Style { PRIMARY, SECONDARY, SUCCESS, DANGER }

    public static Action of(String label, ComponentId id) {
        return new Action(label, id.encode(), Style.SECONDARY, false);
    }

    public Action styled(Style newStyle) {
        return new Action(label, customId, newStyle, disabled);
    }

    public Action disabledIf(boolean condition) {
        return new Action(label, customId, style, disabled || condition);
    }
}
