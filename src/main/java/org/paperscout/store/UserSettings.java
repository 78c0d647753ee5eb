package org.paperscout.store;

import java.time.ZoneId;

/**
 * A user's own settings; each field is null while the user has not chosen (the feature's default applies).
 *
 * @param digestHour hour of the day (0-23) for the personal DM digest, in {@code timeZone}
 * @param language   a BCP 47 language tag such as {@code en} or {@code de-CH}
 */
public record UserSettings(ZoneId timeZone, Integer digestHour, String language) {

    public static final UserSettings NONE = new UserSettings(null, null, null);

    public UserSettings {
        if (digestHour != null && (digestHour < 0 || digestHour > 23)) {
            throw new IllegalArgumentException("digest hour out of range: " + digestHour);
        }
        if (language != null && (language.isBlank() || language.length() > 35)) {
            throw new IllegalArgumentException("bad language tag");
        }
    }

    public UserSettings withTimeZone(ZoneId zone) {
        return new UserSettings(zone, digestHour, language);
    }

    public UserSettings withDigestHour(Integer hour) {
        return new UserSettings(timeZone, hour, language);
    }

    public UserSettings withLanguage(String tag) {
        return new UserSettings(timeZone, digestHour, tag);
    }
}
