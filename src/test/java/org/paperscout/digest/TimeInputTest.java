package org.paperscout.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.paperscout.commands.Choice;
import org.paperscout.commands.UserError;

/** The time-zone option of /digest set and /notify daily (issue 17, item 3). */
class TimeInputTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "Etc/UTC, Etc/UTC", "etc/utc, Etc/UTC", "UTC, UTC", "utc, UTC", "GMT, GMT", "gmt, GMT", "Z, Z",
            "Etc/GMT+5, Etc/GMT+5", "US/Eastern, US/Eastern", "us/eastern, US/Eastern", "EST5EDT, EST5EDT",
            "europe/berlin, Europe/Berlin", "America/New York, America/New_York", "  Asia/Kolkata  , Asia/Kolkata",
            "+02:00, +02:00", "+2, +02:00", "-0530, -05:30", "-5:30, -05:30", "UTC+2, UTC+02:00", "utc-05:30, UTC-05:30",
            "GMT+1, GMT+01:00", "UTC +2, UTC+02:00", "+18:00, +18:00"})
    void acceptsEveryZoneIdJavaKnowsAndOffsetsInAnyCase(String typed, String id) {
        assertThat(TimeInput.zone(typed).getId()).isEqualTo(id);
    }

    @Test
    void everyAvailableZoneIdIsAcceptedAsTypedAndInLowerCase() {
        for (String id : ZoneId.getAvailableZoneIds()) {
            assertThat(TimeInput.zone(id).getId()).as(id).isEqualTo(id);
            assertThat(TimeInput.zone(id.toLowerCase(java.util.Locale.ROOT)).getId()).as(id).isEqualTo(id);
        }
    }

    @Test
    void anOffsetMeansWhatItSays() {
        Instant noon = Instant.parse("2026-12-05T12:00:00Z");
        assertThat(noon.atZone(TimeInput.zone("UTC+2")).getHour()).isEqualTo(14);
        // POSIX style, as the tz database has it: Etc/GMT+5 is five hours behind UTC.
        assertThat(noon.atZone(TimeInput.zone("Etc/GMT+5")).getHour()).isEqualTo(7);
        assertThat(TimeInput.zone("+05:30").getRules().getOffset(noon)).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Mars/Olympus|isn't a time zone I know",
            "|isn't a time zone I know",
            "+19|isn't an offset clocks use",
            "UTC+25:00|isn't an offset clocks use",
            "+02:75|isn't an offset clocks use",
            "+1:2|isn't a time zone I know"})
    void refusesWhatIsNoZoneWithAHint(String typed, String message) {
        assertThatThrownBy(() -> TimeInput.zone(typed)).isInstanceOf(UserError.class).hasMessageContaining(message)
                .hasMessageNotContaining("Exception");
    }

    @Test
    void autocompleteOffersCommonZonesFirstAndWhatMatchesTheTyping() {
        List<String> empty = values(TimeInput.zoneChoices(""));
        assertThat(empty).hasSize(25).startsWith("UTC").contains("Europe/Berlin", "America/New_York", "Asia/Tokyo");

        List<String> berlin = values(TimeInput.zoneChoices("ber"));
        assertThat(berlin.get(0)).isEqualTo("Europe/Berlin");
        assertThat(berlin).allSatisfy(id -> assertThat(id.toLowerCase()).contains("ber"));

        assertThat(values(TimeInput.zoneChoices("new"))).startsWith("America/New_York");
        assertThat(values(TimeInput.zoneChoices("etc/ut"))).contains("Etc/UTC");
        assertThat(values(TimeInput.zoneChoices("utc"))).startsWith("UTC").contains("Etc/UTC");
        assertThat(values(TimeInput.zoneChoices("eastern"))).contains("US/Eastern");
        assertThat(values(TimeInput.zoneChoices("utc+2"))).containsExactly("UTC+02:00");
        assertThat(values(TimeInput.zoneChoices("+5:30"))).containsExactly("+05:30");
        // Region ids before legacy and Etc names that start the same way.
        List<String> america = values(TimeInput.zoneChoices("america/"));
        assertThat(america).hasSize(25).allSatisfy(id -> assertThat(id).startsWith("America/"));
        assertThat(TimeInput.zoneChoices("new york")).first().isEqualTo(new Choice("America/New York", "America/New_York"));
        assertThat(TimeInput.zoneChoices("zzzz")).isEmpty();
    }

    private static List<String> values(List<Choice> choices) {
        return choices.stream().map(Choice::value).toList();
    }
}
