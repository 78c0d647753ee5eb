package org.paperscout.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast paths of the clean-up give exactly what the general path gives. */
class PaperFieldsTest {

    @Test
    void theAsciiShortcutAgreesWithTheUnicodeDefinitionOfSpace() {
        for (int cp = 0; cp < 0x80; cp++) {
            boolean general = Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp);
            assertThat(PaperFields.isSpace(cp)).as("U+%04X", cp).isEqualTo(general);
        }
    }

    @Test
    void aTextLeftAsItIsIsExactlyWhatTheFullCleanUpWouldGive() {
        String alphabet = "ab \t\n\u00a0\u2003\u200b\ufeff\u0001é😀-";
        Random random = new Random(5);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder s = new StringBuilder();
            int len = random.nextInt(8);
            for (int j = 0; j < len; j++) {
                int k = random.nextInt(alphabet.codePointCount(0, alphabet.length()));
                s.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, k)));
            }
            String raw = s.toString();
            BoundedText slow = new BoundedText(Integer.MAX_VALUE);
            slow.append(raw);
            assertThat(PaperFields.isBlank(raw)).as("blank %s", raw.codePoints().mapToObj(Integer::toHexString)
                    .toList()).isEqualTo(slow.toString().isEmpty());
            assertThat(PaperFields.clean(raw)).as("%s", raw.codePoints().mapToObj(Integer::toHexString).toList())
                    .isEqualTo(slow.toString());
        }
        String clean = new String("Be like a Goldfish");
        assertThat(PaperFields.clean(clean)).isSameAs(clean); // no copy when nothing changes
    }
}
