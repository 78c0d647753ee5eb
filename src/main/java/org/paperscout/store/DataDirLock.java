package org.paperscout.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on the data folder, held for the life of the process, so two bots never answer or post
 * twice from the same data. It is an OS file lock ({@link FileChannel#tryLock}), so the kernel releases it when
 * the process dies, even by kill -9: there is no stale lock file to clean up by hand.
 *
 * <p>The composition root takes it first, before opening the database or the index. Backup needs no lock
 * (it reads a consistent snapshot); restore does, because it replaces the file under a running bot otherwise.
 */
public final class DataDirLock implements AutoCloseable {

    public static final String FILE_NAME = "paperscout.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dataDir} (creating it when missing).
     *
     * @throws DataDirInUseException when another process (or this one) already holds it
     * @throws StoreException when the folder cannot be created or the lock file cannot be written
     */
    public static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw inUse(dataDir);
            }
            // The pid is only a hint for the operator reading the file; the lock itself is what counts.
            channel.truncate(0);
            channel.write(StandardCharsets.UTF_8.encode("pid " + ProcessHandle.current().pid() + "\n"), 0);
            return new DataDirLock(file, channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw inUse(dataDir);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot lock the data folder " + dataDir.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it anyway
        }
        closeQuietly(channel);
    }

    private static DataDirInUseException inUse(Path dataDir) {
        return new DataDirInUseException("Another PaperScout is already running with the data folder "
                + dataDir.toAbsolutePath() + "; stop it first, or start this one with a different data folder.");
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
