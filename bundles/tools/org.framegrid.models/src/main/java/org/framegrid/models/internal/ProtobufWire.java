package org.framegrid.models.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The protobuf wire format, as much as rewriting an ONNX file needs: a message is a list of fields (number, wire
 * type, value) that can be parsed, edited and written back. Unknown fields pass through byte for byte, so a rewrite
 * changes only what it means to change. The build needs no protobuf library for it.
 */
final class ProtobufWire {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int BYTES = 2;
    static final int FIXED32 = 5;

    /** One field: {@code value} for varints, {@code bytes} for the other wire types. */
    record Field(int number, int wire, long value, byte[] bytes) {

        String string() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        List<Field> message() throws IOException {
            return parse(bytes);
        }
    }

    private ProtobufWire() {
    }

    static List<Field> parse(byte[] data) throws IOException {
        List<Field> fields = new ArrayList<>();
        int[] at = {0};
        while (at[0] < data.length) {
            long key = varint(data, at);
            int number = (int) (key >>> 3);
            int wire = (int) (key & 7);
            switch (wire) {
                case VARINT -> fields.add(new Field(number, wire, varint(data, at), null));
                case FIXED64, FIXED32 -> fields.add(new Field(number, wire, 0, slice(data, at, wire == FIXED64 ? 8 : 4)));
                case BYTES -> fields.add(new Field(number, wire, 0, slice(data, at, (int) varint(data, at))));
                default -> throw new IOException("unsupported protobuf wire type " + wire + " at byte " + at[0]);
            }
        }
        return fields;
    }

    static byte[] write(List<Field> fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Field field : fields) {
            writeVarint(out, (long) field.number() << 3 | field.wire());
            if (field.wire() == VARINT) {
                writeVarint(out, field.value());
            } else {
                if (field.wire() == BYTES) {
                    writeVarint(out, field.bytes().length);
                }
                out.writeBytes(field.bytes());
            }
        }
        return out.toByteArray();
    }

    static Field varintField(int number, long value) {
        return new Field(number, VARINT, value, null);
    }

    static Field bytesField(int number, byte[] bytes) {
        return new Field(number, BYTES, 0, bytes);
    }

    static Field stringField(int number, String text) {
        return bytesField(number, text.getBytes(StandardCharsets.UTF_8));
    }

    static Field messageField(int number, List<Field> message) {
        return bytesField(number, write(message));
    }

    /** Repeated int64 fields may be packed (one BYTES field) or not (one VARINT field per value). */
    static List<Long> longs(List<Field> fields, int number) throws IOException {
        List<Long> values = new ArrayList<>();
        for (Field field : fields) {
            if (field.number() == number && field.wire() == VARINT) {
                values.add(field.value());
            } else if (field.number() == number && field.wire() == BYTES) {
                int[] at = {0};
                while (at[0] < field.bytes().length) {
                    values.add(varint(field.bytes(), at));
                }
            }
        }
        return values;
    }

    static String string(List<Field> fields, int number) {
        return fields.stream().filter(f -> f.number() == number).map(Field::string).findFirst().orElse("");
    }

    private static byte[] slice(byte[] data, int[] at, int length) throws IOException {
        if (length < 0 || at[0] + length > data.length) {
            throw new IOException("truncated protobuf field at byte " + at[0]);
        }
        byte[] bytes = java.util.Arrays.copyOfRange(data, at[0], at[0] + length);
        at[0] += length;
        return bytes;
    }

    private static long varint(byte[] data, int[] at) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= data.length) {
                throw new IOException("truncated protobuf varint");
            }
            byte b = data[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("malformed protobuf varint");
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }
}
