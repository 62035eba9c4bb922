package io.hwnas.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.Serializable;
import java.util.List;

/**
 * Where the images come from and how much of them a sweep uses. Train and validation subsets are
 * disjoint draws from the training files, so the test files stay untouched by the search.
 *
 * @param path a local directory or any Hadoop file-system URI holding Fashion-MNIST-style IDX files
 * @param seed seed of the subset draw, independent of the search seed so searches with different
 *     seeds still compare on the same data
 * @param images for super-resolution, the image files under {@code path} to use (PNG, JPEG); empty: every
 *     {@code .png} there. Classification reads IDX files and must leave it empty
 */
public record DataSettings(String path, int trainSamples, int validationSamples, int testSamples, long seed,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> images) implements Serializable {

    public DataSettings {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("field 'path' is required");
        }
        new SplitSpec(trainSamples, validationSamples, testSamples, seed);
        images = images == null ? List.of() : List.copyOf(images);
    }

    public DataSettings(String path, int trainSamples, int validationSamples, int testSamples, long seed) {
        this(path, trainSamples, validationSamples, testSamples, seed, List.of());
    }

    public SplitSpec toSplitSpec() {
        return new SplitSpec(trainSamples, validationSamples, testSamples, seed);
    }

    /** Fashion-MNIST from the Debian package, 2,000 training and 1,000 validation images. */
    public static DataSettings defaults() {
        return fromJson(null, null, null, null, null, null);
    }

    @JsonCreator
    static DataSettings fromJson(@JsonProperty("path") String path, @JsonProperty("trainSamples") Integer trainSamples,
                                 @JsonProperty("validationSamples") Integer validationSamples,
                                 @JsonProperty("testSamples") Integer testSamples, @JsonProperty("seed") Long seed,
                                 @JsonProperty("images") List<String> images) {
        return new DataSettings(path == null ? FashionMnist.DEFAULT_DIRECTORY : path, trainSamples == null ? 2000 : trainSamples,
                validationSamples == null ? 1000 : validationSamples, testSamples == null ? 0 : testSamples,
                seed == null ? 0 : seed, images);
    }
}
