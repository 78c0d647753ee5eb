package org.paperscout.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Every message, rendered in every language with the longest arguments it meets, fits where Discord shows it:
 * button labels 80, command and option descriptions 100, embed titles 256, footers 2048, message text 2000.
 */
class MessageLimitsTest {

    static int limit(String key) {
        if (key.startsWith("button.") || key.equals("recommend.follow-button")) {
            return 80;
        }
        if (key.startsWith("command.")) {
            return 100;
        }
        if (key.startsWith("card.")) {
            return 256; // embed field names
        }
        if (key.endsWith(".title") || key.endsWith("-title")) {
            return 256;
        }
        if (key.contains("footer")) {
            return 2048;
        }
        return 2000;
    }

    @Test
    void everyRenderedMessageFitsDiscordsLimit() throws IOException {
        List<String> tooLong = new ArrayList<>();
        for (Locale locale : Messages.SUPPORTED) {
            Properties p = MessagesBundleTest.bundle(locale);
            for (String key : p.stringPropertyNames()) {
                String pattern = p.getProperty(key);
                String out = new MessageFormat(pattern, ULocale.forLocale(locale))
                        .format(MessageSamples.longArguments(pattern));
                if (out.length() > limit(key) || out.isBlank()) {
                    tooLong.add(locale.toLanguageTag() + " " + key + " (" + out.length() + " > " + limit(key) + ")");
                }
            }
        }
        assertThat(tooLong).isEmpty();
    }

    @Test
    void theLimitsCheckCatchesAnOverlongLabel() {
        // the check above only means something if a long label fails it
        String label = new MessageFormat("Follow “{topic}” " + "x".repeat(30), ULocale.ENGLISH)
                .format(MessageSamples.longArguments("{topic}"));
        assertThat(label.length()).isGreaterThan(limit("recommend.follow-button"));
    }
}
