package org.paperscout.club;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.paperscout.catalog.Paper;
import org.paperscout.commands.Choice;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.ComponentId;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.OptionType;
import org.paperscout.commands.PaperCards;
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;
import org.paperscout.commands.UserError;
import org.paperscout.i18n.Messages;

/**
 * The paper club: {@code /club pick} (a native poll over candidate papers; {@link ClubJob} announces the winner and
 * opens its thread), {@code /club history}, {@code /club settings role}, and the "Discuss" button on every paper card.
 */
public final class ClubCommand implements Command {

    static final int DEFAULT_CANDIDATES = 5;
    static final int MIN_CANDIDATES = 2;
    static final int DEFAULT_DAYS = 2;
    static final int MAX_DAYS = 7;
    static final int HISTORY_SIZE = 10;
    /** "This week's digest": the digests of the last seven days. */
    static final Duration DIGEST_WEEK = Duration.ofDays(7);
    /** Where a poll's papers come from, as the {@code from} option names them. */
    static final List<String> SOURCES = List.of("digest", "library", "trending");

    private final ClubStore store;
    private final ClubChannels channels;
    private final Discussions discussions;
    private final CandidateSource library;
    private final CandidateSource trending;
    private final Clock clock;

    public ClubCommand(ClubStore store, ClubChannels channels, Function<String, Optional<Paper>> papers,
                       CandidateSource library, CandidateSource trending, Clock clock) {
        this.store = store;
        this.channels = channels;
        this.discussions = new Discussions(store, channels, papers);
        this.library = library;
        this.trending = trending;
        this.clock = clock;
    }

    Discussions discussions() {
        return discussions;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.withSubcommands("club", "The reading group: pick the next paper, see past picks",
                CommandSpec.of("pick", "Start a poll to choose the next paper to read together",
                        pollOptionSpecs()),
                CommandSpec.of("history", "The papers this server's group picked, with their threads"),
                CommandSpec.of("schedule", "A pick every week in this channel (Manage Server)", scheduleOptions()),
                CommandSpec.of("settings", "Let a role start picks (besides Manage Server)",
                        OptionSpec.string("role", "members with this role may run /club pick", true)
                                .ofType(OptionType.ROLE)));
    }

    /** What a poll is made of, the same for /club pick and /club schedule. */
    private static OptionSpec[] pollOptionSpecs() {
        return new OptionSpec[] {
                new OptionSpec("candidates", "papers in the poll (2-10, default 5)", OptionType.INTEGER,
                        false, false, List.of(), (long) MIN_CANDIDATES, (long) ClubPoll.MAX_ANSWERS),
                OptionSpec.string("from", "where the papers come from (default: trending)", false)
                        .withChoices(SOURCES.stream().map(x -> new Choice(x, x)).toArray(Choice[]::new)),
                new OptionSpec("days", "how long the poll runs (1-7 days, default 2)", OptionType.INTEGER,
                        false, false, List.of(), 1L, (long) MAX_DAYS)};
    }

    private static OptionSpec[] scheduleOptions() {
        List<OptionSpec> out = new ArrayList<>(List.of(
                OptionSpec.string("day", "the weekday, or off to stop; leave out to see this channel's", false)
                        .withChoices(days()),
                OptionSpec.string("time", "local time, 24-hour HH:mm, e.g. 18:00", false),
                OptionSpec.string("timezone", "IANA time zone, e.g. Europe/Berlin", false)));
        out.addAll(List.of(pollOptionSpecs()));
        return out.toArray(OptionSpec[]::new);
    }

    /** A poll's options as given, checked against Discord's limits and ours. */
    record PollOptions(int candidates, String from, int days) {
    }

    static PollOptions pollOptions(Invocation inv) {
        long wanted = inv.integer("candidates").orElse((long) DEFAULT_CANDIDATES);
        long days = inv.integer("days").orElse((long) DEFAULT_DAYS);
        if (wanted < MIN_CANDIDATES || wanted > ClubPoll.MAX_ANSWERS) {
            throw UserError.keyed("club.pick.bad-candidates");
        }
        if (days < 1 || days > MAX_DAYS) {
            throw UserError.keyed("club.pick.bad-days");
        }
        String from = inv.string("from").map(String::strip).orElse("trending");
        if (!SOURCES.contains(from)) {
            throw UserError.keyed("club.pick.bad-source");
        }
        return new PollOptions((int) wanted, from, (int) days);
    }

    @Override
    public Set<String> componentVerbs() {
        return Set.of(PaperCards.DISCUSS);
    }

    @Override
    public Reply handle(Invocation inv) {
        String sub = inv.subcommand() == null ? "" : inv.subcommand();
        return switch (sub) {
            case "pick" -> pick(inv);
            case "history" -> history(inv);
            case "settings" -> settings(inv);
            case "schedule" -> schedule(inv);
            default -> throw UserError.keyed("club.usage");
        };
    }

