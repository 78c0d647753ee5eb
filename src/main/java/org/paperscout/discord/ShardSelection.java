package org.paperscout.discord;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which gateway shards this process runs ({@code discord.shards}) out of how many ({@code discord.shards-total}).
 * Several processes split one bot by running disjoint selections with the same total; a guild belongs to shard
 * {@code (guild_id >> 22) % total}, so every process must agree on the total, which is why a partial selection
 * needs an explicit one.
 *
 * @param ids   the shard ids, ascending; empty means all of them
 * @param total the shard count, or 0 for Discord's recommendation (only with all shards)
 */
public record ShardSelection(List<Integer> ids, int total) {

    /** Discord's limit is far lower in practice; this only keeps a typo from starting thousands of connections. */
    static final int MAX_SHARDS = 4096;
    private static final Pattern RANGE = Pattern.compile("(\\d{1,4})\\s*-\\s*(\\d{1,4})");
    private static final Pattern ONE = Pattern.compile("\\d{1,4}");

    public ShardSelection {
        ids = List.copyOf(ids);
    }

    /** One connection, as before sharding: every guild on shard 0 of 1... or of Discord's recommendation. */
    public static ShardSelection all() {
        return new ShardSelection(List.of(), 0);
    }

    public boolean isAll() {
        return ids.isEmpty();
    }

    /**
     * Parses {@code all}, {@code 0-3} or {@code 1,3} (ranges and ids may be mixed: {@code 0-1,4}).
     *
     * @return the selection, or the problem in words (for {@code Settings.invalid})
     */
    static Result parse(String spec, int total) {
        if (total < 0 || total > MAX_SHARDS) {
            return Result.problem("discord.shards-total must be between 1 and " + MAX_SHARDS + " (or unset)");
        }
        String s = spec == null ? "all" : spec.strip();
        if (s.isEmpty() || s.equalsIgnoreCase("all")) {
            return Result.of(new ShardSelection(List.of(), total));
        }
        TreeSet<Integer> ids = new TreeSet<>();
        for (String part : s.split(",")) {
            String p = part.strip();
            Matcher range = RANGE.matcher(p);
            if (range.matches()) {
                int from = Integer.parseInt(range.group(1));
                int to = Integer.parseInt(range.group(2));
                if (from > to) {
                    return Result.problem("the range " + p + " runs backwards; write it as " + to + "-" + from);
                }
                for (int i = from; i <= to; i++) {
                    ids.add(i);
                }
            } else if (ONE.matcher(p).matches()) {
                ids.add(Integer.parseInt(p));
            } else {
                return Result.problem("shard ids such as 0-3, 1,3 or all");
            }
        }
        if (total == 0) {
            return Result.problem("discord.shards-total as well, since processes that split the shards must agree "
                    + "on their number (for example discord.shards-total=4)");
        }
        if (ids.last() >= total) {
            return Result.problem("shard ids below discord.shards-total (" + total + "); shard " + ids.last()
                    + " does not exist");
        }
        return Result.of(new ShardSelection(List.copyOf(ids), total));
    }

    /** A parsed selection or the reason it is not one. */
    record Result(Optional<ShardSelection> selection, String problem) {
        static Result of(ShardSelection s) {
            return new Result(Optional.of(s), null);
        }

        static Result problem(String expected) {
            return new Result(Optional.empty(), expected);
        }
    }

    /**
     * The part of the bot's guilds this process serves, taking Discord's spread of guilds over shards as even: 1
     * for all shards, 6/16 for {@code 0-5} of 16. What is per bot token rather than per connection (Discord's
     * global rate limit) is split by it.
     */
    public double part() {
        return isAll() ? 1 : (double) ids.size() / total;
    }

    /** The shard that serves a guild under Discord's rule. */
    public static int shardOf(long guildId, int total) {
        return (int) ((guildId >> 22) % total);
    }

    @Override
    public String toString() {
        return (isAll() ? "all" : ids.toString()) + " of " + (total == 0 ? "Discord's recommendation" : total);
    }
}
