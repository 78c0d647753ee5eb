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
    /** The bytes of the current line ORed together: negative when the line has a byte outside ASCII. */
    private byte nonAscii;

    Utf8Lines(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** The next line, or null at the end of the input. A final line without a newline still counts. */
    Line next() throws IOException {
        if (position == filled && (eof || !fill())) {
            return null;
        }
        nonAscii = 0;
        int newline = indexOfNewline();
        if (newline >= 0 && newline - position <= maxLineBytes) {
            // The common case, a whole line inside the buffer: decoded straight from it, no copy in between.
            int start = position;
            position = newline + 1;
            return decoded(++lineNumber, buffer, start, newline - start);
        }
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long lineBytes = 0;
        while (true) {
            int end = newline < 0 ? filled : newline;
            int count = end - position;
            if (lineBytes + count <= maxLineBytes) {
                line.write(buffer, position, count);
            }
            lineBytes += count;
            position = newline < 0 ? filled : newline + 1;
            if (newline >= 0 || (position == filled && (eof || !fill()))) {
                break;
            }
            newline = indexOfNewline();
        }
        lineNumber++;
        if (lineBytes > maxLineBytes) {
            return new Line(lineNumber, null, String.format(Locale.ROOT,
                    "the line is %,d bytes, more than the %,d allowed", lineBytes, maxLineBytes));
        }
        byte[] bytes = line.toByteArray();
        return decoded(lineNumber, bytes, 0, bytes.length);
    }

    private Line decoded(int number, byte[] bytes, int offset, int length) {
        if (length > 0 && bytes[offset + length - 1] == '\r') {
            length--;
        }
        String text;
        if (nonAscii >= 0) {
            // ASCII is UTF-8 as it is, one byte per character, so it needs no checking decoder: a plain copy into
            // a compact string. The decoder's UTF-16 buffer and second copy were a tenth of a bulk ingest's profile.
            return new Line(number, new String(bytes, offset, length, StandardCharsets.ISO_8859_1), null);
        }
        try {
            text = decoder.decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            return new Line(number, null, "the line is not valid UTF-8 (save the file as UTF-8)");
        }
        if (number == 1 && text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return new Line(number, text, null);
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

    /** Also ORs the bytes it passes into {@link #nonAscii}: negative once any of them is not ASCII. */
    private int indexOfNewline() {
        byte seen = 0;
        for (int i = position; i < filled; i++) {
            byte b = buffer[i];
            if (b == '\n') {
                nonAscii |= seen;
                return i;
            }
            seen |= b;
        }
        nonAscii |= seen;
        return -1;
    }
}
