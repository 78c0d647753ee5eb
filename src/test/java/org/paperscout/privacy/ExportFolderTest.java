package org.paperscout.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paperscout.commands.Attachment;
import org.paperscout.store.TestClock;

class ExportFolderTest {

    @TempDir
    Path dir;
    static Attachment file(String content) {
        return new Attachment("paperscout-my-data.json", "application/json", content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void everyRequestGetsItsOwnFileNamedForTheUserNotByTheUserId() throws Exception {
        ExportFolder folder = new ExportFolder(dir.resolve("exports"), TestClock.at("2026-12-05T10:00:00Z"));
        Path a1 = folder.write("alice", file("a1"));
        Path a2 = folder.write("alice", file("a2"));
        Path b = folder.write("bob", file("b"));

        assertThat(a1).isNotEqualTo(a2);
        assertThat(Files.readString(a1)).isEqualTo("a1");
        assertThat(Files.readString(a2)).isEqualTo("a2");
        assertThat(a1.getFileName().toString())
                .matches("paperscout-my-data-[0-9a-f]{16}-20261205T100000Z-[0-9a-f]{4}\\.json").doesNotContain("alice");
        assertThat(b.getFileName().toString()).doesNotContain(ExportFolder.userKey("alice"));
        if (Files.getFileStore(a1).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a1))).isEqualTo("rw-------");
        }

        assertThat(folder.forget("alice")).isEqualTo(2);
        assertThat(a1).doesNotExist();
        assertThat(a2).doesNotExist();
        assertThat(b).exists();
        assertThat(folder.forget("alice")).isZero();
        assertThat(new ExportFolder(dir.resolve("never-written"), TestClock.at("2026-12-05T10:00:00Z"))
                .forget("alice")).isZero();
    }
}
