package org.paperscout.pulse;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.paperscout.catalog.Paper;
import org.paperscout.charts.PulseChart;
import org.paperscout.commands.Attachment;
import org.paperscout.commands.Choice;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.OptionSpec;
import org.paperscout.commands.Reply;
import org.paperscout.commands.Text;
import org.paperscout.commands.UserError;
import org.paperscout.i18n.Messages;
import org.paperscout.search.SearchService;

/** {@code /pulse topic:<words> [window:3m|1y|5y]}: a chart of a topic's papers and engagement over time. */
public final class PulseCommand implements Command {

    static final String TOPIC = "topic";
    static final String WINDOW = "window";
    static final String FILE_NAME = "pulse.png";
    /** {@code /help pulse}: what the bars and the line count. */
    public static final String HELP_KEY = "help.pulse";

    private final PulseService pulses;
    private final SearchService search;

    public PulseCommand(PulseService pulses, SearchService search) {
        this.pulses = pulses;
        this.search = search;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("pulse", "A chart of how many papers on a topic appeared, and how much people here engaged",
                OptionSpec.string(TOPIC, "the topic, e.g. diffusion models", true).withRange(1L, 300L),
                OptionSpec.string(WINDOW, "3m (by week, default), 1y or 5y (by month)", false).withChoices(
                        new Choice("3 months", "3m"), new Choice("1 year", "1y"), new Choice("5 years", "5y")))
                .slow();
    }

    @Override
    public Reply handle(Invocation inv) {
        PulseWindow window = inv.string(WINDOW).map(w -> PulseWindow.parse(w).orElseThrow(() ->
                UserError.keyed("pulse.bad-window"))).orElse(PulseWindow.THREE_MONTHS);
        String topic = inv.string(TOPIC).map(String::strip).orElse("");
        if (topic.isEmpty()) {
            throw UserError.keyed("pulse.no-topic");
        }
        search.checkQuery(topic);
        Messages m = Messages.of(inv.locale());
        String shown = Text.truncate(topic, 60);
        String period = m.get("pulse.window-" + window.word());
        PulseService.Pulse pulse = pulses.pulse(topic, window);
        if (pulse.total() == 0 && pulse.engagement() == 0) {
            return Reply.error(m.get(window == PulseWindow.FIVE_YEARS ? "pulse.none-5y" : "pulse.none",
                    "topic", shown, "during", m.get("pulse.during-" + window.word())));
        }
        // The chart's own words (axes, legend) stay English: it is drawn once per topic and window for everyone.
        byte[] png = PulseChart.render(Text.truncate(topic, 40) + " · " + window.phrase(), window.periodWord(),
                pulse.periods());
        return Reply.builder()
                .title(m.get("pulse.title", "topic", shown, "window", period))
                .text(summary(pulse, m))
                .attachment(new Attachment(FILE_NAME, "image/png", png))
                .footer(m.get("pulse.footer-" + window.periodWord()))
                .build();
    }

    private String summary(PulseService.Pulse pulse, Messages m) {
        StringBuilder out = new StringBuilder();
        out.append(m.get("pulse.summary", "count", pulse.total(), "more", String.valueOf(pulse.truncated()),
                "engagement", pulse.engagement()));
        if (!pulse.mostEngaged().isEmpty()) {
            Map<String, Paper> papers = new HashMap<>();
            search.papers(pulse.mostEngaged().stream().map(PulseService.Engaged::paperId).toList())
                    .forEach(p -> papers.put(p.id(), p));
            out.append("\n\n").append(m.get("pulse.most-engaged"));
            int rank = 1;
            for (PulseService.Engaged e : pulse.mostEngaged()) {
                Paper p = papers.get(e.paperId());
                String name = p == null ? e.paperId() : Text.truncate(p.title(), 90);
                out.append('\n').append(rank++).append(". ").append(name).append(" (").append(e.count()).append(')');
            }
        }
        if (!pulse.authors().isEmpty()) {
            out.append("\n\n").append(m.get("pulse.authors", "authors", pulse.authors().stream()
                    .map(a -> a.name() + " (" + a.papers() + ")").collect(Collectors.joining(", "))));
        }
        return out.toString();
    }
}
