package org.paperscout.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirLockTest {

    @TempDir
    Path dir;

    @Test
    void aSecondProcessOnTheSameDataFolderIsRefusedWithAClearMessage() throws Exception {
        try (DataDirLock lock = DataDirLock.acquire(dir.resolve("data"))) {
            assertThat(lock.file()).exists();
            Process other = ChildProcess.start("lock", dir.resolve("data").toString());
            try (BufferedReader out = ChildProcess.stdout(other)) {
                assertThat(out.readLine()).isEqualTo("refused: Another PaperScout is already running with the data folder "
                        + dir.resolve("data").toAbsolutePath() + "; stop it first, or start this one with a different data folder.");
            }
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void theLockIsFreedWhenItsHolderIsKilled() throws Exception {
        Process holder = ChildProcess.start("lock", dir.toString());
        try (BufferedReader out = ChildProcess.stdout(holder)) {
            assertThat(out.readLine()).isEqualTo("locked");
            assertThatThrownBy(() -> DataDirLock.acquire(dir)).isInstanceOf(DataDirInUseException.class);
            holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        try (DataDirLock lock = DataDirLock.acquire(dir)) {
            assertThat(lock.file()).exists();
        }
    }

    @Test
    void theSameProcessCannotTakeItTwice() {
        try (DataDirLock lock = DataDirLock.acquire(dir)) {
            assertThatThrownBy(() -> DataDirLock.acquire(dir)).isInstanceOf(DataDirInUseException.class)
                    .hasMessageStartingWith("Another PaperScout is already running");
        }
    }
}
