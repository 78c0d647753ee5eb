package org.paperscout.discord;

import java.time.Duration;
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.events.interaction.component.GenericComponentInteractionCreateEvent;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.requests.RestAction;
import org.paperscout.commands.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How answers reach Discord: one {@link Responder} per kind of interaction, and every request counted while in
 * flight so shutdown can wait for them.
 */
final class Answers {

    private static final Logger log = LoggerFactory.getLogger(Answers.class);

    private final DiscordRenderer renderer;
    /** Requests sent and not yet answered, plus one party for the router itself (see awaitInFlight). */
    private final Phaser inFlight = new Phaser(1);

    Answers(DiscordRenderer renderer) {
        this.renderer = renderer;
    }

    /** How one kind of interaction is acknowledged and answered; every request goes out through {@link #send}. */
    interface Responder {
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
    void send(RestAction<?> action, String what, long startNanos) {
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
    Responder forReply(IReplyCallback event, boolean deferPrivately) {
        return new ReplyResponder(event, deferPrivately);
    }

    /** Buttons and select menus. */
    Responder forComponent(GenericComponentInteractionCreateEvent event) {
        return new ComponentResponder(event);
    }

    /** A short private first response, sent and counted like every other. */
    void replyNow(IReplyCallback event, Reply reply) {
        send(event.reply(renderer.create(reply)).setEphemeral(true), "short answer to " + event.getId(),
                System.nanoTime());
    }

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
            Answers.this.replyNow(event, reply);
        }
    }

    /** Replaces the message the component sits on (paging), or answers with a new message. */
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
            Answers.this.replyNow(event, reply);
        }
    }
}
