package org.framegrid.media;

import java.io.IOException;

/**
 * A media input or output that cannot be used. The message is one line that names the file or segment and the reason,
 * for example {@code "notes.txt: not a video file (Invalid data found when processing input)"}: operators see it as is.
 */
public class MediaException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message one line: the input's name, a colon, the reason */
    public MediaException(String message) {
        super(message);
    }

    /**
     * @param message one line: the input's name, a colon, the reason
     * @param cause the underlying failure
     */
    public MediaException(String message, Throwable cause) {
        super(message, cause);
    }
}
