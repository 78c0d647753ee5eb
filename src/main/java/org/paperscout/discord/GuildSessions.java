package org.paperscout.discord;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.guild.GuildLeaveEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.sharding.ShardManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gateway sessions and guild membership: completes {@link #ready()} on the first READY, and tells the
 * {@link GuildReconciler} which guilds the bot is in after fresh sessions and guild leaves (off the gateway thread).
 */
final class GuildSessions extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(GuildSessions.class);

    private final ScheduledExecutorService timer;
    private final GuildReconciler reconciler;
    /** Whether this process runs every shard of the bot, so that it can know every guild. */
    private final boolean wholeBot;
    private final CompletableFuture<JDA> ready = new CompletableFuture<>();

    GuildSessions(ScheduledExecutorService timer, GuildReconciler reconciler, boolean wholeBot) {
        this.timer = timer;
        this.reconciler = reconciler;
        this.wholeBot = wholeBot;
    }

    CompletableFuture<JDA> ready() {
        return ready;
    }

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
        Set<String> ids = new HashSet<>();
        ShardManager manager = jda.getShardManager();
        List<JDA> shards = manager == null ? List.of(jda) : manager.getShardCache().asList();
        // The set must hold every guild of the bot, or the reconciler drops the guilds missing from it. With some
        // shards in another process, or ours still connecting, this process cannot know them all: then only the
        // leave event (left(), above) drops state, and removals while offline wait for a whole-bot process.
        if (!wholeBot || manager != null && (manager.getShardsQueued() > 0
                || shards.stream().anyMatch(s -> s != jda && s.getStatus() != JDA.Status.CONNECTED))) {
            log.debug("guild reconciliation skipped: not every shard of the bot is connected in this process");
            return;
        }
        for (JDA shard : shards) {
            ids.addAll(shard.getUnavailableGuilds());
            shard.getGuildCache().forEach(g -> ids.add(g.getId()));
        }
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
}