    // ---------------------------------------------------------------- Discuss

    @Override
    public Reply component(Invocation inv, ComponentId id) {
        Messages m = Messages.of(inv.locale());
        String guild = guild(inv, "club.discuss.server-only");
        String channel = channel(inv);
        Paper paper = discussions.paper(id.arg(0)).orElseThrow(() -> UserError.keyed("club.discuss.unknown-paper"));
        Discussions.Thread thread = discussions.open(guild, channel, inv.messageId(), paper, inv.locale());
        String link = Discussions.link(guild, thread.id(), Discussions.threadName(paper));
        return Reply.builder().text(m.get(thread.created() ? "club.discuss.opened" : "club.discuss.exists",
                "thread", link)).ephemeral(true).build();
    }

    // ---------------------------------------------------------------- pick

    private Reply pick(Invocation inv) {
        Messages m = Messages.of(inv.locale());
        String guild = guild(inv, "club.server-only");
        String channel = channel(inv);
        if (!mayPick(inv, guild)) {
            throw UserError.keyed("club.pick.not-allowed");
        }
        Optional<Pick> running = store.running(guild, channel);
        if (running.isPresent()) {
            throw UserError.keyed("club.pick.running", "ends", Text.timestamp(running.get().endsAt()));
        }
        PollOptions options = pollOptions(inv);
        String from = options.from();
        List<Paper> candidates = candidates(inv, from, channel, options.candidates());
        if (candidates.size() < MIN_CANDIDATES) {
            throw UserError.keyed("club.pick.too-few", "count", candidates.size(),
                    "source", m.get("club.source." + from));
        }
        Pick pick = post(guild, channel, candidates, Duration.ofDays(options.days()), inv.locale(), null, null);
        return Reply.builder().text(m.get("club.pick.posted", "count", candidates.size(), "ends",
                Text.timestamp(pick.endsAt()))).ephemeral(true).build();
    }

    /**
     * Posts a poll over {@code candidates} and records the pick.
     *
     * @param nonce  makes a repeat return the first poll (weekly picks), or null
     * @param marker ends the question so the poll can be found in the channel again (weekly picks), or null
     * @throws UserError when the poll could not be posted, saying why
     */
    Pick post(String guild, String channel, List<Paper> candidates, Duration duration, Locale locale,
              String nonce, String marker) {
        Messages m = Messages.of(locale);
        List<String> answers = candidates.stream().map(ClubCommand::answer).toList();
        String question = m.get("club.pick.question") + (marker == null ? "" : " · " + marker);
        String messageId;
        try {
            messageId = channels.postPoll(guild, channel, new ClubPoll(question, answers, duration), nonce);
        } catch (ClubException e) {
            throw Discussions.userError(e);
        }
        Instant now = clock.instant();
        Pick pick = new Pick(messageId, guild, channel, candidates.stream().map(Paper::id).toList(), now,
                now.plus(duration), null, null, null);
        store.savePick(pick);
        return pick;
    }

    /** A paper as a poll answer: its title on one line, cut to Discord's 55 characters. */
    static String answer(Paper paper) {
        String title = Text.clean(paper.title());
        return Text.truncate(title.isEmpty() ? paper.id() : title, ClubPoll.ANSWER_MAX);
    }

    /** Up to {@code wanted} papers from a source, best first; {@code inv} is only read for a user's library. */
    List<Paper> candidates(Invocation inv, String from, String channel, int wanted) {
        List<String> ids = switch (from) {
            case "digest" -> store.digestPapers(channel, clock.instant().minus(DIGEST_WEEK));
            case "library" -> library.paperIds(inv, ClubPoll.MAX_ANSWERS * 5);
            case "trending" -> trending.paperIds(inv, ClubPoll.MAX_ANSWERS * 2);
            default -> throw UserError.keyed("club.pick.bad-source");
        };
        List<Paper> out = new ArrayList<>();
        for (String id : ids) {
            if (out.size() == wanted) {
                break;
            }
            discussions.paper(id).filter(p -> out.stream().noneMatch(o -> o.id().equals(p.id()))).ifPresent(out::add);
        }
        return out;
    }

    private boolean mayPick(Invocation inv, String guild) {
        if (inv.canManageServer()) {
            return true;
        }
        Optional<String> role = store.pickRole(guild);
        return role.isPresent() && inv.roleIds().contains(role.get());
    }

    // ---------------------------------------------------------------- history and settings

