package org.framegrid.gateway.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.framegrid.testing.Fixture;

/**
 * A command-line tool a test drives (a browser, the ffmpeg CLI): installed from Debian's packages when missing and the
 * test runs as root (as on CI, which starts from a clean machine); still missing, it fails the test on CI and skips it
 * elsewhere ({@link Fixture}).
 */
final class Apt {
    private Apt() {
    }

    static void require(Path binary, String debianPackage) throws IOException, InterruptedException {
        if (!Files.isExecutable(binary) && "root".equals(System.getProperty("user.name"))
                && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            Process apt = new ProcessBuilder("apt-get", "install", "-y", "-q", debianPackage).inheritIO().start();
            if (!apt.waitFor(10, TimeUnit.MINUTES)) {
                apt.destroyForcibly();
            }
        }
        Fixture.require(Files.isExecutable(binary), "the tool " + binary + " is absent: apt-get install -y "
                + debianPackage);
    }
}
