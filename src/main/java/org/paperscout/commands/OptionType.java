package org.paperscout.commands;

/** Option value types every front end can collect. */
public enum OptionType {
    STRING, INTEGER, NUMBER, BOOLEAN, CHANNEL, USER, ROLE
}
