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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives JDA's events on its gateway thread and hands the work to a bounded pool, so a slow search never blocks
 * other commands. Each interaction is answered directly when the work finishes within {@code deferAfter};
 * otherwise (or at once for commands marked slow) it is acknowledged first and edited when done, so Discord's
 * 3-second deadline is met whatever the queue looks like. A full pool answers "busy" at once.
 */
final class InteractionRouter extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(InteractionRouter.class);

    static final String BUSY = "I'm busy right now — try again in a few seconds.";
    static final String STOPPING = "I'm restarting — try again in a minute.";
    static final String INTERNAL_ERROR = "Something went wrong on our side. Please try again in a moment.";
    /** Discord ignores autocomplete answers after 3 s; past this there is no point computing one. */
    static final Duration AUTOCOMPLETE_GIVE_UP = Duration.ofMillis(2500);
    static final int AUTOCOMPLETE_MAX = 25;
    static final int CHOICE_MAX = 100;
    /** How much of a message the "Find similar papers" action reads; more adds nothing to more-like-this. */
    static final int MESSAGE_TEXT_MAX = 8000;

    private final Commands commands;
    private final DiscordRenderer renderer;
    private final DiscordConfig config;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Cooldown cooldown;
    private final GuildReconciler reconciler;
    private final CompletableFuture<JDA> ready = new CompletableFuture<>();
    /** Requests sent and not yet answered, plus one party for the router itself (see awaitInFlight). */
    private final Phaser inFlight = new Phaser(1);
    private volatile boolean stopping;

    InteractionRouter(Commands commands, DiscordRenderer renderer, DiscordConfig config, ExecutorService workers,
                      ScheduledExecutorService timer, Cooldown cooldown, GuildReconciler reconciler) {
        this.commands = commands;
        this.renderer = renderer;
        this.config = config;
        this.workers = workers;
        this.timer = timer;
        this.cooldown = cooldown;
        this.reconciler = reconciler;
    }

    CompletableFuture<JDA> ready() {
        return ready;
    }

    /** New interactions get a short "restarting" answer from now on; running ones finish. */
    void stop() {
        stopping = true;
    }

    // ---- slash commands, message commands, components ----

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent e) {
        if (turnedAway(e)) {
            return;
        }
        Invocation inv = invocation(e, e.getName(), e.getSubcommandName(), options(e.getOptions(), null));
        boolean slow = commands.spec(e.getName()).map(CommandSpec::mightBeSlow).orElse(false);
        boolean personal = config.ephemeralCommands().contains(e.getName());
        dispatch(new ReplyResponder(e, personal), slow, () -> commands.run(inv), "/" + e.getFullCommandName());
    }

    @Override
    public void onMessageContextInteraction(MessageContextInteractionEvent e) {
        if (turnedAway(e)) {
            return;
        }
        Invocation inv = invocation(e, e.getName(), null, Map.of());
        String text = messageText(e.getTarget());
        boolean personal = config.ephemeralCommands().contains(e.getName());
        dispatch(new ReplyResponder(e, personal), false, () -> commands.messageAction(inv, e.getName(), text),
                "message action " + e.getName());
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
        if (turnedAway(e)) {
            return;
        }
        String verb = ComponentId.parse(customId).map(ComponentId::verb).orElse("");
        Invocation inv = invocation(e, verb, null, Map.of());
        dispatch(new ComponentResponder(e), false, () -> commands.component(inv, customId), "component " + verb);
    }

    /** Answers at once (on the gateway thread, without waiting) when the bot is stopping or the user is too fast. */
    private boolean turnedAway(IReplyCallback e) {
        if (stopping) {
            replyNow(e, STOPPING);
            return true;
        }
        Duration wait = cooldown.tryAcquire(e.getUser().getId());
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            replyNow(e, "You're going a bit fast — try again in " + Text.count(seconds, "second") + ".");
            return true;
        }
        return false;
    }

    private void replyNow(IReplyCallback e, String text) {
        send(e.reply(renderer.create(Reply.error(text))).setEphemeral(true), "short answer to " + e.getId(),
                System.nanoTime());
    }

    private void dispatch(Responder responder, boolean slow, Supplier<Reply> work, String what) {
        Pending pending = new Pending(responder, what);
        if (slow) {
            // Decided before the work can finish, so a slow command is always acknowledged first; the answer
            // then waits in JDA's hook until the acknowledgement is through.
            pending.markDeferred();
        }
        try {
            workers.execute(() -> pending.run(work));
        } catch (RejectedExecutionException full) {
            log.info("worker queue full; {} answered busy", what);
            responder.replyNow(Reply.error(stopping ? STOPPING : BUSY));
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
        private final Responder responder;
        private final String what;
        private final long startNanos = System.nanoTime();
        private volatile ScheduledFuture<?> deadline;

        Pending(Responder responder, String what) {
            this.responder = responder;
            this.what = what;
        }

        void defer() {
            if (state.compareAndSet(NEW, DEFERRED)) {
                responder.defer();
            }
        }

        void markDeferred() {
            state.set(DEFERRED);
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
                reply = Reply.error(INTERNAL_ERROR);
            }
            ScheduledFuture<?> d = deadline;
            if (d != null) {
                d.cancel(false);
            }
            boolean direct = state.compareAndSet(NEW, ANSWERED);
            try {
                RestAction<?> answer = direct ? responder.answer(reply) : responder.answerDeferred(reply);
                send(answer, what + (direct ? " answer" : " edit"), startNanos);
            } catch (RuntimeException e) {
                log.warn("could not deliver the answer to {}: {}", what, e.toString());
            }
        }
    }

    /** How one kind of interaction is acknowledged and answered; every request goes out through {@link #send}. */
    private interface Responder {
        /** Acknowledge without an answer yet; answers sent later wait in JDA's hook until it is through. */
        void defer();

        /** The first and only response. */
        RestAction<?> answer(Reply reply);

        /** The answer after {@link #defer()}. */
        RestAction<?> answerDeferred(Reply reply);

        /** A short private first response. */
        void replyNow(Reply reply);
    }

    /**
     * Queues a request and counts it until Discord answered, so workers never block on the network (they stay free
     * for searches) and shutdown can still wait for every answer in flight.
     */
    private void send(RestAction<?> action, String what, long startNanos) {
        if (inFlight.register() < 0) {
            // Shutdown already stopped waiting; JDA still flushes what is queued.
            action.queue(null, f -> { });
            return;
        }
        action.queue(ok -> {
            inFlight.arriveAndDeregister();
            log.debug("{} delivered after {} ms", what, (System.nanoTime() - startNanos) / 1_000_000);
        }, failure -> {
            inFlight.arriveAndDeregister();
            log.warn("{} not delivered: {}", what, failure.toString());
        });
    }

    /** Waits (bounded) until every request sent through {@link #send} has been answered; false on timeout. */
    boolean awaitInFlight(Duration timeout) throws InterruptedException {
        int phase = inFlight.arriveAndDeregister();
        try {
            inFlight.awaitAdvanceInterruptibly(phase, timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** Slash and message commands: a reply, or "thinking…" then an edit. */
    private final class ReplyResponder implements Responder {
        private final IReplyCallback event;
        /** Whether a deferral is private: decided by the command because it must be chosen before the answer. */
        private final boolean deferPrivately;

        ReplyResponder(IReplyCallback event, boolean deferPrivately) {
            this.event = event;
            this.deferPrivately = deferPrivately;
        }

        @Override
        public void defer() {
            send(event.deferReply(deferPrivately), "acknowledgement of " + event.getId(), System.nanoTime());
        }

        @Override
        public RestAction<?> answer(Reply reply) {
            return event.reply(renderer.create(reply)).setEphemeral(reply.ephemeral());
        }

        @Override
        public RestAction<?> answerDeferred(Reply reply) {
            if (reply.ephemeral() && !deferPrivately) {
                // The public "thinking…" cannot become private: answer privately, then remove the public one.
                return event.getHook().sendMessage(renderer.create(reply)).setEphemeral(true)
                        .flatMap(sent -> event.getHook().deleteOriginal());
            }
            return event.getHook().editOriginal(renderer.edit(reply));
        }

        @Override
        public void replyNow(Reply reply) {
            send(event.reply(renderer.create(reply)).setEphemeral(true), "short answer to " + event.getId(),
                    System.nanoTime());
        }
    }

    /** Buttons and select menus: replace the message they sit on (paging), or answer with a new message. */
    private final class ComponentResponder implements Responder {
        private final GenericComponentInteractionCreateEvent event;

        ComponentResponder(GenericComponentInteractionCreateEvent event) {
            this.event = event;
        }

        @Override
        public void defer() {
            // Acknowledging as an update keeps both outcomes open: edit the message, or send a follow-up.
            send(event.deferEdit(), "acknowledgement of " + event.getId(), System.nanoTime());
        }

        @Override
        public RestAction<?> answer(Reply reply) {
            return reply.replacesMessage()
                    ? event.editMessage(renderer.edit(reply))
                    : event.reply(renderer.create(reply)).setEphemeral(reply.ephemeral());
        }

        @Override
        public RestAction<?> answerDeferred(Reply reply) {
            return reply.replacesMessage()
                    ? event.getHook().editOriginal(renderer.edit(reply))
                    : event.getHook().sendMessage(renderer.create(reply)).setEphemeral(reply.ephemeral());
        }

        @Override
        public void replyNow(Reply reply) {
            send(event.reply(renderer.create(reply)).setEphemeral(true), "short answer to " + event.getId(),
                    System.nanoTime());
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
        Invocation inv = invocation(e, e.getName(), e.getSubcommandName(), options(e.getOptions(), focused.getName()));
        try {
            workers.execute(() -> {
                if (System.nanoTime() - received > AUTOCOMPLETE_GIVE_UP.toNanos()) {
                    return;
                }
                List<Choice> choices = commands.autocomplete(inv, focused.getName(), focused.getValue());
                send(e.replyChoices(choices(choices, focused.getType())), "autocomplete for /" + e.getName(),
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

    // ---- sessions and guilds ----

    @Override
    public void onReady(ReadyEvent e) {
        ready.complete(e.getJDA());
        reconcile(e.getJDA(), null);
    }

    @Override
    public void onSessionRecreate(SessionRecreateEvent e) {
        // A new session (not a resume) means events may have been missed: the bot may have left guilds.
        reconcile(e.getJDA(), null);
    }

    @Override
    public void onGuildLeave(GuildLeaveEvent e) {
        String left = e.getGuild().getId();
        try {
            timer.execute(() -> {
                try {
                    reconciler.left(left);
                } catch (RuntimeException ex) {
                    log.error("dropping the state of a guild the bot left failed", ex);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            log.debug("not dropping guild state while shutting down");
        }
        reconcile(e.getJDA(), left);
    }

    private void reconcile(JDA jda, String leftGuild) {
        Set<String> ids = new HashSet<>(jda.getUnavailableGuilds());
        jda.getGuildCache().forEach(g -> ids.add(g.getId()));
        if (leftGuild != null) {
            ids.remove(leftGuild);
        }
        Set<String> current = Set.copyOf(ids);
        try {
            // Off the gateway thread: a reconciler may write to the database.
            timer.execute(() -> {
                try {
                    reconciler.reconcile(current);
                } catch (RuntimeException ex) {
                    log.error("guild reconciliation failed", ex);
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            log.debug("not reconciling guilds while shutting down");
        }
    }

    // ---- building invocations ----

    private static Invocation invocation(Interaction i, String command, String subcommand,
                                         Map<String, Object> options) {
        Guild guild = i.getGuild();
        DiscordLocale locale = i.getUserLocale();
        return new Invocation(i.getUser().getId(), i.getUser().getName(), guild == null ? null : guild.getId(),
                i.getChannelId(), locale == null || locale == DiscordLocale.UNKNOWN ? null : locale.toLocale(),
                command, subcommand, options, canManageServer(i));
    }

    /** Computed for every interaction from the member's current roles, so a revoked permission counts at once. */
    private static boolean canManageServer(Interaction i) {
        Member member = i.getMember();
        if (member == null) {
            return false;
        }
        try {
            // A guild JDA has not cached (detached) has no roles to compute from: Discord sends the member's
            // permissions in this channel with the interaction, and JDA answers channel-scoped checks from them.
            return member.isDetached()
                    ? member.hasPermission(i.getGuildChannel(), Permission.MANAGE_SERVER)
                    : member.hasPermission(Permission.MANAGE_SERVER);
        } catch (RuntimeException e) {
            log.debug("permissions of {} unknown: {}", member.getId(), e.toString());
            return false;
        }
    }

    /** Typed option values; the option being autocompleted (if any) stays the raw text typed so far. */
    static Map<String, Object> options(List<OptionMapping> mappings, String focused) {
        Map<String, Object> out = new HashMap<>();
        for (OptionMapping m : mappings) {
            Object value;
            try {
                value = m.getName().equals(focused) ? m.getAsString() : switch (m.getType()) {
                    case INTEGER -> m.getAsLong();
                    case NUMBER -> m.getAsDouble();
                    case BOOLEAN -> m.getAsBoolean();
                    default -> m.getAsString();
                };
            } catch (RuntimeException partial) {
                value = m.getAsString();
            }
            if (value != null) {
                out.put(m.getName(), value);
            }
        }
        return out;
    }

    /** The words a "Find similar papers" user sees in a message: its text and its embeds (our own cards too). */
    static String messageText(Message message) {
        StringBuilder sb = new StringBuilder(message.getContentRaw());
        for (MessageEmbed embed : message.getEmbeds()) {
            for (String part : new String[] {embed.getTitle(), embed.getUrl(), embed.getDescription()}) {
                if (part != null && !part.isBlank()) {
                    sb.append('\n').append(part);
                }
            }
        }
        String text = sb.toString().strip();
        return text.length() <= MESSAGE_TEXT_MAX ? text : text.substring(0, MESSAGE_TEXT_MAX);
    }
}
