package org.paperscout.discord.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OpenApiSchemaValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static OpenApiSchemaValidator validator;

    @BeforeAll
    static void load() {
        validator = OpenApiSchemaValidator.fromEnvironment();
    }

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    @DisplayName("paths map to the spec's templates, literal segments winning over parameters")
    void routeTemplates() {
        assumeTrue(validator.isAvailable(), "Discord's OpenAPI file is absent");
        assertThat(validator.routeTemplate("/interactions/1/abc/callback"))
                .contains("/interactions/{interaction_id}/{interaction_token}/callback");
        assertThat(validator.routeTemplate("/api/v10/users/@me")).contains("/users/@me");
        assertThat(validator.routeTemplate("/users/123")).contains("/users/{user_id}");
        assertThat(validator.routeTemplate("/webhooks/1/tok/messages/@original"))
                .contains("/webhooks/{webhook_id}/{webhook_token}/messages/@original");
        assertThat(validator.routeTemplate("/no/such/route")).isEmpty();
        assertThat(validator.hasRequestSchema("GET", "/users/@me")).isFalse();
        assertThat(validator.hasRequestSchema("POST", "/channels/1/messages")).isTrue();
    }

    @Test
    @DisplayName("a valid reply passes; a 300-character embed title is caught at its location")
    void catchesOverlongEmbedTitle() throws Exception {
        assumeTrue(validator.isAvailable(), "Discord's OpenAPI file is absent");
        String path = "/interactions/1/abc/callback";
        assertThat(validator.validate("POST", path, json(
                "{\"type\":4,\"data\":{\"content\":\"hi\",\"embeds\":[{\"title\":\"Attention\"}],\"allowed_mentions\":{\"parse\":[]}}}")))
                .isEmpty();
        assertThat(validator.validate("POST", path, json(
                "{\"type\":4,\"data\":{\"embeds\":[{\"title\":\"" + "t".repeat(300) + "\"}]}}")))
                .anySatisfy(p -> assertThat(p).contains("/data/embeds/0/title").contains("256"));
        assertThat(validator.validate("POST", "/webhooks/1/tok", json("{\"content\":\"" + "c".repeat(2001) + "\"}")))
                .anySatisfy(p -> assertThat(p).contains("/content"));
    }

    @Test
    @DisplayName("numeric strings pass where the spec says integer (Discord accepts them, JDA sends them); other strings do not")
    void numericStringsAreLenient() throws Exception {
        assumeTrue(validator.isAvailable(), "Discord's OpenAPI file is absent");
        String path = "/applications/1/commands";
        String command = "[{\"name\":\"search\",\"description\":\"d\",\"type\":1,\"contexts\":[%s],"
                + "\"integration_types\":[\"0\"],\"default_member_permissions\":%s}]";
        assertThat(validator.validate("PUT", path, json(command.formatted("\"0\",\"1\"", "\"32\"")))).isEmpty();
        assertThat(validator.validate("PUT", path, json(command.formatted("\"guild\"", "null")))).isNotEmpty();
        assertThat(validator.validate("PUT", path, json(command.formatted("\"7\"", "null")))).isNotEmpty();
    }

    @Test
    @DisplayName("an absent or broken spec file makes the validator unavailable, and checks pass vacuously")
    void unavailableWhenAbsent(@TempDir Path dir) throws Exception {
        OpenApiSchemaValidator missing = OpenApiSchemaValidator.load(dir.resolve("openapi.json"));
        assertThat(missing.isAvailable()).isFalse();
        assertThat(missing.unavailableReason()).contains("does not exist");
        assertThat(missing.validate("POST", "/channels/1/messages", json("{\"content\":1}"))).isEmpty();

        Path broken = Files.writeString(dir.resolve("broken.json"), "{not json");
        assertThat(OpenApiSchemaValidator.load(broken).isAvailable()).isFalse();
        assertThat(OpenApiSchemaValidator.disabled().isAvailable()).isFalse();
    }

    @Test
    @DisplayName("from the environment: an absent file skips, a present but broken file fails instead of skipping")
    void presentButBrokenFileIsAnError(@TempDir Path dir) throws Exception {
        OpenApiSchemaValidator absent = OpenApiSchemaValidator.fromLocations(dir.resolve("openapi.json").toString(), null);
        assertThat(absent.isAvailable()).isFalse();
        assertThat(absent.unavailableReason()).isEqualTo(
                "neither -Ddiscord.openapi nor $DISCORD_OPENAPI names an existing file");

        Path broken = Files.writeString(dir.resolve("broken.json"), "{not json");
        assertThatThrownBy(() -> OpenApiSchemaValidator.fromLocations(broken.toString(), null))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Discord's OpenAPI file is present but unusable, so schema checks cannot run: "
                        + broken + " could not be parsed");
        Path notOpenApi = Files.writeString(dir.resolve("other.json"), "{\"openapi\":\"3.1.0\"}");
        assertThatThrownBy(() -> OpenApiSchemaValidator.fromLocations(dir.resolve("gone.json").toString(),
                notOpenApi.toString()))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith(notOpenApi + " has no 'paths': not an OpenAPI document");
    }

    @Test
    @DisplayName("where the build names Discord's OpenAPI file and it exists, the checks run: never a skip")
    void presentFileIsAlwaysUsed() {
        String location = System.getProperty(OpenApiSchemaValidator.PROPERTY);
        assumeTrue(location != null && Files.exists(Path.of(location)), "Discord's OpenAPI file is absent");
        assertThat(OpenApiSchemaValidator.fromEnvironment().isAvailable()).isTrue();
    }
}
