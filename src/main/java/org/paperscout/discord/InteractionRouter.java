package org.paperscout.discord;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Phaser;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.events.guild.GuildLeaveEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.GenericComponentInteractionCreateEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.AutoCompleteQuery;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.requests.RestAction;
import org.paperscout.commands.Choice;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.Commands;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;
import org.paperscout.i18n.Messages;
import org.paperscout.ops.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Receives JDA's events on its gateway thread and hands the work to a bounded pool, so a slow search never blocks
 * other commands. Each interaction is answered directly when the work finishes within {@code deferAfter};
 * otherwise (or at once for commands marked slow) it is acknowledged first and edited when done, so Discord's
 * 3-second deadline is met whatever the queue looks like. A full pool answers "busy" at once.
 */
final class InteractionRouter extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(InteractionRouter.class);

    /** Discord ignores autocomplete answers after 3 s; past this there is no point computing one. */
    static final Duration AUTOCOMPLETE_GIVE_UP = Duration.ofMillis(2500);
    static final int AUTOCOMPLETE_MAX = 25;
    static final int CHOICE_MAX = 100;

    private final Commands commands;
    private final DiscordConfig config;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Cooldown cooldown;
    private final Answers answers;
    private volatile boolean stopping;

    InteractionRouter(Commands commands, DiscordRenderer renderer, DiscordConfig config, ExecutorService workers,
                      ScheduledExecutorService timer, Cooldown cooldown) {
        this.commands = commands;
        this.config = config;
        this.workers = workers;
        this.timer = timer;
        this.cooldown = cooldown;
        this.answers = new Answers(renderer);
    }

    /** Waits (bounded) until every answer sent has been answered by Discord; false on timeout. */
    boolean awaitInFlight(Duration timeout) throws InterruptedException {
        return answers.awaitInFlight(timeout);
    }

    /** New interactions get a short "restarting" answer from now on; running ones finish. */
    void stop() {
        stopping = true;
    }

    // ---- slash commands, message commands, components ----

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent e) {
        // Only registered names become metric labels, so the label set stays bounded.
        String label = commands.spec(e.getName()).isPresent() ? e.getName() : "unknown";
        if (turnedAway(e, label)) {
            return;
        }
        Invocation inv = Invocations.invocation(e, e.getName(), e.getSubcommandName(), Invocations.options(e.getOptions(), null));
        boolean slow = commands.spec(e.getName()).map(CommandSpec::mightBeSlow).orElse(false);
        boolean personal = config.ephemeralCommands().contains(e.getName());
        dispatch(e, answers.forReply(e, personal), slow, () -> commands.run(inv), "/" + e.getFullCommandName(), label);
    }

    @Override
    public void onMessageContextInteraction(MessageContextInteractionEvent e) {
        if (turnedAway(e, "message-action")) {
            return;
        }
        Invocation inv = Invocations.invocation(e, e.getName(), null, Map.of());
        String text = Invocations.messageText(e.getTarget());
        boolean personal = config.ephemeralCommands().contains(e.getName());
        dispatch(e, answers.forReply(e, personal), false, () -> commands.messageAction(inv, e.getName(), text),
                "message action " + e.getName(), "message-action");
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent e) {
        component(e, e.getComponentId());
    }

    @Override
    public void onStringSelectInteraction(StringSelectInteractionEvent e) {
        // Our select menus list per-card actions; the chosen option's value is the action's component id.
        component(e, e.getValues().isEmpty() ? "" : e.getValues().get(0));
    }

    private void component(GenericComponentInteractionCreateEvent e, String customId) {
        if (turnedAway(e, "component")) {
            return;
        }
        String verb = ComponentId.parse(customId).map(ComponentId::verb).orElse("");
        Invocation inv = Invocations.invocation(e, verb, null, Map.of());
        dispatch(e, answers.forComponent(e), false, () -> commands.component(inv, customId), "component " + verb,
                "component");
    }

    /** Answers at once (on the gateway thread, without waiting) when the bot is stopping or the user is too fast. */
    private boolean turnedAway(IReplyCallback e, String label) {
        Messages m = messages(e);
        if (stopping) {
            replyNow(e, m.get("error.stopping"));
            return true;
        }
        Duration wait = cooldown.tryAcquire(e.getUser().getId());
        if (!wait.isZero()) {
            commands.telemetry().outcome(label, Telemetry.Outcome.COOLDOWN);
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            replyNow(e, m.get("error.cooldown", "seconds", seconds));
            return true;
        }
        return false;
    }

    /** The words of the user's Discord client, English for a language without a bundle. */
    static Messages messages(Interaction e) {
        DiscordLocale locale = e.getUserLocale();
        return Messages.of(locale == null || locale == DiscordLocale.UNKNOWN ? null : locale.toLocale());
    }

    private void replyNow(IReplyCallback e, String text) {
        answers.replyNow(e, Reply.error(text));
    }

    private void dispatch(Interaction source, Answers.Responder responder, boolean slow, Supplier<Reply> work,
                          String what, String label) {
        Messages m = messages(source);
        Pending pending = new Pending(responder, what, label, m);
        // JSON logs name the shard of every interaction's lines (log.format=json); MDC is per thread, so it is set
        // on the worker that runs the command.
        String shard = String.valueOf(source.getJDA().getShardInfo().getShardId());
        if (slow) {
            // Decided before the work can finish, so a slow command is always acknowledged first; the answer
            // then waits in JDA's hook until the acknowledgement is through.
            pending.markDeferred();
        }
        try {
            workers.execute(() -> {
                try (MDC.MDCCloseable s = MDC.putCloseable("shard", shard)) {
                    pending.run(work);
                }
            });
        } catch (RejectedExecutionException full) {
            log.info("worker queue full; {} answered busy", what);
            commands.telemetry().outcome(label, Telemetry.Outcome.BUSY);
            responder.replyNow(Reply.error(m.get(stopping ? "error.stopping" : "error.busy")));
            return;
        }
        if (slow) {
            responder.defer();
        } else {
            pending.deferLater(timer, config.deferAfter());
        }
    }

    /**
     * One interaction's race between the work finishing and the deadline: whichever comes first decides whether
     * the answer is the first response or an edit of an acknowledgement.
     */
    private final class Pending {
        private static final int NEW = 0;
        private static final int ANSWERED = 1;
        private static final int DEFERRED = 2;

        private final AtomicInteger state = new AtomicInteger(NEW);
        private final Answers.Responder responder;
        private final String what;
        private final String label;
        private final Messages messages;
        private final long startNanos = System.nanoTime();
        private volatile ScheduledFuture<?> deadline;

        Pending(Answers.Responder responder, String what, String label, Messages messages) {
            this.responder = responder;
            this.what = what;
            this.label = label;
            this.messages = messages;
        }

        void defer() {
            if (state.compareAndSet(NEW, DEFERRED)) {
                responder.defer();
                deferred();
            }
        }

        void markDeferred() {
            state.set(DEFERRED);
            deferred();
        }

        /** The acknowledgement is the first answer Discord sees; the edit comes when the work is done. */
        private void deferred() {
            commands.telemetry().outcome(label, Telemetry.Outcome.DEFERRED);
            commands.telemetry().firstAnswer(label, System.nanoTime() - startNanos);
        }

        void deferLater(ScheduledExecutorService timer, Duration after) {
            try {
                deadline = timer.schedule(this::defer, after.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                defer();
            }
            if (state.get() != NEW && deadline != null) {
                deadline.cancel(false);
            }
        }

        void run(Supplier<Reply> work) {
            Reply reply;
            try {
                reply = work.get();
            } catch (RuntimeException e) {
                // Commands already turns failures into replies; this is the last line of defence.
                log.error("{} failed", what, e);
                reply = Reply.error(messages.get("error.internal"));
            }
            ScheduledFuture<?> d = deadline;
            if (d != null) {
                d.cancel(false);
            }
            boolean direct = state.compareAndSet(NEW, ANSWERED);
            if (direct) {
                commands.telemetry().firstAnswer(label, System.nanoTime() - startNanos);
            }
            try {
                RestAction<?> answer = direct ? responder.answer(reply) : responder.answerDeferred(reply);
                answers.send(answer, what + (direct ? " answer" : " edit"), startNanos);
            } catch (RuntimeException e) {
                log.warn("could not deliver the answer to {}: {}", what, e.toString());
            }
        }
    }

    // ---- autocomplete ----

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent e) {
        if (stopping) {
            e.replyChoices(List.of()).queue(null, f -> { });
            return;
        }
        long received = System.nanoTime();
        AutoCompleteQuery focused = e.getFocusedOption();
        Invocation inv = Invocations.invocation(e, e.getName(), e.getSubcommandName(), Invocations.options(e.getOptions(), focused.getName()));
        try {
            workers.execute(() -> {
                if (System.nanoTime() - received > AUTOCOMPLETE_GIVE_UP.toNanos()) {
                    return;
                }
                List<Choice> choices = commands.autocomplete(inv, focused.getName(), focused.getValue());
                answers.send(e.replyChoices(choices(choices, focused.getType())), "autocomplete for /" + e.getName(),
                        received);
            });
        } catch (RejectedExecutionException full) {
            e.replyChoices(List.of()).queue(null, f -> { });
        }
    }

    /** At most 25 choices with names and values of at most 100 characters, typed like the option. */
    static List<Command.Choice> choices(List<Choice> choices,
                                        net.dv8tion.jda.api.interactions.commands.OptionType type) {
        Map<String, Command.Choice> byValue = new LinkedHashMap<>();
        for (Choice c : choices) {
            if (byValue.size() == AUTOCOMPLETE_MAX) {
                break;
            }
            String name = Text.truncate(Text.clean(c.name()), CHOICE_MAX);
            String value = c.value() == null ? "" : c.value();
            if (name.isEmpty() || value.isEmpty() || value.length() > CHOICE_MAX || byValue.containsKey(value)) {
                continue;
            }
            try {
                byValue.put(value, switch (type) {
                    case INTEGER -> new Command.Choice(name, Long.parseLong(value));
                    case NUMBER -> new Command.Choice(name, Double.parseDouble(value));
                    default -> new Command.Choice(name, value);
                });
            } catch (NumberFormatException notANumber) {
                // A choice the option cannot take is dropped rather than failing the whole list.
            }
        }
        return List.copyOf(byValue.values());
    }
}
