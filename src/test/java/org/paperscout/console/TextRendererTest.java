package org.paperscout.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.paperscout.commands.Attachment;
import org.paperscout.commands.Reply;
import org.paperscout.i18n.Messages;

class TextRendererTest {

    private static Reply chart(Locale locale) {
        return Reply.builder().text("x").attachment(new Attachment("pulse.png", "image/png", new byte[1234]))
                .locale(locale).build();
    }

    @Test
    void theAttachmentLineIsInTheRepliesLanguage() {
        String german = new TextRenderer(false).render(chart(Locale.GERMAN)).text();

        assertThat(german).contains(Messages.of(Locale.GERMAN).get("console.attachment", "name", "pulse.png",
                "bytes", 1234)).contains("Anhang pulse.png").doesNotContain("attachment");
    }

    @Test
    void englishNamesTheFileAndItsSize() {
        assertThat(new TextRenderer(false).render(chart(Locale.ENGLISH)).text())
                .contains("(attachment pulse.png, 1,234 bytes)");
    }
}
