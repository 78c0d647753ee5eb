package org.paperscout.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The typed-text checks every command shares: English as it always read, and each language with its own words. */
class UserInputTest {

    private static UserError refusal(String raw, String what, int max) {
        return catchThrowableOfType(() -> UserInput.require(raw, what, max, "/follow topic machine unlearning"),
                UserError.class);
    }

    @Test
    void englishReadsAsBeforeAndGermanAndChineseSayTheSameInTheirWords() {
        UserError missing = refusal("  ", "topic", 100);
        assertThat(missing.getMessage()).isEqualTo("Please type a topic, e.g. /follow topic machine unlearning.");
        assertThat(missing.message(Locale.GERMAN))
                .isEqualTo("Bitte gib ein Thema ein, z. B. /follow topic machine unlearning.");
        assertThat(missing.message(Locale.forLanguageTag("zh-CN")))
                .isEqualTo("请输入主题，例如 /follow topic machine unlearning。");

        UserError tooLong = refusal("x".repeat(130), "paper id or title", 120);
        assertThat(tooLong.getMessage())
                .isEqualTo("That paper id or title is 130 characters long; the limit is 120. Try a shorter one.");
        assertThat(tooLong.message(Locale.FRENCH))
                .isEqualTo("Ce texte fait 130 caractères ; la limite est 120. Essayez plus court.");

        UserError control = refusal("a\nb", "name", 100);
        assertThat(control.getMessage()).startsWith("That name contains line breaks or control characters;");
        assertThat(control.message(Locale.GERMAN)).startsWith("Dieser Name enthält Zeilenumbrüche oder Steuerzeichen;");
        assertThat(refusal("a\uD800b", "category", 100).message(Locale.JAPANESE))
                .isEqualTo("入力されたカテゴリに壊れた文字が含まれています。もう一度入力してください。");
    }

    @Test
    void aValueNoMessageKnowsIsNamedAsTheCallerWroteIt() {
        UserError missing = refusal(null, "search query", 100);
        assertThat(missing.getMessage()).isEqualTo("Please type a search query, e.g. /follow topic machine unlearning.");
        assertThat(missing.message(Locale.forLanguageTag("es-ES")))
                .isEqualTo("Escribe search query, p. ej. /follow topic machine unlearning.");
    }
}
