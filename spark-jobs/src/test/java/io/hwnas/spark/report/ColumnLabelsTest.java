package io.hwnas.spark.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Result columns read as what they measure with its unit, not as the column name. */
class ColumnLabelsTest {

    private final ColumnLabels labels = new ColumnLabels(List.of("ethos-u55-128"));

    @Test
    void superResolutionColumnsHaveHumanNamesAndUnits() {
        assertEquals("PSNR (dB)", labels.axisTitle("psnr"));
        assertEquals("SSIM", labels.axisTitle("ssim"));
        assertEquals("bicubic PSNR (dB)", labels.axisTitle("psnr_bicubic"));
        assertEquals("dB", labels.unit("psnr"));
        assertEquals("dB", labels.unit("psnr_bicubic"));
        assertEquals("PSNR", ColumnLabels.name("psnr"));
        assertEquals("Accuracy", ColumnLabels.name("accuracy"));
    }

    @Test
    void trainingTimeCountsAreNamedAsTheTrainingTimeNets() {
        assertEquals("MACs per inference (training-time net)", labels.axisTitle("training_macs"));
        assertEquals("trainable parameters (training-time net)", labels.axisTitle("training_params"));
        assertEquals("MACs", labels.unit("training_macs"));
    }
}
