package org.paperscout.commands;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.paperscout.i18n.Messages;
import org.paperscout.ops.Telemetry;
import org.paperscout.search.QueryRejected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The command layer as front ends see it: every spec, and one entry point each for commands, button clicks,
 * autocomplete and message actions. It turns {@link UserError}s into friendly ephemeral replies and any other
 * failure into a short apology (logged with its stack trace, never shown).
 */
public final class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);

    private final Map<String, Command> byName = new LinkedHashMap<>();
    private final Map<String, Command> byVerb = new LinkedHashMap<>();
    private final List<MessageAction> messageActions;
    private final Telemetry telemetry;

    public Commands(List<Command> commands, List<MessageAction> messageActions) {
        this(commands, messageActions, Telemetry.OFF);
    }

    /** Counts and times every interaction by command and outcome into {@code telemetry}. */
    public Commands(List<Command> commands, List<MessageAction> messageActions, Telemetry telemetry) {
        this.telemetry = telemetry;
        for (Command c : commands) {
            if (byName.put(c.spec().name(), c) != null) {
                throw new IllegalArgumentException("two commands named " + c.spec().name());
            }
            for (String verb : c.componentVerbs()) {
                if (byVerb.put(verb, c) != null) {
                    throw new IllegalArgumentException("two commands handle component verb " + verb);
                }
            }
        }
        this.messageActions = List.copyOf(messageActions);
    }

    public List<CommandSpec> specs() {
        return byName.values().stream().map(Command::spec).toList();
    }

    public List<MessageAction> messageActions() {
        return messageActions;
    }

    /** Where front ends count what only they see: acknowledgements, busy and cooldown answers, first answers. */
    public Telemetry telemetry() {
        return telemetry;
    }

    public Optional<CommandSpec> spec(String name) {
        return Optional.ofNullable(byName.get(name)).map(Command::spec);
    }

    public Reply run(Invocation invocation) {
        Command command = byName.get(invocation.command());
        Messages messages = Messages.of(invocation.locale());
        if (command == null) {
            return Reply.error(messages.get("error.unknown-command", "command", invocation.command(),
                    "commands", commandList())).inLanguage(invocation.locale());
        }
        if (command.spec().manageServer() && !invocation.canManageServer()) {
            return Reply.error(messages.get("error.manage-server", "command", invocation.command()))
                    .inLanguage(invocation.locale());
        }
        return guarded(invocation.command(), "/" + invocation.command(), invocation, command::handle);
    }

    public Reply component(Invocation context, String customId) {
        Optional<ComponentId> id = ComponentId.parse(customId);
        Command command = id.map(i -> byVerb.get(i.verb())).orElse(null);
        if (command == null) {
            return Reply.error(Messages.of(context.locale()).get("error.expired")).inLanguage(context.locale());
        }
        return guarded(command.spec().name(), "component " + id.get().verb(), context,
                inv -> command.component(inv, id.get()));
    }

    public List<Choice> autocomplete(Invocation invocation, String option, String partial) {
        Command command = byName.get(invocation.command());
        if (command == null) {
            return List.of();
        }
        try {
            List<Choice> choices = command.autocomplete(invocation, option, partial == null ? "" : partial);
            return choices.stream().limit(25).map(Commands::clamp).toList();
        } catch (RuntimeException e) {
            log.warn("autocomplete for /{} {} failed", invocation.command(), option, e);
            return List.of();
        }
    }

    public Reply messageAction(Invocation context, String actionName, String messageText) {
        for (MessageAction action : messageActions) {
            if (action.name().equals(actionName)) {
                return guarded("message-action", "message action " + actionName, context,
                        inv -> action.handle(inv, messageText));
            }
        }
        return Reply.error(Messages.of(context.locale()).get("error.unknown-action", "action", actionName))
                .inLanguage(context.locale());
    }

    /** Names of all commands, with a slash, comma-separated. */
    public String commandList() {
        List<String> names = new ArrayList<>(byName.keySet());
        Collections.sort(names);
        return String.join(", ", names.stream().map(n -> "/" + n).toList());
    }

    /** Runs {@code body}, words its failures for users, and counts the outcome under {@code label} (bounded). */
    private Reply guarded(String label, String what, Invocation invocation, Function<Invocation, Reply> body) {
        long start = System.nanoTime();
        Telemetry.Outcome outcome = Telemetry.Outcome.ANSWERED;
        try {
            // every reply carries the caller's language, for the labels the renderers add
            return body.apply(invocation).inLanguage(invocation.locale());
        } catch (UserError e) {
            outcome = Telemetry.Outcome.USER_ERROR;
            return Reply.error(e.message(invocation.locale())).inLanguage(invocation.locale());
        } catch (QueryRejected e) {
            outcome = Telemetry.Outcome.USER_ERROR;
            return Reply.error(e.message(invocation.locale())).inLanguage(invocation.locale());
        } catch (RuntimeException e) {
            outcome = Telemetry.Outcome.FAILED;
            log.error("{} failed for user {}", what, invocation.userId(), e);
            return Reply.error(Messages.of(invocation.locale()).get("error.internal")).inLanguage(invocation.locale());
        } finally {
            long nanos = System.nanoTime() - start;
            telemetry.interaction(label, outcome, nanos);
            if (log.isDebugEnabled()) {
                // The fields JSON logs carry for every interaction (log.format=json); never the user or the query.
                try (MDC.MDCCloseable c = MDC.putCloseable("command", label);
                     MDC.MDCCloseable o = MDC.putCloseable("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
                     MDC.MDCCloseable l = MDC.putCloseable("latency_ms", String.valueOf(nanos / 1_000_000))) {
                    log.debug("interaction {} {}", label, outcome);
                }
            }
        }
    }

    private static Choice clamp(Choice c) {
        return new Choice(Text.truncate(c.name(), 100), Text.truncate(c.value(), 100));
    }
}
