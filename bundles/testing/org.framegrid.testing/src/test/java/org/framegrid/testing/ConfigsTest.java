package org.framegrid.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Configs answers each element with the given value or the element's default, and refuses what SCR would not make. */
class ConfigsTest {

    @interface Config {
        String rpc_url() default "";

        long poll_millis() default 1000;

        int[] sides() default {64, 512};
    }

    @Test
    void givenValuesOverTheDefaults() {
        Config config = Configs.of(Config.class, Map.of("poll_millis", 20L));
        assertEquals(20, config.poll_millis());
        assertEquals("", config.rpc_url());
        assertArrayEquals(new int[] {64, 512}, config.sides());
        assertEquals(Config.class, config.annotationType());
        assertEquals("Config{poll_millis=20}", config.toString());
    }

    @Test
    void anUnknownElementOrAValueOfAnotherTypeIsNamed() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Configs.of(Config.class, Map.of("rpc_uri", "x")));
        assertEquals(Config.class.getName() + " has no element rpc_uri", unknown.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> Configs.of(Config.class, Map.of("poll_millis", 20)));
        assertEquals(Config.class.getName() + ".poll_millis is a long, not 20", type.getMessage());
    }
}
