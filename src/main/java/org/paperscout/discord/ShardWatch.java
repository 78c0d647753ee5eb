package org.paperscout.discord;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.events.StatusChangeEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every gateway shard of this process: logs its connects, resumes and new sessions, lets start-up wait until
 * all of them are ready, and describes them for {@code /status}.
 */
final class ShardWatch extends ListenerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ShardWatch.class);

    /** Per shard id; guarded by this. */
    private final Map<Integer, Shard> shards = new TreeMap<>();

    private static final class Shard {
        JDA.Status status = JDA.Status.INITIALIZING;
        int resumes;
        int sessions;
        long guilds;
    }

    @Override
    public void onReady(ReadyEvent e) {
        int id = e.getJDA().getShardInfo().getShardId();
        long guilds = e.getGuildTotalCount();
        synchronized (this) {
            Shard s = shard(id);
            s.sessions++;
            s.guilds = guilds;
            notifyAll();
        }
        log.info("Shard {} ready with {} servers", e.getJDA().getShardInfo().getShardString(), guilds);
    }

    @Override
    public void onSessionResume(SessionResumeEvent e) {
        synchronized (this) {
            shard(e.getJDA().getShardInfo().getShardId()).resumes++;
        }
        log.info("Shard {} resumed its session", e.getJDA().getShardInfo().getShardString());
    }

    @Override
    public void onSessionRecreate(SessionRecreateEvent e) {
        synchronized (this) {
            shard(e.getJDA().getShardInfo().getShardId()).sessions++;
        }
        log.info("Shard {} started a new session (events meanwhile may be lost)", e.getJDA().getShardInfo().getShardString());
    }

    @Override
    public void onStatusChange(StatusChangeEvent e) {
        synchronized (this) {
            shard(e.getJDA().getShardInfo().getShardId()).status = e.getNewStatus();
        }
        if (e.getNewStatus() == JDA.Status.CONNECTED || e.getNewStatus() == JDA.Status.DISCONNECTED
                || e.getNewStatus() == JDA.Status.FAILED_TO_LOGIN || e.getNewStatus() == JDA.Status.SHUTDOWN) {
            log.info("Shard {} is {}", e.getJDA().getShardInfo().getShardString(), e.getNewStatus());
        }
    }

    private Shard shard(int id) {
        return shards.computeIfAbsent(id, k -> new Shard());
    }

    /** Waits until {@code expected} distinct shards have had a READY. */
    synchronized void awaitReady(int expected, Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (shards.values().stream().filter(s -> s.sessions > 0).count() < expected) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TimeoutException();
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** One line per shard, e.g. {@code Shard 1 of 4: connected, 12 servers, 2 resumes}. */
    synchronized String describe(int total) {
        StringBuilder sb = new StringBuilder("Discord shards (" + shards.size() + " in this process of " + total + "):");
        shards.forEach((id, s) -> sb.append("\n  Shard ").append(id).append(": ")
                .append(s.status.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                .append(", ").append(s.guilds).append(s.guilds == 1 ? " server" : " servers")
                .append(", ").append(s.resumes).append(s.resumes == 1 ? " resume" : " resumes")
                .append(s.sessions > 1 ? ", " + (s.sessions - 1) + " new sessions" : ""));
        return sb.toString();
    }
}
