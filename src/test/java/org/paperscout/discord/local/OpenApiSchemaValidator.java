package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks request bodies against Discord's own OpenAPI 3.1 description of API v10
 * ({@code ../shared/discord-api/openapi.json}), so a test catches a body Discord would reject with 50035 even where
 * {@link LocalDiscord}'s hand-written limits are silent.
 *
 * <p>The file comes from the system property {@value #PROPERTY} (set by surefire) or the environment variable
 * {@value #ENV}. When neither names an existing file, {@link #isAvailable()} is false, a one-line message says why, and
 * every check passes; tests then skip only their schema assertion with
 * {@code Assumptions.assumeTrue(validator.isAvailable())}. A file that exists but cannot be read as OpenAPI is an
 * error, never a skip.
 *
 * <p>How a body is checked: the path (relative to {@code /api/v10}) is matched against the spec's path templates,
 * preferring the template with the most literal segments ({@code /users/@me} over {@code /users/{user_id}}); the
 * operation's {@code requestBody} schema for {@code application/json} is compiled once per route with networknt's
 * JSON Schema 2020-12 dialect (what OpenAPI 3.1 uses), its {@code #/components/schemas/...} references resolving
 * into the same document. Routes without a JSON request body are not checked. Thread-safe.
 */
public final class OpenApiSchemaValidator {

    public static final String PROPERTY = "discord.openapi";
    public static final String ENV = "DISCORD_OPENAPI";

    /**
     * Loading and parsing the 1.2 MB spec costs about a second; every LocalDiscord in a test JVM shares the result.
     * Test-only and immutable once loaded (the per-route schema map only memoises pure compilations).
     */
    private static volatile OpenApiSchemaValidator shared;

    private final Path source;
    private final String unavailableReason;
    private final JsonNode paths;
    private final JsonNode componentSchemas;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final Map<String, Optional<JsonSchema>> compiled = new ConcurrentHashMap<>();
    private final AtomicInteger routeCounter = new AtomicInteger();

    private OpenApiSchemaValidator(Path source, JsonNode spec, String unavailableReason) {
        this.source = source;
        this.unavailableReason = unavailableReason;
        this.paths = spec == null ? JsonNodeFactory.instance.objectNode() : spec.path("paths");
        this.componentSchemas = spec == null ? JsonNodeFactory.instance.objectNode()
                : spec.path("components").path("schemas");
        // OpenAPI adds keywords of its own ("x-discord-union", "discriminator", the wrapper's "components"): known
        // not to validate anything, so they are ignored quietly instead of warned about once per schema.
        JsonMetaSchema dialect = JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                .unknownKeywordFactory((keyword, context) -> new NonValidationKeyword(keyword))
                .build();
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, b -> b.metaSchema(dialect));
        this.config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_POINTER)
                // Discord's spec uses formats such as "snowflake" and "int32" that are annotations, not assertions.
                .formatAssertionsEnabled(false)
                .build();
    }

    /**
     * The spec named by {@value #PROPERTY} or {@value #ENV}; shared by all callers in this JVM. Skips (one line)
     * only when no named file exists; a file that exists but cannot be used fails every test that asks for it.
     */
    public static OpenApiSchemaValidator fromEnvironment() {
        OpenApiSchemaValidator v = shared;
        if (v == null) {
            synchronized (OpenApiSchemaValidator.class) {
                v = shared;
                if (v == null) {
                    v = fromLocations(System.getProperty(PROPERTY), System.getenv(ENV));
                    if (!v.isAvailable()) {
                        System.out.println("[OpenApiSchemaValidator] schema checks skipped: " + v.unavailableReason());
                    }
                    shared = v;
                }
            }
        }
        return v;
    }

    /**
     * The first of the locations that names an existing file, loaded. The property comes first; the environment
     * variable also serves when the property's default (../shared relative to the project) does not exist, as in a
     * git worktree.
     *
     * @throws IllegalStateException when a named file exists but is not a readable OpenAPI document: CI has the
     *                               file, so a broken one must fail the build instead of silently skipping checks
     */
    static OpenApiSchemaValidator fromLocations(String... locations) {
        for (String location : locations) {
            if (location != null && !location.isBlank() && Files.exists(Path.of(location))) {
                OpenApiSchemaValidator candidate = load(Path.of(location));
                if (!candidate.isAvailable()) {
                    throw new IllegalStateException("Discord's OpenAPI file is present but unusable, so schema checks "
                            + "cannot run: " + candidate.unavailableReason());
                }
                return candidate;
            }
        }
        return unavailable(null, "neither -D" + PROPERTY + " nor $" + ENV + " names an existing file");
    }

    /** Loads the spec from a file; an absent or unreadable file gives an unavailable validator, never an exception. */
    public static OpenApiSchemaValidator load(Path file) {
        if (!Files.isReadable(file)) {
            return unavailable(file, file + " does not exist or is not readable");
        }
        try {
            JsonNode spec = new ObjectMapper().readTree(file.toFile());
            if (!spec.path("paths").isObject()) {
                return unavailable(file, file + " has no 'paths': not an OpenAPI document");
            }
            return new OpenApiSchemaValidator(file, spec, null);
        } catch (IOException e) {
            return unavailable(file, file + " could not be parsed: " + e.getMessage());
        }
    }

    /** A validator that checks nothing, e.g. for tests that do not want schema checks at all. */
    public static OpenApiSchemaValidator disabled() {
        return unavailable(null, "schema checks disabled");
    }

    private static OpenApiSchemaValidator unavailable(Path file, String reason) {
        return new OpenApiSchemaValidator(file, null, reason);
    }

    public boolean isAvailable() {
        return unavailableReason == null;
    }

    /** Why checks are skipped, or null when available. */
    public String unavailableReason() {
        return unavailableReason;
    }

    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    /**
     * The spec's path template for a concrete path, e.g. {@code /interactions/{interaction_id}/{interaction_token}/callback}
     * for {@code /interactions/123/abc/callback}.
     *
     * @param path relative to {@code /api/v10}, with or without the leading slash, without the query
     */
    public Optional<String> routeTemplate(String path) {
        String[] actual = split(path);
        String best = null;
        int bestLiterals = -1;
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String template = it.next();
            String[] parts = split(template);
            if (parts.length != actual.length) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < parts.length && matches; i++) {
                if (parts[i].startsWith("{") && parts[i].endsWith("}")) {
                    matches = !actual[i].isEmpty();
                } else if (parts[i].equals(actual[i])) {
                    literals++;
                } else {
                    matches = false;
                }
            }
            if (matches && literals > bestLiterals) {
                best = template;
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    /** True when the spec defines a JSON request body for this method and path, i.e. when {@link #validate} checks something. */
    public boolean hasRequestSchema(String method, String path) {
        return isAvailable() && schemaFor(method, path).isPresent();
    }

    /**
     * Validates a JSON request body against its route's schema.
     *
     * @param method HTTP method, any case
     * @param path   relative to {@code /api/v10} (a leading {@code /api/v10} is stripped too)
     * @return one line per violation, empty when valid, when the route has no JSON body schema, or when unavailable
     */
    public List<String> validate(String method, String path, JsonNode body) {
        if (!isAvailable() || body == null) {
            return List.of();
        }
        Optional<JsonSchema> schema = schemaFor(method, path);
        if (schema.isEmpty()) {
            return List.of();
        }
        JsonNode instance = body;
        Set<ValidationMessage> messages = schema.get().validate(instance);
        // Discord's form parser accepts a numeric string where its spec says integer, and JDA 6.5 relies on it
        // (command "contexts" ["0","1"], "integration_types", "default_member_permissions" "32"). Coerce exactly the
        // values the validator reported as "string found, integer expected" and validate again; keep the coercion
        // only when it does not add new problems.
        for (int pass = 0; pass < MAX_COERCION_PASSES && !messages.isEmpty(); pass++) {
            JsonNode coerced = instance.deepCopy();
            boolean changed = false;
            for (ValidationMessage m : messages) {
                changed |= coerceNumericString(coerced, m);
            }
            if (!changed) {
                break;
            }
            Set<ValidationMessage> again = schema.get().validate(coerced);
            if (again.size() >= messages.size() && !again.isEmpty()) {
                break;
            }
            instance = coerced;
            messages = again;
        }
        List<String> problems = new ArrayList<>();
        for (ValidationMessage m : messages) {
            problems.add(m.getMessage());
        }
        problems.sort(null);
        return problems;
    }

    private static final int MAX_COERCION_PASSES = 3;
    private static final Pattern INTEGER_STRING = Pattern.compile("-?(0|[1-9][0-9]{0,18})");

    private static boolean coerceNumericString(JsonNode root, ValidationMessage m) {
        if (!"type".equals(m.getType()) || !m.getMessage().contains("integer")) {
            return false;
        }
        String pointer = m.getInstanceLocation().toString();
        if (pointer.isEmpty() || !pointer.startsWith("/")) {
            return false;
        }
        JsonNode value = root.at(pointer);
        if (!value.isTextual() || !INTEGER_STRING.matcher(value.asText()).matches()) {
            return false;
        }
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = root.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
        long number = Long.parseLong(value.asText());
        if (parent instanceof ObjectNode o) {
            o.put(last, number);
            return true;
        }
        if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
            a.set(Integer.parseInt(last), JsonNodeFactory.instance.numberNode(number));
            return true;
        }
        return false;
    }

    private Optional<JsonSchema> schemaFor(String method, String path) {
        Optional<String> template = routeTemplate(path);
        if (template.isEmpty()) {
            return Optional.empty();
        }
        String key = method.toLowerCase(Locale.ROOT) + " " + template.get();
        return compiled.computeIfAbsent(key, k -> compile(method.toLowerCase(Locale.ROOT), template.get()));
    }

    private Optional<JsonSchema> compile(String method, String template) {
        JsonNode schema = paths.path(template).path(method).path("requestBody").path("content")
                .path("application/json").path("schema");
        if (schema.isMissingNode()) {
            return Optional.empty();
        }
        // The route's schema refers to "#/components/schemas/X": wrap it in a document that carries those
        // components (shared, not copied) so the references resolve without rewriting them.
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.putArray("allOf").add(schema);
        document.putObject("components").set("schemas", componentSchemas);
        SchemaLocation location = SchemaLocation.of("https://local.discord.test/openapi/route-"
                + routeCounter.incrementAndGet() + ".json");
        return Optional.of(factory.getSchema(location, document, config));
    }

    private static String[] split(String path) {
        String p = path;
        int q = p.indexOf('?');
        if (q >= 0) {
            p = p.substring(0, q);
        }
        if (p.startsWith("/api/v10/")) {
            p = p.substring("/api/v10".length());
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.split("/", -1);
    }
}
