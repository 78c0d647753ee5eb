package org.paperscout.discord.local;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a multipart/form-data body (JDA sends files this way, the message itself in the {@code payload_json} part). */
final class Multipart {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

    private Multipart() {
    }

    static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    static List<RecordedCall.Part> parse(String contentType, byte[] body) {
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            return List.of();
        }
        byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        List<RecordedCall.Part> parts = new ArrayList<>();
        int start = indexOf(body, delimiter, 0);
        while (start >= 0) {
            int afterDelimiter = start + delimiter.length;
            if (afterDelimiter + 1 < body.length && body[afterDelimiter] == '-' && body[afterDelimiter + 1] == '-') {
                break; // closing delimiter
            }
            int headersStart = afterDelimiter + 2; // CRLF
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            int next = indexOf(body, delimiter, headersEnd < 0 ? headersStart : headersEnd);
            if (headersEnd < 0 || next < 0) {
                break;
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            byte[] content = Arrays.copyOfRange(body, headersEnd + 4, Math.max(headersEnd + 4, next - 2));
            String name = find(NAME, headers);
            String filename = find(FILENAME, headers);
            String type = null;
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    type = line.substring("content-type:".length()).trim();
                }
            }
            parts.add(new RecordedCall.Part(name, filename, type, content));
            start = next;
        }
        return parts;
    }

    private static String find(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.group(1) : null;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
