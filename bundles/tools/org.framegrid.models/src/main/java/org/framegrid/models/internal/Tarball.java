package org.framegrid.models.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Reads chosen files out of an npm package tarball (gzip'd ustar, with pax headers for long names). The JDK has no
 * tar reader, and the build should need no library for this much of the format.
 */
final class Tarball {

    private Tarball() {
    }

    /**
     * @return the contents of every entry of {@code tgz} whose name is in {@code wanted}
     * @throws IOException when the archive is malformed or an entry is missing
     */
    static Map<String, byte[]> read(Path tgz, Set<String> wanted) throws IOException {
        Map<String, byte[]> found = new HashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz), 1 << 16)) {
            byte[] header = new byte[512];
            String paxPath = null;
            while (found.size() < wanted.size()) {
                if (in.readNBytes(header, 0, 512) < 512 || header[0] == 0) {
                    break; // end of archive
                }
                String name = paxPath != null ? paxPath : name(header);
                paxPath = null;
                String octal = text(header, 124, 12).trim();
                long size = octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
                char type = (char) header[156];
                if (type == 'x') {
                    paxPath = paxPath(readExactly(in, size));
                } else if ((type == '0' || type == 0) && wanted.contains(name)) {
                    found.put(name, readExactly(in, size));
                } else {
                    in.skipNBytes(size);
                }
                in.skipNBytes((512 - size % 512) % 512);
            }
        } catch (NumberFormatException e) {
            throw new IOException(tgz.getFileName() + " is not a tar archive: " + e.getMessage(), e);
        }
        for (String name : wanted) {
            if (!found.containsKey(name)) {
                throw new IOException(tgz.getFileName() + " has no file " + name);
            }
        }
        return found;
    }

    private static String name(byte[] header) {
        String name = text(header, 0, 100);
        String prefix = text(header, 345, 155);
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static byte[] readExactly(InputStream in, long size) throws IOException {
        if (size > Integer.MAX_VALUE) {
            throw new IOException("tar entry too large: " + size);
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length != size) {
            throw new EOFException("truncated tarball");
        }
        return data;
    }

    /** A pax record is "LEN key=value\n"; only the path matters here. */
    private static String paxPath(byte[] data) {
        String path = null;
        for (String record : new String(data, StandardCharsets.UTF_8).split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                path = record.substring(space + 1 + "path=".length());
            }
        }
        return path;
    }
}
