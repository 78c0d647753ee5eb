package org.paperscout.discord.local;

/**
 * One Discord resource family served by {@link LocalDiscord} (messages, interactions, guilds, ...). The server asks
 * each room in turn; a new family (threads, polls) is a new room added to that list, nothing else changes.
 */
interface Room {

    /** The answer when the request is this room's, else null. Called with {@link ServerState#lock} held. */
    Answer route(Request request);
}
