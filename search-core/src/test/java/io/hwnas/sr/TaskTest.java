package io.hwnas.sr;

import io.hwnas.io.Mappers;
import io.hwnas.io.StrictYaml;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskTest {

    @Test
    void bindsDefaultsAndWritesWhatItReads() throws Exception {
        Task task = StrictYaml.read("{type: super-resolution, scale: 4, patchSize: 64, loss: mse}", Task.class, "t");
        assertEquals(new SuperResolution(4, 64, SuperResolution.Loss.MSE, SuperResolution.Input.BICUBIC_UPSCALED),
                task.superResolution());
        String json = Mappers.json().writeValueAsString(task);
        assertEquals("{\"type\":\"super-resolution\",\"scale\":4,\"patchSize\":64,\"loss\":\"mse\",\"input\":\"bicubic-upscaled\"}",
                json);
        assertEquals(task, Mappers.json().readValue(json, Task.class));
        assertFalse(StrictYaml.read("{type: classification}", Task.class, "t").isSuperResolution());
    }

    @Test
    void detectionBindsItsCanvasAndWritesWhatItReads() throws Exception {
        Task task = StrictYaml.read("{type: detection}", Task.class, "t");
        assertEquals(new DetectionTask(96), task.detection());
        assertTrue(task.isDetection() && !task.isClassification() && !task.isSuperResolution());
        assertEquals("map50", task.qualityColumn());
        String json = Mappers.json().writeValueAsString(StrictYaml.read("{type: detection, canvasSize: 128}", Task.class, "t"));
        assertEquals("{\"type\":\"detection\",\"canvasSize\":128}", json);
        assertEquals(new DetectionTask(128), Mappers.json().readValue(json, Task.class).detection());
        assertThrows(IllegalArgumentException.class, () -> new DetectionTask(100));
        assertTrue(Task.CLASSIFICATION.isClassification());
    }

    @Test
    void lowResolutionInputIsThePatchOverTheScale() {
        assertEquals(16, new SuperResolution(4, 64, SuperResolution.Loss.L1, SuperResolution.Input.LOW_RESOLUTION)
                .inputPatchSize());
        assertThrows(IllegalArgumentException.class,
                () -> new SuperResolution(3, 48, SuperResolution.Loss.L1, SuperResolution.Input.LOW_RESOLUTION));
    }
}
