package org.framegrid.models.internal.tflite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.framegrid.testing.Fixture;

/**
 * Finds Debian's Chromium for the browser check, installing it with apt when it is missing (as root, or with
 * {@code sudo -n}); a machine where neither works fails the test on CI and skips it elsewhere.
 */
final class Chromium {

    private static final List<String> CANDIDATES = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");

    private Chromium() {
    }

    static String find() throws Exception {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return configured;
        }
        String found = installed();
        if (found == null) {
            System.out.println("[reference] chromium is not installed: apt-get install -y chromium");
            boolean root = "root".equals(System.getProperty("user.name"));
            List<String> prefix = root ? List.of() : List.of("sudo", "-n");
            if (!apt(prefix, "install", "-y", "-q", "chromium")) {
                apt(prefix, "update", "-q");
                apt(prefix, "install", "-y", "-q", "chromium");
            }
            found = installed();
        }
        Fixture.require(found != null, "Debian's chromium is not installed and apt-get install chromium failed "
                + "(the MediaPipe browser check runs MediaPipe's own solutions in it)");
        return found;
    }

    private static String installed() {
        return CANDIDATES.stream().filter(c -> Files.isExecutable(Path.of(c))).findFirst().orElse(null);
    }

    private static boolean apt(List<String> prefix, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(prefix);
        command.add("apt-get");
        command.addAll(List.of(args));
        Process apt = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!apt.waitFor(15, TimeUnit.MINUTES)) {
            apt.destroyForcibly();
            return false;
        }
        return apt.exitValue() == 0;
    }
}
