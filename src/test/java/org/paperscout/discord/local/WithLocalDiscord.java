package org.paperscout.discord.local;

import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumingThat;

/** A local Discord started for each test, and the real JDA clients a test connects to it, closed after. */
abstract class WithLocalDiscord {

    static final Duration WAIT = Duration.ofSeconds(10);

    LocalDiscord discord;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void startServer() {
        discord = LocalDiscord.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        discord.close();
    }

    LocalJda connect(Object... listeners) {
        LocalJda bot = LocalJda.connect(discord, listeners);
        toClose.add(bot);
        return bot;
    }

    /** A listener that hands each slash event to the test, which answers it itself. */
    static final class Events extends ListenerAdapter {
        final BlockingQueue<Object> received = new LinkedBlockingQueue<>();

        @Override
        public void onSlashCommandInteraction(SlashCommandInteractionEvent e) {
            received.add(e);
        }

        @Override
        public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent e) {
            received.add(e);
        }

        @Override
        public void onButtonInteraction(ButtonInteractionEvent e) {
            received.add(e);
        }

        @Override
        public void onStringSelectInteraction(StringSelectInteractionEvent e) {
            received.add(e);
        }

        @Override
        public void onMessageContextInteraction(MessageContextInteractionEvent e) {
            received.add(e);
        }

        <T> T next(Class<T> type) throws InterruptedException {
            Object e = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(e).as("an event of type " + type.getSimpleName()).isInstanceOf(type);
            return type.cast(e);
        }
    }

    /** Only this assertion is skipped when Discord's OpenAPI file is absent; the rest of the test still runs. */
    void assertSchemaValid() {
        assumingThat(discord.validator().isAvailable(), () -> assertThat(discord.schemaViolations()).isEmpty());
    }
}
