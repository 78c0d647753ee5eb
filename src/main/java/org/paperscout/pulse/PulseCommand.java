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
import org.paperscout.search.SearchService;

/** {@code /pulse topic:<words> [window:3m|1y|5y]}: a chart of a topic's papers and engagement over time. */
public final class PulseCommand implements Command {

    static final String TOPIC = "topic";
    static final String WINDOW = "window";
    static final String FILE_NAME = "pulse.png";
    /** {@code /help pulse}: what the bars and the line count. */
    public static final String HELP = "Bars: papers on the topic published per week (3m) or month (1y, 5y), by the"
            + " dates the sources give. Line: saves and 👍 here on papers matching the topic in each period,"
            + " whenever those papers were published. Under the chart: the papers most saved and voted on here"
            + " and the authors with the most papers in the period.";

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
                new UserError("window must be 3m, 1y or 5y, e.g. /pulse topic: diffusion window: 1y")))
                .orElse(PulseWindow.THREE_MONTHS);
        String topic = inv.string(TOPIC).map(String::strip).orElse("");
        if (topic.isEmpty()) {
            throw new UserError("Say which topic, e.g. /pulse topic: diffusion models");
        }
        search.checkQuery(topic);
        String shown = Text.truncate(topic, 60);
        PulseService.Pulse pulse = pulses.pulse(topic, window);
        if (pulse.total() == 0 && pulse.engagement() == 0) {
            return Reply.error("No papers on “" + shown + "” in " + window.phrase()
                    + (window == PulseWindow.FIVE_YEARS ? ". Try fewer words." : ". Try window: 5y, or fewer words."));
        }
        String title = "Pulse of “" + shown + "” · " + window.phrase();
        byte[] png = PulseChart.render(Text.truncate(topic, 40) + " · " + window.phrase(), window.periodWord(),
                pulse.periods());
        return Reply.builder()
                .title(title)
                .text(summary(pulse))
                .attachment(new Attachment(FILE_NAME, "image/png", png))
                .footer("Bars: papers per " + window.periodWord() + ". Line: saves and votes here.")
                .build();
    }

    private String summary(PulseService.Pulse pulse) {
        StringBuilder out = new StringBuilder();
        out.append(pulse.total()).append(pulse.truncated() ? "+" : "").append(pulse.total() == 1 ? " paper" : " papers")
                .append(", ").append(pulse.engagement()).append(pulse.engagement() == 1 ? " save or vote" : " saves and votes")
                .append(" here.");
        if (!pulse.mostEngaged().isEmpty()) {
            Map<String, Paper> papers = new HashMap<>();
            search.papers(pulse.mostEngaged().stream().map(PulseService.Engaged::paperId).toList())
                    .forEach(p -> papers.put(p.id(), p));
            out.append("\n\nMost engaged here:");
            int rank = 1;
            for (PulseService.Engaged e : pulse.mostEngaged()) {
                Paper p = papers.get(e.paperId());
                String name = p == null ? e.paperId() : Text.truncate(p.title(), 90);
                out.append('\n').append(rank++).append(". ").append(name).append(" (").append(e.count()).append(')');
            }
        }
        if (!pulse.authors().isEmpty()) {
            out.append("\n\nMost frequent authors: ").append(pulse.authors().stream()
                    .map(a -> a.name() + " (" + a.papers() + ")").collect(Collectors.joining(", ")));
        }
        return out.toString();
    }
}
