package org.paperscout.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRegistrarTest {

    static final Path SNAPSHOT = Path.of("src/test/resources/discord/fake-commands.json");

    @TempDir
    Path dataDir;

    @Test
    void registeredJsonMatchesTheSnapshot() throws IOException {
        String json = new CommandRegistrar(new FakeCommands().commands(), dataDir).canonicalJson();
        if (Boolean.getBoolean("snapshot.update")) {
            Files.writeString(SNAPSHOT, json, StandardCharsets.UTF_8);
        }
        assertThat(json).isEqualTo(Files.readString(SNAPSHOT, StandardCharsets.UTF_8));
    }

    @Test
    void stampChangesWithCommandsScopeAndBot() throws IOException {
        CommandRegistrar registrar = new CommandRegistrar(new FakeCommands().commands(), dataDir);
        String stamp = registrar.stamp("1", "global");
        assertThat(registrar.unchanged(stamp)).isFalse();

        registrar.remember(stamp);

        assertThat(registrar.unchanged(stamp)).isTrue();
        assertThat(registrar.unchanged(registrar.stamp("2", "global"))).isFalse();
        assertThat(registrar.unchanged(registrar.stamp("1", "guild 42"))).isFalse();
        CommandRegistrar fewer = new CommandRegistrar(new org.paperscout.commands.Commands(
                java.util.List.of(), java.util.List.of()), dataDir);
        assertThat(fewer.unchanged(fewer.stamp("1", "global"))).isFalse();
    }
}
