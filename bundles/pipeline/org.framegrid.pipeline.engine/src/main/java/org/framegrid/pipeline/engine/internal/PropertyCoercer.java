package org.framegrid.pipeline.engine.internal;

import java.math.BigInteger;
import org.framegrid.api.pipeline.DidYouMean;
import org.framegrid.api.stage.PropertyDescriptor;

/** Turns values as parsed (YAML, JSON, Java) into the Java type of a property, or explains why it cannot. */
final class PropertyCoercer {
    private PropertyCoercer() {
    }

    /**
     * @return the coerced value
     * @throws IllegalArgumentException with a message fit for users ("expected an integer, got \"abc\"")
     */
    static Object coerce(PropertyDescriptor p, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("has no value");
        }
        Object result = switch (p.type()) {
            case STRING -> {
                if (!(value instanceof String)) {
                    throw wrong("a string", value);
                }
                yield value;
            }
            case BOOLEAN -> {
                if (!(value instanceof Boolean)) {
                    throw wrong("true or false", value);
                }
                yield value;
            }
            case INTEGER -> {
                if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                        || value instanceof BigInteger b && b.bitLength() < 64) {
                    yield ((Number) value).longValue();
                }
                throw wrong("an integer", value);
            }
            case DOUBLE -> {
                if (!(value instanceof Number n)) {
                    throw wrong("a number", value);
                }
                yield n.doubleValue();
            }
            case ENUM -> {
                if (!(value instanceof String s)) {
                    throw wrong("one of " + String.join(", ", p.allowed()), value);
                }
                if (!p.allowed().contains(s)) {
                    throw new IllegalArgumentException("'" + s + "' is not one of " + String.join(", ", p.allowed())
                            + DidYouMean.hint(s, p.allowed()));
                }
                yield s;
            }
        };
        if (result instanceof Number n) {
            if (p.min() != null && n.doubleValue() < p.min()) {
                throw new IllegalArgumentException(n + " is below the minimum " + format(p.min()));
            }
            if (p.max() != null && n.doubleValue() > p.max()) {
                throw new IllegalArgumentException(n + " is above the maximum " + format(p.max()));
            }
        }
        return result;
    }

    private static String format(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static IllegalArgumentException wrong(String expected, Object value) {
        String shown = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return new IllegalArgumentException("expected " + expected + ", got " + shown);
    }
}
