import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renames a library inside an x86-64 ELF shared object, in place: its own {@code DT_SONAME}, or a
 * {@code DT_NEEDED} entry together with the symbol-version requirements that name the same file.
 *
 * <p>Why: ONNX Runtime's CPU and CUDA builds both call their core {@code libonnxruntime.so.1}. In one JVM the
 * dynamic linker would then bind the second bundle's JNI library to whichever core was loaded first. Renaming the
 * CUDA build's core and its JNI library's reference to it lets the two backends load side by side.
 *
 * <p>The new name is written over the old one in {@code .dynstr} (no larger than it, padded with NULs), so nothing
 * moves. Refuses when another string in the file shares the old one's bytes (linkers merge string tails).
 *
 * <pre>java RenameLibrary.java FILE OLD_NAME NEW_NAME</pre>
 */
public final class RenameLibrary {

    private static final int SHT_DYNAMIC = 6;
    private static final int SHT_DYNSYM = 11;
    private static final int SHT_GNU_VERNEED = 0x6ffffffe;
    private static final long DT_NULL = 0;
    private static final long DT_NEEDED = 1;
    private static final long DT_SONAME = 14;
    private static final long DT_RPATH = 15;
    private static final long DT_RUNPATH = 29;

    private record Section(int type, long offset, long size, int link, long entrySize) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: java RenameLibrary.java FILE OLD_NAME NEW_NAME");
        }
        Path file = Path.of(args[0]);
        byte[] old = args[1].getBytes(StandardCharsets.US_ASCII);
        byte[] renamed = args[2].getBytes(StandardCharsets.US_ASCII);
        if (renamed.length > old.length) {
            throw new IllegalArgumentException(args[2] + " is longer than " + args[1] + ": it must fit in place");
        }
        ByteBuffer elf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (elf.getInt(0) != 0x464c457f || elf.get(4) != 2 || elf.get(5) != 1) {
            throw new IllegalArgumentException(file + ": not a little-endian 64-bit ELF file");
        }
        List<Section> sections = sections(elf);
        Section dynamic = sections.stream().filter(s -> s.type() == SHT_DYNAMIC).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + ": no dynamic section"));
        Section dynstr = sections.get(dynamic.link());

        // Every offset into .dynstr the file holds, and those that name the library to rename.
        List<Long> references = new ArrayList<>();
        List<Long> matches = new ArrayList<>();
        boolean done = false; // renamed by an earlier build
        for (long at = dynamic.offset(); at + 16 <= dynamic.offset() + dynamic.size(); at += 16) {
            long tag = elf.getLong((int) at);
            long value = elf.getLong((int) at + 8);
            if (tag == DT_NULL) {
                break;
            }
            if (tag == DT_NEEDED || tag == DT_SONAME || tag == DT_RPATH || tag == DT_RUNPATH) {
                references.add(value);
                if (equalsAt(elf, dynstr.offset() + value, old)) {
                    matches.add(value);
                }
                done |= equalsAt(elf, dynstr.offset() + value, renamed);
            }
        }
        for (Section section : sections) {
            if (section.type() == SHT_DYNSYM && section.link() == dynamic.link()) {
                for (long at = section.offset(); at < section.offset() + section.size(); at += section.entrySize()) {
                    references.add(Integer.toUnsignedLong(elf.getInt((int) at))); // st_name
                }
            } else if (section.type() == SHT_GNU_VERNEED && section.link() == dynamic.link()) {
                for (long needed : verneedReferences(elf, section, references)) {
                    if (equalsAt(elf, dynstr.offset() + needed, old)) {
                        matches.add(needed); // the versions required of the library: they must name it the same way
                    }
                }
            }
        }
        List<Long> targets = matches.stream().distinct().toList();
        if (targets.isEmpty() && done) {
            System.out.println(file.getFileName() + ": already names " + args[2]);
            return;
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException(file + ": neither DT_SONAME nor DT_NEEDED is " + args[1] + " or "
                    + args[2]);
        }
        for (long target : targets) {
            for (long reference : references) {
                if (reference > target && reference <= target + old.length) {
                    throw new IllegalArgumentException(file + ": another string shares the bytes of " + args[1]);
                }
            }
            int at = (int) (dynstr.offset() + target);
            for (int i = 0; i < old.length; i++) {
                elf.put(at + i, i < renamed.length ? renamed[i] : 0);
            }
        }
        Files.write(file, elf.array());
        System.out.println(file.getFileName() + ": " + args[1] + " -> " + args[2]);
    }

    private static List<Section> sections(ByteBuffer elf) {
        long offset = elf.getLong(0x28);
        int size = Short.toUnsignedInt(elf.getShort(0x3a));
        int count = Short.toUnsignedInt(elf.getShort(0x3c));
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = (int) (offset + (long) i * size);
            sections.add(new Section(elf.getInt(at + 4), elf.getLong(at + 0x18), elf.getLong(at + 0x20),
                    elf.getInt(at + 0x28), elf.getLong(at + 0x38)));
        }
        return sections;
    }

    /**
     * Adds vn_file of each Elf64_Verneed and vna_name of each Elf64_Vernaux to {@code references}.
     *
     * @return the vn_file offsets alone
     */
    private static List<Long> verneedReferences(ByteBuffer elf, Section section, List<Long> references) {
        List<Long> files = new ArrayList<>();
        long need = section.offset();
        while (true) {
            int auxCount = Short.toUnsignedInt(elf.getShort((int) need + 2));
            long file = Integer.toUnsignedLong(elf.getInt((int) need + 4));
            files.add(file);
            references.add(file);
            long aux = need + Integer.toUnsignedLong(elf.getInt((int) need + 8));
            for (int i = 0; i < auxCount; i++) {
                references.add(Integer.toUnsignedLong(elf.getInt((int) aux + 8)));
                aux += Integer.toUnsignedLong(elf.getInt((int) aux + 12));
            }
            long next = Integer.toUnsignedLong(elf.getInt((int) need + 12));
            if (next == 0) {
                return files;
            }
            need += next;
        }
    }

    private static boolean equalsAt(ByteBuffer elf, long at, byte[] name) {
        for (int i = 0; i < name.length; i++) {
            if (elf.get((int) at + i) != name[i]) {
                return false;
            }
        }
        return elf.get((int) at + name.length) == 0;
    }
}
