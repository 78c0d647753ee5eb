package org.paperscout.catalog;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Splits a byte stream into numbered UTF-8 lines, one at a time. Each line is decoded on its own, so a line with
 * invalid UTF-8 is reported as that line's problem instead of failing or silently garbling the whole file, and
 * a line longer than the limit is skipped without ever being held in memory. Splitting on the byte {@code \n}
 * is safe in UTF-8: that byte never occurs inside a multi-byte sequence.
 */
final class Utf8Lines {

    /** One line: {@code text} when it decoded, otherwise {@code problem} says why it could not be used. */
    record Line(int number, String text, String problem) {

        boolean ok() {
            return problem == null;
        }

        boolean blank() {
            return ok() && PaperFields.isBlank(text);
        }
    }

    private final InputStream in;
    private final int maxLineBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int filled;
    private boolean eof;
    private int lineNumber;

    Utf8Lines(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at the end of the input. A final line without a newline still counts. */
    Line next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long lineBytes = 0;
        boolean sawAnything = false;
        while (true) {
            if (position == filled) {
                if (eof || !fill()) {
                    if (!sawAnything) {
                        return null;
                    }
                    break;
                }
            }
            sawAnything = true;
            int newline = indexOfNewline();
            int end = newline < 0 ? filled : newline;
            int count = end - position;
            if (lineBytes + count <= maxLineBytes) {
                line.write(buffer, position, count);
            }
            lineBytes += count;
            position = newline < 0 ? filled : newline + 1;
            if (newline >= 0) {
                break;
            }
        }
        lineNumber++;
        if (lineBytes > maxLineBytes) {
            return new Line(lineNumber, null, String.format(Locale.ROOT,
                    "the line is %,d bytes, more than the %,d allowed", lineBytes, maxLineBytes));
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length;
        if (length > 0 && bytes[length - 1] == '\r') {
            length--;
        }
        String text;
        try {
            text = decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return new Line(lineNumber, null, "the line is not valid UTF-8 (save the file as UTF-8)");
        }
        if (lineNumber == 1 && text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return new Line(lineNumber, text, null);
    }

    private boolean fill() throws IOException {
        int n = in.read(buffer);
        if (n <= 0) {
            // read() blocks until at least one byte is available, so 0 only happens for an empty buffer
            eof = true;
            return false;
        }
        position = 0;
        filled = n;
        return true;
    }

    private int indexOfNewline() {
        for (int i = position; i < filled; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
