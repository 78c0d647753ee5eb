package org.paperscout.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.util.ULocale;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every translation has exactly English's keys, with the same arguments, and every one of them formats. */
class MessagesBundleTest {

    static final Path COMMANDS_SNAPSHOT = Path.of("src/test/resources/discord/commands.json");

    static Properties bundle(Locale locale) throws IOException {
        try (InputStream in = Messages.class.getResourceAsStream(Messages.resource(locale))) {
            assertThat(in).as("bundle for %s", locale.toLanguageTag()).isNotNull();
            Properties p = new Properties();
            try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            return p;
        }
    }

    /** The arguments of a pattern as name:kind (kind is NONE, SIMPLE, PLURAL...), which must match English's. */
    static Set<String> arguments(String pattern) {
        MessagePattern mp = new MessagePattern(pattern);
        Set<String> args = new TreeSet<>();
        for (int i = 0; i < mp.countParts(); i++) {
            MessagePattern.Part part = mp.getPart(i);
            if (part.getType() == MessagePattern.Part.Type.ARG_START) {
                args.add(mp.getSubstring(mp.getPart(i + 1)) + ":" + part.getArgType());
            }
        }
        return args;
    }

    @Test
    void everyTranslationHasExactlyEnglishsKeysWithTheSameArguments() throws IOException {
        Properties english = bundle(Messages.ENGLISH);
        assertThat(english).hasSizeGreaterThan(50);
        List<String> problems = new ArrayList<>();
        for (Locale locale : Messages.SUPPORTED.subList(1, Messages.SUPPORTED.size())) {
            Properties translated = bundle(locale);
            String tag = locale.toLanguageTag();
            for (String key : english.stringPropertyNames()) {
                if (!translated.containsKey(key)) {
                    problems.add(tag + " lacks " + key);
                } else if (!arguments(translated.getProperty(key)).equals(arguments(english.getProperty(key)))) {
                    problems.add(tag + " " + key + " has " + arguments(translated.getProperty(key))
                            + ", English " + arguments(english.getProperty(key)));
                }
            }
            for (String key : translated.stringPropertyNames()) {
                if (!english.containsKey(key)) {
                    problems.add(tag + " has " + key + ", which English lacks");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyMessageFormatsInEveryLanguage() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Locale locale : Messages.SUPPORTED) {
            Properties p = bundle(locale);
            for (String key : p.stringPropertyNames()) {
                try {
                    String out = new MessageFormat(p.getProperty(key), ULocale.forLocale(locale))
                            .format(MessageSamples.longArguments(p.getProperty(key)));
                    if (out.contains("{") && !key.equals("search.operators")) {
                        problems.add(locale.toLanguageTag() + " " + key + " left a brace: " + out);
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(locale.toLanguageTag() + " " + key + ": " + e.getMessage());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void englishCommandTextsAreTheRegisteredOnes() throws IOException {
        // commands.json is what RealCommandsEndToEndTest sees the real bot register, so a description changed in
        // code but not here (or the reverse) fails.
        Map<String, String> registered = new TreeMap<>();
        JsonNode commands = new ObjectMapper().readTree(COMMANDS_SNAPSHOT.toFile());
        for (JsonNode c : commands) {
            if (c.path("type").asInt(1) != 1) {
                continue;
            }
            String name = c.get("name").asText();
            registered.put("command." + name + ".description", c.get("description").asText());
            for (JsonNode o : c.path("options")) {
                if (o.get("type").asInt() == 1) {
                    String sub = "command." + name + "." + o.get("name").asText();
                    registered.put(sub + ".description", o.get("description").asText());
                    for (JsonNode so : o.path("options")) {
                        registerOption(registered, sub + ".option." + so.get("name").asText(), so);
                    }
                } else {
                    registerOption(registered, "command." + name + ".option." + o.get("name").asText(), o);
                }
            }
        }
        // File formats are called the same in every language, so they have no key.
        registered.remove("command.export.option.format.choice.bibtex");
        registered.remove("command.export.option.format.choice.json");
        Properties english = bundle(Messages.ENGLISH);
        Map<String, String> bundled = new TreeMap<>();
        english.stringPropertyNames().stream().filter(k -> k.startsWith("command."))
                .forEach(k -> bundled.put(k, english.getProperty(k)));
        assertThat(bundled).isEqualTo(registered);
    }

    private static void registerOption(Map<String, String> registered, String key, JsonNode option) {
        registered.put(key, option.get("description").asText());
        for (JsonNode choice : option.path("choices")) {
            registered.put(key + ".choice." + choice.get("value").asText().replace(' ', '-'),
                    choice.get("name").asText());
        }
    }

    @Test
    void pluralsFollowEachLanguage() {
        assertThat(Messages.of(Locale.ENGLISH).get("search.footer", "page", 1, "pages", 1, "count", 1))
                .isEqualTo("Page 1 of 1 · 1 paper");
        assertThat(Messages.of(Locale.US).get("search.footer", "page", 1, "pages", 3, "count", 12))
                .isEqualTo("Page 1 of 3 · 12 papers");
        assertThat(Messages.of(Locale.GERMAN).get("search.footer", "page", 1, "pages", 1, "count", 1))
                .isEqualTo("Seite 1 von 1 · 1 Paper");
        assertThat(Messages.of(Locale.GERMANY).get("search.footer", "page", 2, "pages", 2, "count", 2))
                .isEqualTo("Seite 2 von 2 · 2 Paper");
        // French counts zero as singular; ICU knows, English-style code would not
        assertThat(Messages.of(Locale.FRENCH).get("search.footer", "page", 1, "pages", 1, "count", 0))
                .endsWith("· 0 article");
        assertThat(Messages.of(Locale.forLanguageTag("es-ES")).get("recommend.whole-index", "days", 14))
                .contains("en los últimos 14 días");
        assertThat(Messages.of(Locale.forLanguageTag("pt-BR")).get("recommend.whole-index", "days", 1))
                .contains("no último dia");
        assertThat(Messages.of(Locale.JAPANESE).get("search.footer", "page", 1, "pages", 1, "count", 1))
                .endsWith("1 件の論文");
    }

    @Test
    void aPatternParsedOnceFormatsEachCallsOwnArgumentsOnEveryThread() throws Exception {
        Messages german = Messages.of(Locale.GERMAN);
        String one = german.get("search.footer", "page", 1, "pages", 1, "count", 1);
        String many = german.get("search.footer", "page", 2, "pages", 200, "count", 12000);
        assertThat(many).isNotEqualTo(one).contains("12.000");
        assertThat(german.get("search.footer", "page", 1, "pages", 1, "count", 1)).isEqualTo(one);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                boolean odd = i % 2 == 1;
                results.add(pool.submit(() -> odd
                        ? german.get("search.footer", "page", 2, "pages", 200, "count", 12000)
                        : german.get("search.footer", "page", 1, "pages", 1, "count", 1)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(i % 2 == 1 ? many : one);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void numbersAreGroupedTheLocalWay() {
        assertThat(Messages.of(Locale.ENGLISH).get("search.footer", "page", 1, "pages", 200, "count", 12000))
                .endsWith("12,000 papers");
        assertThat(Messages.of(Locale.GERMAN).get("search.footer", "page", 1, "pages", 200, "count", 12000))
                .endsWith("12.000 Paper");
        assertThat(Messages.of(Locale.GERMAN).number(1234567)).isEqualTo("1.234.567");
        assertThat(Messages.of(Locale.GERMAN).date(java.time.LocalDate.of(2024, 6, 14))).isEqualTo("14.06.2024");
    }

    @Test
    void otherLanguagesAndMissingKeysReadEnglishNeverAnError() {
        assertThat(Messages.supported(Locale.ITALIAN)).isEqualTo(Locale.ENGLISH);
        assertThat(Messages.supported(Locale.TRADITIONAL_CHINESE)).isEqualTo(Locale.ENGLISH);
        assertThat(Messages.supported(Locale.forLanguageTag("es-419")).toLanguageTag()).isEqualTo("es-ES");
        assertThat(Messages.supported(Locale.forLanguageTag("pt-PT")).toLanguageTag()).isEqualTo("pt-BR");
        assertThat(Messages.supported(null)).isEqualTo(Locale.ENGLISH);
        assertThat(Messages.of(Locale.ITALIAN).get("button.save")).isEqualTo("Save");
        assertThat(Messages.of(Locale.forLanguageTag("pt-BR")).get("button.save")).isEqualTo("Salvar");
        assertThat(Messages.of(Locale.GERMAN).get("no.such.key")).isEqualTo("no.such.key");
        // a wrong argument type is a bug, but the user still reads a sentence
        assertThat(Messages.of(Locale.GERMAN).get("search.footer", "page", 1, "pages", 1, "count", "many"))
                .isNotBlank();
    }

    @Test
    void englishHasNoTranslationToRegister() {
        assertThat(Messages.of(Locale.ENGLISH).translation("button.save")).isEmpty();
        assertThat(Messages.of(Locale.JAPANESE).translation("button.save")).contains("保存");
    }

    static Map<String, Object> sample(String... pairs) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
