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
    private final String source;
    private final Path home;
    private final Installation installation;

    private Settings(Map<String, String> fileValues, Map<String, String> env, String source, Path home,
                     Installation installation) {
        this.fileValues = Map.copyOf(fileValues);
        this.env = Map.copyOf(env);
        this.source = source;
        this.home = home;
        this.installation = installation;
    }

    /** Loads the properties file when it exists (the defaults are also built in) and overlays the environment. */
    public static Settings load(Path propertiesFile, Map<String, String> env) {
        if (propertiesFile != null && Files.isRegularFile(propertiesFile)) {
            return fromFile(propertiesFile, env, Installation.current());
        }
        return new Settings(Map.of(), env, "built-in defaults", null, Installation.current());
    }

    /**
     * The settings a start uses: {@code --config FILE} when given (it must exist), else the first
     * {@code config/paperscout.properties} in the working folder or beside the jar, else the copy built into the jar.
     */
    public static Settings locate(Path explicitFile, Map<String, String> env) {
        return locate(explicitFile, env, Installation.current());
    }

    static Settings locate(Path explicitFile, Map<String, String> env, Installation installation) {
        if (explicitFile != null) {
            if (!Files.isRegularFile(explicitFile)) {
                throw new ConfigException("--config " + explicitFile + ": no such file. Give an existing properties "
                        + "file, or leave --config out to use config/paperscout.properties.");
            }
            return fromFile(explicitFile, env, installation);
        }
        Optional<Path> found = installation.configFile();
        if (found.isPresent()) {
            return fromFile(found.get(), env, installation);
        }
        java.net.URL builtIn = Installation.builtInConfig();
        Map<String, String> values = new HashMap<>();
        if (builtIn != null) {
            try (Reader r = new java.io.InputStreamReader(builtIn.openStream(), StandardCharsets.UTF_8)) {
                values.putAll(read(r, "the built-in config"));
            } catch (IOException e) {
                throw new ConfigException("cannot read the built-in config: " + e.getMessage());
            }
        }
        return new Settings(values, env, "the built-in defaults (no " + Installation.CONFIG_FILE
                + " in the working folder or beside the jar)", null, installation);
    }

    private static Settings fromFile(Path file, Map<String, String> env, Installation installation) {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Settings(read(r, file.toString()), env, file.toAbsolutePath().normalize().toString(),
                    Installation.homeOf(file), installation);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static Map<String, String> read(Reader reader, String name) throws IOException {
        Properties p = new Properties();
        try {
            p.load(reader);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("cannot read " + name + ": " + e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k).strip()));
        return values;
    }

    /** Settings from explicit values only (tests). */
    public static Settings of(Map<String, String> values) {
        return new Settings(values, Map.of(), "given values", null, Installation.current());
    }

    /** Where these settings came from, for the start-up line: a file's absolute path, or the built-in defaults. */
    public String source() {
        return source;
    }

    /**
     * A folder to use for a path setting: an explicit value must exist (as given, or beside the config file); the
     * default name is looked for in the working folder, beside the config file and beside the jar, and is empty
     * when none has it (the caller falls back to a built-in copy).
     */
    public Optional<Path> existingFolder(String key, String defaultName) {
        Optional<String> value = raw(key);
        if (value.isEmpty() || value.get().equals(defaultName)) {
            return installation.folder(defaultName, home);
        }
        Path given = path(key, Path.of(defaultName));
        if (Files.isDirectory(given)) {
            return Optional.of(given);
        }
        if (!given.isAbsolute() && home != null && Files.isDirectory(home.resolve(given))) {
            return Optional.of(home.resolve(given).normalize());
        }
        throw invalid(key, "an existing folder");
    }

    /** A copy with some keys overridden (tests and the CLI's flags). */
    public Settings with(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(fileValues);
        values.putAll(overrides);
        Map<String, String> envLeft = new HashMap<>(env);
        overrides.keySet().forEach(k -> envLeft.remove(envName(k)));
        return new Settings(values, envLeft, source, home, installation);
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

    /** A duration of at least {@code min}: a timeout of 0s would make every wait fail at once. */
    public Duration duration(String key, Duration defaultValue, Duration min) {
        Duration d = duration(key, defaultValue);
        if (d.compareTo(min) < 0) {
            throw invalid(key, "a duration of at least " + describe(min) + ", such as 2s");
        }
        return d;
    }

    private static String describe(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + "ms" : d.toSeconds() + "s";
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
