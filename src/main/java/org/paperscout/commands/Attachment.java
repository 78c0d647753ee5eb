package org.paperscout.commands;

/** A file sent with a reply (exports). */
public record Attachment(String fileName, String mimeType, byte[] content) {
}
