package org.paperscout.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paperscout.commands.Attachment;
import org.paperscout.commands.Command;
import org.paperscout.commands.CommandSpec;
import org.paperscout.commands.Invocation;
import org.paperscout.commands.Reply;
import org.paperscout.i18n.Messages;
import org.paperscout.privacy.PrivacyStore;
import org.paperscout.store.JsonMappers;

/** {@code /my-data}: everything stored about the caller, every table, as a JSON attachment. */
public final class MyDataCommand implements Command {

    private final PrivacyStore privacy;
    private final Clock clock;

    public MyDataCommand(PrivacyStore privacy, Clock clock) {
        this.privacy = privacy;
        this.clock = clock;
    }

    @Override
    public CommandSpec spec() {
        return CommandSpec.of("my-data", "Download everything PaperScout stores about you");
    }

    @Override
    public Reply handle(Invocation invocation) {
        Map<String, List<Map<String, Object>>> tables = privacy.export(invocation.userId());
        int rows = tables.values().stream().mapToInt(List::size).sum();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("user_id", invocation.userId());
        document.put("generated_at", clock.instant().toString());
        document.put("tables", tables);
        byte[] content;
        try {
            content = JsonMappers.indented().writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rows of plain values always serialise", e);
        }
        return Reply.builder().ephemeral(true)
                .text(Messages.of(invocation.locale()).get("my-data.done", "count", rows))
                .attachment(new Attachment("paperscout-my-data.json", "application/json", content))
                .build();
    }
}
