package io.hwnas.hant;

import io.hwnas.dl4j.TrainingOutcome;

import java.io.Serializable;

/** The teacher after training: its weights and how it did on the validation subset. */
public record TrainedTeacher(TeacherSnapshot snapshot, TrainingOutcome outcome) implements Serializable {

    public TrainedTeacher {
        if (snapshot == null || outcome == null) {
            throw new IllegalArgumentException("fields 'snapshot' and 'outcome' are required");
        }
    }
}
