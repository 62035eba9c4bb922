package io.hwnas.io;

/**
 * Input hwnas cannot use (a config or profile file, an option, an argument): the message names the file or
 * option, the field, the value and what is allowed. The command line reports it in one line with exit code 2;
 * modules subclass it for their own inputs.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
