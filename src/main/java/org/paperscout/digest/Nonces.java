package org.paperscout.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The nonce a digest is sent with: derived from its ledger key (target, local date), so every attempt of the same
 * delivery, in this process or after a restart, carries the same one and Discord's {@code enforce_nonce} turns a
 * repeat into the original message. Discord caps nonces at 25 characters: {@code d} + yyyyMMdd + 16 hex = 25.
 */
final class Nonces {

    static final int MAX_LENGTH = 25;
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private Nonces() {
    }

    static String of(String target, LocalDate date) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(target.getBytes(StandardCharsets.UTF_8));
            return "d" + DAY.format(date) + HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
