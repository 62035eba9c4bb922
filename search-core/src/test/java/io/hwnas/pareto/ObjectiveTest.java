package io.hwnas.pareto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ObjectiveTest {

    @Test
    void factoriesSetDirection() {
        assertEquals(new Objective("accuracy", Direction.MAXIMIZE), Objective.maximize("accuracy"));
        assertEquals(new Objective("latency", Direction.MINIMIZE), Objective.minimize("latency"));
    }

    @Test
    void rejectsBlankOrNullName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Objective.minimize(" ")).getMessage().contains("name"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Objective.minimize(null)).getMessage().contains("null"));
    }

    @Test
    void rejectsNullDirection() {
        String message = assertThrows(IllegalArgumentException.class, () -> new Objective("latency", null)).getMessage();
        assertTrue(message.contains("latency") && message.contains("direction"), message);
    }

    @Test
    void minimizingFlipsMaximizeAndFoldsNegativeZero() {
        assertEquals(-3.0, Direction.MAXIMIZE.minimizing(3.0));
        assertEquals(3.0, Direction.MINIMIZE.minimizing(3.0));
        assertEquals(0, Double.compare(0.0, Direction.MAXIMIZE.minimizing(0.0)));
        assertEquals(0, Double.compare(0.0, Direction.MINIMIZE.minimizing(-0.0)));
    }
}
