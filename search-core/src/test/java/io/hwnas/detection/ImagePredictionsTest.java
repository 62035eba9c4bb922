package io.hwnas.detection;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ImagePredictionsTest {

    private static Detection scored(double score) {
        return new Detection(new Box(score, 0, score + 10, 10), 1, score);
    }

    @Test
    void strongestKeepsTheHighestScoresBestFirstAsManyAsTheObjects() {
        List<GroundTruth> two = List.of(new GroundTruth(new Box(0, 0, 8, 8), 1), new GroundTruth(new Box(9, 9, 20, 20), 3));
        ImagePredictions p = new ImagePredictions(two, List.of(scored(0.2), scored(0.7), scored(0.05), scored(0.4)));
        assertEquals(new ImagePredictions(two, List.of(scored(0.7), scored(0.4))), p.strongest());
        assertEquals(List.of(scored(0.3)), new ImagePredictions(two, List.of(scored(0.3))).strongest().detections(),
                "fewer detections than objects: all of them");
        assertEquals(List.of(), new ImagePredictions(List.of(), List.of(scored(0.9))).strongest().detections(),
                "no objects: nothing drawn");
    }
}
