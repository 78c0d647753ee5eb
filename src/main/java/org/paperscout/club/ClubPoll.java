package org.paperscout.club;

import java.time.Duration;
import java.util.List;

/**
 * A reading-group poll as Discord's native poll object takes it: one answer per paper, a single choice.
 *
 * @param answers  at most {@link #MAX_ANSWERS}, each at most {@link #ANSWER_MAX} characters
 * @param duration whole hours, from one to seven days here (Discord allows up to 32)
 */
public record ClubPoll(String question, List<String> answers, Duration duration) {

    /** Discord's limits on a poll. */
    public static final int QUESTION_MAX = 300;
    public static final int ANSWER_MAX = 55;
    public static final int MAX_ANSWERS = 10;

    public ClubPoll {
        answers = List.copyOf(answers);
        if (answers.size() < 2 || answers.size() > MAX_ANSWERS) {
            throw new IllegalArgumentException("a poll has 2 to " + MAX_ANSWERS + " answers: " + answers.size());
        }
        if (question.length() > QUESTION_MAX || answers.stream().anyMatch(a -> a.isEmpty() || a.length() > ANSWER_MAX)) {
            throw new IllegalArgumentException("poll text over Discord's limits");
        }
        if (duration.toHours() < 1 || duration.toHours() > 24 * 7 || duration.toMinutesPart() != 0) {
            throw new IllegalArgumentException("poll duration is whole hours from 1 to 168: " + duration);
        }
    }
}