    private Reply history(Invocation inv) {
        Messages m = Messages.of(inv.locale());
        String guild = guild(inv, "club.server-only");
        List<Pick> picks = store.history(guild, HISTORY_SIZE);
        if (picks.isEmpty()) {
            return Reply.text(m.get("club.history.empty"));
        }
        StringBuilder text = new StringBuilder();
        for (Pick p : picks) {
            Optional<Paper> paper = discussions.paper(p.winner());
            String title = paper.map(x -> Text.clean(x.title())).orElse(p.winner());
            String where = p.threadId() == null ? m.get("club.history.no-thread")
                    : Discussions.link(guild, p.threadId(), Text.truncate(title, Discussions.THREAD_NAME_MAX));
            text.append(m.get("club.history.line", "date", p.closedAt().atZone(ZoneOffset.UTC)
                    .toLocalDate(), "title", title, "channel", Text.channel(p.channelId()), "thread", where))
                    .append('\n');
        }
        return Reply.builder().title(m.get("club.history.title")).text(text.toString().strip()).build();
    }

    private Reply settings(Invocation inv) {
        String guild = guild(inv, "club.server-only");
        if (!inv.canManageServer()) {
            throw UserError.keyed("error.manage-server", "command", "club settings");
        }
        String role = inv.string("role").map(String::strip).orElse("");
        if (!role.matches("\\d{1,20}") && !Discussions.CONSOLE.equals(guild)) {
            throw UserError.keyed("club.settings.bad-role");
        }
        store.setPickRole(guild, role.isEmpty() ? null : role);
        return Reply.builder().text(Messages.of(inv.locale()).get("club.settings.role-set")).ephemeral(true).build();
    }

    private static Choice[] days() {
        List<Choice> out = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            out.add(new Choice(name, name));
        }
        out.add(new Choice("off", "off"));
        return out.toArray(Choice[]::new);
    }

    private Reply schedule(Invocation inv) {
        Messages m = Messages.of(inv.locale());
        String guild = guild(inv, "club.server-only");
        String channel = channel(inv);
        if (!inv.canManageServer()) {
            throw UserError.keyed("error.manage-server", "command", "club schedule");
        }
        String day = inv.string("day").map(d -> d.strip().toLowerCase(Locale.ROOT)).orElse("");
        if (day.isEmpty()) {
            Schedule s = store.schedule(guild, channel).orElseThrow(() -> UserError.keyed("club.schedule.none"));
            return Reply.builder().text(m.get("club.schedule.status", "day",
                    s.day().getDisplayName(TextStyle.FULL, inv.locale()), "time", s.time().toString(), "zone", s.zone().getId(),
                    "count", s.candidates(), "source", source(m, s), "days", s.days(), "next",
                    Text.timestamp(s.nextDue(clock.instant()).toInstant()))).ephemeral(true).build();
        }
        if (day.equals("off")) {
            if (!store.removeSchedule(guild, channel)) {
                throw UserError.keyed("club.schedule.none");
            }
            return Reply.builder().text(m.get("club.schedule.off")).ephemeral(true).build();
        }
        DayOfWeek weekday;
        LocalTime time;
        ZoneId zone;
        try {
            weekday = DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT));
            time = LocalTime.parse(inv.string("time").orElse("").strip());
            zone = ZoneId.of(inv.string("timezone").orElse("").strip());
        } catch (RuntimeException bad) {
            throw UserError.keyed("club.schedule.usage");
        }
        PollOptions options = pollOptions(inv);
        // A library pick reads the library of the admin who set it; the other sources belong to no one.
        String owner = options.from().equals("library") ? inv.userId() : null;
        Schedule s = new Schedule(channel, guild, weekday, time, zone, clock.instant(), options.candidates(),
                options.from(), options.days(), owner);
        store.saveSchedule(s);
        return Reply.builder().text(m.get("club.schedule.set", "count", s.candidates(), "source", source(m, s),
                "days", s.days(), "first", Text.timestamp(s.nextDue(clock.instant()).toInstant())))
                .ephemeral(true).build();
    }

    /** Where a schedule's papers come from, a library named by its owner (anyone with Manage Server may ask). */
    private static String source(Messages m, Schedule s) {
        return s.source().equals("library") && s.userId() != null
                ? m.get("club.schedule.library", "user", "<@" + s.userId() + ">")
                : m.get("club.source." + s.source());
    }

    // ---------------------------------------------------------------- where

    /** The server, "console" in the console; in DMs an error, as threads and polls live in server channels. */
    static String guild(Invocation inv, String dmErrorKey) {
        if (inv.guildId() != null) {
            return inv.guildId();
        }
        if (inv.channelId() == null) {
            return Discussions.CONSOLE;
        }
        throw UserError.keyed(dmErrorKey);
    }

    static String channel(Invocation inv) {
        return inv.channelId() == null ? Discussions.CONSOLE : inv.channelId();
    }
}
