package org.paperscout.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Title normalisation decides dedupe and title-hash ids, so its ASCII shortcut must never change a result. */
class PaperIdsTest {

    /** The definition, as it was before the shortcut: every stored title hash was computed this way. */
    private static String byDefinition(String title) {
        String folded = Normalizer.normalize(title, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        return folded.replaceAll("[^\\p{L}\\p{Nd}]+", " ").strip();
    }

    @Test
    void everyAsciiTextNormalisesExactlyAsTheDefinitionSays() {
        Random random = new Random(15);
        for (int i = 0; i < 200_000; i++) {
            char[] text = new char[random.nextInt(10)];
            for (int j = 0; j < text.length; j++) {
                // Half the time from the characters that matter most (letters of both cases, digits, spaces).
                text[j] = random.nextBoolean() ? "aZ9 -_.\t".charAt(random.nextInt(8)) : (char) random.nextInt(0x80);
            }
            String title = new String(text);
            assertThat(PaperIds.normaliseTitle(title)).as("%s", title.chars().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(byDefinition(title));
        }
    }

    @Test
    void textBeyondAsciiStillFoldsAccentsWidthAndOtherScripts() {
        for (String title : new String[] {"Café Über-Models", "ＡＢＣ ﬁne-tuning", "Ｘ²: Étude", "深度学习 for Ω-nets",
                "Attention is all you need\u00a0(2017)", "e\u0301cole"}) {
            assertThat(PaperIds.normaliseTitle(title)).as(title).isEqualTo(byDefinition(title));
        }
        assertThat(PaperIds.normaliseTitle("Café Über-Models")).isEqualTo("cafe uber models");
        assertThat(PaperIds.normaliseTitle("  Be like a Goldfish, Don't Memorize!  ")).isEqualTo(
                "be like a goldfish don t memorize");
        assertThat(PaperIds.normaliseTitle(null)).isEmpty();
        assertThat(PaperIds.forTitle("Be like a GOLDFISH")).isEqualTo(PaperIds.forTitle("be like a goldfish!"));
    }
}
