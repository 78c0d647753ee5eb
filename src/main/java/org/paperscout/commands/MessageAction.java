package org.paperscout.commands;

/** A command run on a message's text (Discord's message context menu, e.g. "Find similar papers"). */
public interface MessageAction {

    String name();

    Reply handle(Invocation context, String messageText);
}
