package org.paperscout.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Set;
import org.paperscout.commands.Attachment;

/**
 * The {@code exports/} folder of the data folder, where the console writes attachments (Discord sends them from
 * memory and writes nothing). Each file is named for its user and request, {@code
 * paperscout-my-data-<user key>-<UTC time>-<nonce>.json}, so two users (or two requests) never overwrite or read
 * each other's file, and /forget-me finds and deletes every file of the user. The user key is a hash, so the
 * folder listing names no user id.
 */
public final class ExportFolder {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    /** 16 hex digits: collisions between users of one bot are out of reach, and names stay readable. */
    private static final int KEY_HEX = 16;

    private final Path dir;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ExportFolder(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    public Path dir() {
        return dir;
    }

    /** Writes the attachment as a new file of its own, readable by this system user only; returns its path. */
    public Path write(String userId, Attachment attachment) throws IOException {
        Files.createDirectories(dir);
        String name = attachment.fileName().replaceAll("[^A-Za-z0-9._-]", "_");
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        while (true) {
            Path file = dir.resolve(stem + "-" + userKey(userId) + "-" + STAMP.format(clock.instant()) + "-"
                    + HexFormat.of().toHexDigits((short) random.nextInt()) + extension);
            try {
                Files.write(file, attachment.content(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException taken) {
                continue; // the same second and nonce: draw another
            }
            try {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data folder's own permissions apply.
            }
            return file;
        }
    }

    /** Deletes every export file of the user; returns how many there were. */
    public int forget(String userId) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*-" + userKey(userId) + "-*")) {
            for (Path file : files) {
                if (Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    static String userKey(String userId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(userId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, KEY_HEX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
