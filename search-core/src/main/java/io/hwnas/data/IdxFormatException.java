package io.hwnas.data;

import java.io.IOException;

/** A file that is not the IDX data it should be; the message starts with the file's location. */
public final class IdxFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public IdxFormatException(String location, String problem) {
        super(location + ": " + problem);
    }

    public IdxFormatException(String location, String problem, Throwable cause) {
        super(location + ": " + problem, cause);
    }
}
