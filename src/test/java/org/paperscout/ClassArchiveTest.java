package org.paperscout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassArchiveTest {

    @TempDir
    Path dir;

    private Map<String, String> env() {
        return Map.of("PAPERSCOUT_DATA_DIR", dir.resolve("data").toString());
    }

    private Path jar() throws IOException {
        Path jar = dir.resolve("paperscout.jar");
        if (!Files.exists(jar)) {
            Files.write(jar, new byte[] {1, 2, 3});
        }
        return jar;
    }

    private ClassArchive.Plan plan(String[] args, List<String> jvm) throws IOException {
        return ClassArchive.plan(args, env(), jar(), jvm, Path.of("/jdk/bin/java"), "17.0.15+6");
    }

    @Test
    void onlyTheLongRunningModesAreRelaunched() {
        assertThat(ClassArchive.longRunning(new String[0])).isTrue();
        assertThat(ClassArchive.longRunning(new String[] {"run"})).isTrue();
        assertThat(ClassArchive.longRunning(new String[] {"console"})).isTrue();
        assertThat(ClassArchive.longRunning(new String[] {"--config", "x.properties", "console"})).isTrue();
        assertThat(ClassArchive.longRunning(new String[] {"--config=x.properties"})).isTrue();
        assertThat(ClassArchive.longRunning(new String[] {"search", "memory"})).isFalse();
        assertThat(ClassArchive.longRunning(new String[] {"ingest", "seeds"})).isFalse();
        assertThat(ClassArchive.longRunning(new String[] {"--version"})).isFalse();
        assertThat(ClassArchive.longRunning(new String[] {"--help"})).isFalse();
    }

    @Test
    void firstStartWritesTheArchiveUnderATemporaryNameInTheDataFolder() throws IOException {
        ClassArchive.Plan plan = plan(new String[] {"console"}, List.of("-Xmx1g", "-XX:+ExitOnOutOfMemoryError"));

        assertThat(plan.creates()).isTrue();
        assertThat(plan.archive().getParent()).isEqualTo(dir.resolve("data").resolve("cds").toAbsolutePath());
        assertThat(plan.command()).startsWith("/jdk/bin/java", "-Xmx1g", "-XX:+ExitOnOutOfMemoryError",
                "-XX:ArchiveClassesAtExit=" + plan.writing());
        assertThat(plan.command()).endsWith("-jar", jar().toString(), "console");
        assertThat(plan.command()).contains("-D" + ClassArchive.CHILD_PROPERTY + "=true");
        assertThat(plan.writing().getFileName().toString()).startsWith(plan.archive().getFileName() + ".");
    }

    @Test
    void aWrittenArchiveIsUsedByTheNextStart() throws IOException {
        ClassArchive.Plan first = plan(new String[0], List.of());
        Files.write(first.archive(), new byte[] {42});

        ClassArchive.Plan next = plan(new String[0], List.of());

        assertThat(next.creates()).isFalse();
        assertThat(next.command()).contains("-XX:SharedArchiveFile=" + first.archive());
        assertThat(next.command()).noneMatch(o -> o.contains("ArchiveClassesAtExit"));
    }

    @Test
    void anotherJarOrJvmGetsItsOwnArchive() throws IOException {
        ClassArchive.Plan a = plan(new String[0], List.of());
        Files.write(jar(), new byte[] {1, 2, 3, 4});
        ClassArchive.Plan b = plan(new String[0], List.of());
        ClassArchive.Plan c = ClassArchive.plan(new String[0], env(), jar(), List.of(), Path.of("java"), "21.0.1");

        assertThat(b.archive()).isNotEqualTo(a.archive());
        assertThat(c.archive()).isNotEqualTo(b.archive());
    }

    @Test
    void staysInThisJvmWhenTheUserChoseCdsOptionsOrTurnedItOff() throws IOException {
        assertThat(plan(new String[0], List.of("-Xshare:off"))).isNull();
        assertThat(plan(new String[0], List.of("-XX:SharedArchiveFile=/x.jsa"))).isNull();
        assertThat(plan(new String[0], List.of("-XX:ArchiveClassesAtExit=/x.jsa"))).isNull();
        assertThat(plan(new String[] {"search", "x"}, List.of())).isNull();
        assertThat(ClassArchive.plan(new String[0], Map.of(ClassArchive.ENV_SWITCH, "off"), jar(), List.of(),
                Path.of("java"), "17")).isNull();
    }

    @Test
    void aWholeArchiveIsKeptAndAnInterruptedOneDropped() throws Exception {
        ClassArchive.Plan ok = plan(new String[0], List.of());
        Path stale = ok.archive().resolveSibling("paperscout-old.jsa");
        Files.write(stale, new byte[] {7});
        Files.write(ok.writing(), new byte[] {1});
        Process clean = new ProcessBuilder("sh", "-c", "exit 0").start();
        clean.waitFor();

        ClassArchive.keep(ok, clean);

        assertThat(ok.archive()).exists();
        assertThat(ok.writing()).doesNotExist();
        assertThat(stale).doesNotExist();

        Files.delete(ok.archive());
        ClassArchive.Plan killed = plan(new String[0], List.of());
        Files.write(killed.writing(), new byte[] {1});
        Process kill9 = new ProcessBuilder("sh", "-c", "kill -9 $$").start();
        kill9.waitFor();

        ClassArchive.keep(killed, kill9);

        assertThat(killed.archive()).doesNotExist();
        assertThat(killed.writing()).doesNotExist();
    }
}
