package org.framegrid.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

/** LogLines sees what its logger publishes while it is open, and nothing after. */
class LogLinesTest {

    @Test
    void collectsTheMessagesWhileOpen() {
        Logger logger = Logger.getLogger(LogLinesTest.class.getName());
        LogLines log = LogLines.of(LogLinesTest.class);
        logger.info("no CUDA device (libcuda.so.1 not found)");
        logger.warning("second");
        log.close();
        logger.info("after");
        assertEquals(List.of("no CUDA device (libcuda.so.1 not found)", "second"), log.lines());
    }
}
