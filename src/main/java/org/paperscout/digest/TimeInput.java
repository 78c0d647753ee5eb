package org.paperscout.digest;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperscout.commands.Choice;
import org.paperscout.commands.Text;
import org.paperscout.commands.UserError;

/** Parsing of the time and time-zone options of /digest set and /notify daily, with friendly refusals. */
final class TimeInput {

    private static final Pattern HH_MM = Pattern.compile("([01]?\\d|2[0-3])[:.h]([0-5]\\d)");
    /** Every zone id Java knows, sorted, keyed by lower case. */
    private static final Map<String, String> ZONES = zones();
    /** {@code +2}, {@code -05:30}, {@code utc+0530}, {@code gmt-5}: an optional UTC/GMT/UT prefix, a sign, hours, minutes. */
    private static final Pattern OFFSET = Pattern.compile("(utc|gmt|ut)?([+-])(\\d{1,2})(?::?(\\d{2}))?");
    /** Discord shows at most 25 choices. */
    private static final int MAX_CHOICES = 25;
    /**
     * What most users of a research bot pick, offered before typing and ranked first among matches: UTC, then the
     * largest research hubs west to east.
     */
    static final List<String> COMMON = List.of("UTC", "America/Los_Angeles", "America/Denver", "America/Chicago",
            "America/New_York", "America/Toronto", "America/Sao_Paulo", "Europe/London", "Europe/Paris",
            "Europe/Berlin", "Europe/Amsterdam", "Europe/Zurich", "Europe/Stockholm", "Europe/Warsaw", "Europe/Moscow",
            "Asia/Jerusalem", "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Shanghai", "Asia/Hong_Kong",
            "Asia/Seoul", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland");

    private TimeInput() {
    }

    static LocalTime time(String raw, String example) {
        Matcher m = HH_MM.matcher(raw == null ? "" : raw.strip());
        if (!m.matches()) {
            throw UserError.keyed("time.bad", "typed", raw == null ? "" : raw.strip(), "example", example);
        }
        return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    /**
     * Every zone id Java knows ({@link ZoneId#getAvailableZoneIds()}: regions such as Europe/Berlin, Etc/UTC,
     * Etc/GMT+5, legacy names such as US/Eastern or EST), the names UTC, GMT and Z, and offsets written {@code +02:00},
     * {@code +2}, {@code -0530}, {@code UTC+2} or {@code GMT-05:30}; any case, spaces for underscores.
     */
    static ZoneId zone(String raw) {
        String typed = raw == null ? "" : raw.strip();
        String key = typed.toLowerCase(Locale.ROOT).replace(' ', '_');
        String id = ZONES.get(key);
        if (id == null && key.matches("z|utc|gmt|ut")) {
            id = key.equals("z") ? "Z" : key.toUpperCase(Locale.ROOT);
        }
        if (id != null) {
            try {
                return ZoneId.of(id);
            } catch (DateTimeException e) {
                throw UserError.keyed("time.zone-unavailable");
            }
        }
        Matcher m = OFFSET.matcher(key.replace("_", ""));
        if (m.matches()) {
            int hours = Integer.parseInt(m.group(3));
            int minutes = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
            if (hours > 18 || minutes > 59 || hours == 18 && minutes > 0) {
                throw UserError.keyed("time.bad-offset", "typed", Text.truncate(typed, 60));
            }
            int sign = m.group(2).equals("-") ? -1 : 1;
            ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            return m.group(1) == null ? offset : ZoneId.ofOffset(m.group(1).toUpperCase(Locale.ROOT), offset);
        }
        throw UserError.keyed("time.bad-zone", "typed", Text.truncate(typed, 60));
    }

    /**
     * Up to 25 zones for autocomplete. Nothing typed: the {@link #COMMON} zones. Otherwise the zones whose id or
     * city starts with what was typed, common ones first, then region ids before legacy and Etc names, then ids
     * that merely contain it; an offset as typed ({@code utc+2}) comes first, written out.
     */
    static List<Choice> zoneChoices(String partial) {
        String p = partial == null ? "" : partial.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
        if (p.isEmpty()) {
            return COMMON.stream().map(TimeInput::choice).toList();
        }
        List<List<String>> tiers = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new ArrayList<>());
        try {
            ZoneId typed = zone(p);
            if (!ZONES.containsKey(p)) {
                tiers.get(0).add(typed.getId());
            }
        } catch (UserError notYetAZone) {
            // still typing: offer what matches
        }
        for (String id : COMMON) {
            if (matchesStart(id.toLowerCase(Locale.ROOT), p)) {
                tiers.get(1).add(id);
            }
        }
        for (Map.Entry<String, String> e : ZONES.entrySet()) {
            String key = e.getKey();
            if (COMMON.contains(e.getValue())) {
                continue;
            }
            if (matchesStart(key, p)) {
                tiers.get(isRegion(e.getValue()) ? 2 : 3).add(e.getValue());
            } else if (key.contains(p)) {
                tiers.get(4).add(e.getValue());
            }
        }
        return tiers.stream().flatMap(List::stream).distinct().limit(MAX_CHOICES).map(TimeInput::choice).toList();
    }

    private static boolean matchesStart(String key, String typed) {
        return key.startsWith(typed) || key.substring(key.lastIndexOf('/') + 1).startsWith(typed);
    }

    /** Area/City ids people pick from a map, as opposed to Etc/GMT+5, SystemV/EST5, US/Eastern or EST. */
    private static boolean isRegion(String id) {
        return id.matches("(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/.+");
    }

    private static Choice choice(String id) {
        return new Choice(id.replace('_', ' '), id);
    }

    private static Map<String, String> zones() {
        Map<String, String> m = new TreeMap<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            m.put(id.toLowerCase(Locale.ROOT), id);
        }
        return Collections.unmodifiableMap(m);
    }
}
