package io.hwnas.spark.exec;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimeLimitTest {

    @Test
    void anExplicitLimitHoldsFromTheStart() {
        assertEquals(OptionalDouble.of(30), new TimeLimit(30).seconds(List.of(), 10));
    }

    @Test
    void theDerivedLimitWaitsForHalfTheBatchThenIsTenMediansAboveAFloor() {
        TimeLimit derived = new TimeLimit(0);
        assertEquals(OptionalDouble.empty(), derived.seconds(List.of(), 4));
        assertEquals(OptionalDouble.empty(), derived.seconds(List.of(20.0), 4));
        assertEquals(OptionalDouble.of(250), derived.seconds(List.of(20.0, 30.0), 4), "10 x median 25 s");
        assertEquals(OptionalDouble.of(300), derived.seconds(List.of(20.0, 30.0, 90.0), 4), "10 x median 30 s");
        assertEquals(OptionalDouble.of(60), derived.seconds(List.of(1.0, 2.0, 3.0), 4), "the floor");
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TimeLimit(-1));
    }
}
