package org.paperscout.digest;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paperscout.commands.Choice;
import org.paperscout.commands.UserError;

/** Parsing of the time and time-zone options of /digest set and /notify daily, with friendly refusals. */
final class TimeInput {

    private static final Pattern HH_MM = Pattern.compile("([01]?\\d|2[0-3])[:.h]([0-5]\\d)");
    /** Region ids (Europe/Berlin), sorted, keyed by lower case; no bare offsets or legacy three-letter names. */
    private static final Map<String, String> ZONES = zones();

    private TimeInput() {
    }

    static LocalTime time(String raw, String example) {
        Matcher m = HH_MM.matcher(raw == null ? "" : raw.strip());
        if (!m.matches()) {
            throw new UserError("“" + (raw == null ? "" : raw.strip()) + "” isn't a time I understand. Use 24-hour "
                    + "HH:mm, e.g. " + example + ".");
        }
        return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    static ZoneId zone(String raw) {
        String typed = raw == null ? "" : raw.strip();
        String id = ZONES.get(typed.toLowerCase(Locale.ROOT).replace(' ', '_'));
        if (id == null) {
            throw new UserError("“" + org.paperscout.commands.Text.truncate(typed, 60) + "” isn't a time zone I know. "
                    + "Pick one from the list as you type, e.g. Europe/Berlin or America/New_York.");
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new UserError("That time zone isn't available here. Try a nearby city's, e.g. Europe/Berlin.");
        }
    }

    /** Up to 25 zones containing what was typed (prefix matches first), for autocomplete. */
    static List<Choice> zoneChoices(String partial) {
        String p = partial == null ? "" : partial.strip().toLowerCase(Locale.ROOT).replace(' ', '_');
        List<Choice> first = new ArrayList<>();
        List<Choice> rest = new ArrayList<>();
        for (Map.Entry<String, String> e : ZONES.entrySet()) {
            String key = e.getKey();
            String city = key.substring(key.lastIndexOf('/') + 1);
            if (key.startsWith(p) || city.startsWith(p)) {
                first.add(new Choice(e.getValue().replace('_', ' '), e.getValue()));
            } else if (key.contains(p)) {
                rest.add(new Choice(e.getValue().replace('_', ' '), e.getValue()));
            }
            if (first.size() >= 25) {
                break;
            }
        }
        first.addAll(rest);
        return first.subList(0, Math.min(25, first.size()));
    }

    private static Map<String, String> zones() {
        Map<String, String> m = new TreeMap<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            if (id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/")) {
                m.put(id.toLowerCase(Locale.ROOT), id);
            }
        }
        m.put("utc", "UTC");
        return java.util.Collections.unmodifiableMap(m);
    }
}
