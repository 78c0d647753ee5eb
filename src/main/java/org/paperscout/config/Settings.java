package org.paperscout.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Raw configuration: {@code config/paperscout.properties} overlaid by environment variables
 * {@code PAPERSCOUT_<KEY>} (upper case, {@code .} and {@code -} as {@code _}). Typed getters validate and
 * throw {@link ConfigException} naming the key, its environment variable and the expected form. Each feature
 * turns this into its own immutable config record at start, so a bad value fails before anything runs.
 *
 * <p>The Discord token is deliberately not reachable from here: it comes only from {@code DISCORD_TOKEN}.
 */
public final class Settings {

    private final Map<String, String> fileValues;
    private final Map<String, String> env;

    private Settings(Map<String, String> fileValues, Map<String, String> env) {
        this.fileValues = Map.copyOf(fileValues);
        this.env = Map.copyOf(env);
    }

    /** Loads the properties file when it exists (the defaults are also built in) and overlays the environment. */
    public static Settings load(Path propertiesFile, Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        if (propertiesFile != null && Files.isRegularFile(propertiesFile)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException("cannot read " + propertiesFile + ": " + e.getMessage());
            }
            p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k).strip()));
        }
        return new Settings(values, env);
    }

    /** Settings from explicit values only (tests). */
    public static Settings of(Map<String, String> values) {
        return new Settings(values, Map.of());
    }

    /** A copy with some keys overridden (tests and the CLI's flags). */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(fileValues);
        values.putAll(overrides);
        Map<String, String> envLeft = new HashMap<>(env);
        overrides.keySet().forEach(k -> envLeft.remove(envName(k)));
        return new Settings(values, envLeft);
    }

    public static String envName(String key) {
        return "PAPERSCOUT_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The raw value, the environment winning over the file; empty strings count as unset. */
    public Optional<String> raw(String key) {
        String v = env.get(envName(key));
        if (v == null) {
            v = fileValues.get(key);
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    public String string(String key, String defaultValue) {
        return raw(key).orElse(defaultValue);
    }

    public Optional<String> optionalString(String key) {
        return raw(key);
    }

    public int integer(String key, int defaultValue, int min, int max) {
        return raw(key).map(v -> parse(key, v, "an integer from " + min + " to " + max, s -> {
            int i = Integer.parseInt(s);
            if (i < min || i > max) {
                throw new IllegalArgumentException();
            }
            return i;
        })).orElse(defaultValue);
    }

    public double decimal(String key, double defaultValue, double min, double max) {
        return raw(key).map(v -> parse(key, v, "a number from " + min + " to " + max, s -> {
            double d = Double.parseDouble(s);
            if (!(d >= min && d <= max)) {
                throw new IllegalArgumentException();
            }
            return d;
        })).orElse(defaultValue);
    }

    public boolean bool(String key, boolean defaultValue) {
        return raw(key).map(v -> parse(key, v, "true or false", s -> {
            if (s.equalsIgnoreCase("true")) {
                return true;
            }
            if (s.equalsIgnoreCase("false")) {
                return false;
            }
            throw new IllegalArgumentException();
        })).orElse(defaultValue);
    }

    /** A duration such as {@code 90s}, {@code 15m}, {@code 1h}, {@code 2d} or ISO-8601 {@code PT1H}. */
    public Duration duration(String key, Duration defaultValue) {
        return raw(key).map(v -> parse(key, v, "a duration such as 30s, 15m, 1h or 2d", Settings::parseDuration))
                .orElse(defaultValue);
    }

    public LocalTime localTime(String key, LocalTime defaultValue) {
        return raw(key).map(v -> parse(key, v, "a time of day as HH:mm", LocalTime::parse)).orElse(defaultValue);
    }

    public ZoneId zone(String key, ZoneId defaultValue) {
        return raw(key).map(v -> parse(key, v, "an IANA time zone such as Europe/Berlin", ZoneId::of))
                .orElse(defaultValue);
    }

    public Path path(String key, Path defaultValue) {
        return raw(key).map(v -> parse(key, v, "a file system path", Path::of)).orElse(defaultValue);
    }

    /** A comma-separated list; blanks dropped. */
    public List<String> list(String key, List<String> defaultValue) {
        return raw(key).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
                .orElse(defaultValue);
    }

    /** Fails with the standard one-line message for a value a feature validated itself. */
    public ConfigException invalid(String key, String expected) {
        String shown = raw(key).orElse("");
        return new ConfigException("invalid value for " + key + " (" + envName(key) + "): expected " + expected
                + ", got '" + shown + "'");
    }

    private <T> T parse(String key, String value, String expected, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException | DateTimeException e) {
            throw invalid(key, expected);
        }
    }

    static Duration parseDuration(String s) {
        String v = s.strip().toLowerCase(Locale.ROOT);
        if (v.startsWith("p")) {
            try {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(e);
            }
        }
        int split = 0;
        while (split < v.length() && Character.isDigit(v.charAt(split))) {
            split++;
        }
        if (split == 0 || split == v.length()) {
            throw new IllegalArgumentException("no unit");
        }
        long amount = Long.parseLong(v.substring(0, split));
        return switch (v.substring(split)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown unit");
        };
    }
}
