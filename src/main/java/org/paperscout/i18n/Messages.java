package org.paperscout.i18n;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.util.ULocale;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's words in one of its languages: {@code i18n/messages*.properties} (UTF-8) formatted with ICU
 * MessageFormat, so {@code {count, plural, one {# paper} other {# papers}}} is right in every language and numbers
 * are grouped the local way. Never throws at users: an unknown language reads English, a key missing from a
 * translation reads English, a key missing everywhere or a pattern that fails to format reads the key itself
 * (and logs it), which a test keeps from happening.
 */
public final class Messages {

    private static final Logger log = LoggerFactory.getLogger(Messages.class);
    static final String BUNDLE = "i18n.messages";
    public static final Locale ENGLISH = Locale.ENGLISH;
    /** The languages with a bundle, English first; the tags are Discord's locale codes. */
    public static final List<Locale> SUPPORTED = List.of(ENGLISH, Locale.GERMAN, Locale.FRENCH,
            Locale.forLanguageTag("es-ES"), Locale.forLanguageTag("pt-BR"), Locale.JAPANESE,
            Locale.forLanguageTag("zh-CN"));
    // Without fallback to the JVM's default locale: on a German machine an Italian user must read English.
    private static final ResourceBundle.Control NO_DEFAULT =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale locale;
    private final ResourceBundle bundle;
    /**
     * Parsed patterns by key, one map per thread: parsing a pattern was about 7% of composing a personal digest
     * (every card's why-line), and an ICU MessageFormat fills caches while it formats, so it is not shared between
     * threads. The keys are the bundle's, so each map stays bounded.
     */
    private final ThreadLocal<Map<String, MessageFormat>> formats = ThreadLocal.withInitial(HashMap::new);

    private Messages(Locale locale) {
        this.locale = locale;
        this.bundle = ResourceBundle.getBundle(BUNDLE, locale, NO_DEFAULT);
    }

    /** One per supported language: a Messages holds nothing but its locale and bundle, so all callers share it. */
    private static final Map<Locale, Messages> BY_LOCALE = new ConcurrentHashMap<>();

    /** The messages for {@code requested}, or English when it is null or a language without a bundle. */
    public static Messages of(Locale requested) {
        return BY_LOCALE.computeIfAbsent(supported(requested), Messages::new);
    }

    /**
     * The supported language closest to {@code requested}: any Spanish reads es-ES, any Portuguese pt-BR (the
     * only one Discord offers), Chinese only when Simplified (zh-CN, zh-SG, zh-Hans); everything else English.
     */
    public static Locale supported(Locale requested) {
        if (requested == null) {
            return ENGLISH;
        }
        String language = requested.getLanguage();
        String country = requested.getCountry();
        return switch (language) {
            case "de" -> Locale.GERMAN;
            case "fr" -> Locale.FRENCH;
            case "es" -> SUPPORTED.get(3);
            case "pt" -> SUPPORTED.get(4);
            case "ja" -> Locale.JAPANESE;
            case "zh" -> "Hans".equals(requested.getScript()) || country.equals("CN") || country.equals("SG")
                    || country.isEmpty() && requested.getScript().isEmpty() ? SUPPORTED.get(6) : ENGLISH;
            default -> ENGLISH;
        };
    }

    /** The file a supported language reads: {@code i18n/messages_de.properties}; Spanish is one file for es-ES and es-419. */
    static String resource(Locale supported) {
        String suffix = supported.equals(ENGLISH) ? "" : "_" + (supported.getLanguage().equals("es") ? "es" : supported);
        return "/" + BUNDLE.replace('.', '/') + suffix + ".properties";
    }

    public Locale locale() {
        return locale;
    }

    /**
     * The message {@code key} with its named arguments given as name, value pairs:
     * {@code get("search.title", "query", q)}. Numbers format for the locale, {@link LocalDate}s as its medium date.
     */
    public String get(String key, Object... namesAndValues) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            log.warn("message {} missing in every bundle", key);
            return key;
        }
        if (namesAndValues.length == 0 && pattern.indexOf('{') < 0) {
            return pattern;
        }
        Map<String, Object> args = new HashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            args.put(String.valueOf(namesAndValues[i]), value instanceof LocalDate d ? date(d) : value);
        }
        try {
            return formats.get().computeIfAbsent(key, k -> new MessageFormat(pattern, ULocale.forLocale(locale)))
                    .format(args);
        } catch (IllegalArgumentException e) {
            log.warn("message {} in {} does not format: {}", key, locale.toLanguageTag(), e.toString());
            return locale.equals(ENGLISH) ? key : of(ENGLISH).get(key, namesAndValues);
        }
    }

    /** The text for {@code key} in a language other than English, empty for English (the default needs no copy). */
    public Optional<String> translation(String key) {
        if (locale.equals(ENGLISH)) {
            return Optional.empty();
        }
        try {
            return Optional.of(bundle.getString(key));
        } catch (MissingResourceException e) {
            return Optional.empty();
        }
    }

    /** A date the way this language writes it ("14 Jun 2024", "14.06.2024", "2024/06/14"). */
    public String date(LocalDate date) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).format(date);
    }

    /**
     * A short day with its weekday, as digest titles show it: "Tue 10 Mar" in English (the bot's own style),
     * "Di., 10. März" in German, "3月10日(火)" in Japanese, from ICU's pattern for the locale.
     */
    public String day(LocalDate date) {
        if (locale.equals(ENGLISH)) {
            return DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH).format(date);
        }
        com.ibm.icu.text.DateFormat format =
                com.ibm.icu.text.DateFormat.getInstanceForSkeleton("MMMEd", ULocale.forLocale(locale));
        format.setTimeZone(com.ibm.icu.util.TimeZone.GMT_ZONE);
        return format.format(java.util.Date.from(date.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
    }

    /** A whole number grouped the way this language does ("12,000", "12.000", "12 000"). */
    public String number(long n) {
        return com.ibm.icu.text.NumberFormat.getIntegerInstance(ULocale.forLocale(locale)).format(n);
    }
}
