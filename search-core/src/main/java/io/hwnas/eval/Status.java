package io.hwnas.eval;

/** Whether a candidate's evaluation completed; failed candidates keep their error and the search goes on. */
public enum Status {
    OK, FAILED
}
