package org.framegrid.payment.tickets.embedded;

import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.TreeMap;

/**
 * A component's configuration annotation over a map of its keys, as SCR makes it from a ConfigAdmin configuration:
 * element {@code a_b} reads key {@code a.b}, a missing key gives the element's default. Values are of the element's
 * type or a string of it (as in a {@code .cfg} file).
 */
final class ComponentConfig {

    private ComponentConfig() {
    }

    /**
     * @throws IllegalArgumentException naming the PID and the key, for an unknown key or a value of the wrong
     *     type
     */
    static <A> A of(Class<A> type, String pid, Map<String, ?> values) {
        Map<String, Method> elements = new TreeMap<>();
        for (Method element : type.getDeclaredMethods()) {
            elements.put(element.getName().replace('_', '.'), element);
        }
        Map<String, Object> typed = new TreeMap<>();
        values.forEach((key, value) -> {
            Method element = elements.get(key);
            if (element == null) {
                throw new IllegalArgumentException("configuration " + pid + ": unknown key '" + key + "' (keys: "
                        + String.join(", ", elements.keySet()) + ")");
            }
            typed.put(key, value(pid, key, value, element.getReturnType()));
        });
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "toString" -> pid + typed;
                    case "hashCode" -> typed.hashCode();
                    case "equals" -> proxy == args[0];
                    case "annotationType" -> type;
                    default -> typed.getOrDefault(method.getName().replace('_', '.'), method.getDefaultValue());
                }));
    }

    /** @return {@code value} as the element's type, or {@code null} when it is not one */
    private static Object value(String pid, String key, Object value, Class<?> type) {
        try {
            Object typed = switch (value) {
                case String s when type == int.class -> Integer.parseInt(s.strip());
                case String s when type == long.class -> Long.parseLong(s.strip());
                case String s when type == double.class -> Double.parseDouble(s.strip());
                case String s when type == boolean.class && s.matches("true|false") -> Boolean.valueOf(s);
                case Integer i when type == long.class -> i.longValue();
                case Object v when MethodType.methodType(type).wrap().returnType().isInstance(v) -> v;
                case null, default -> null;
            };
            if (typed != null) {
                return typed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("configuration " + pid + ": " + key + " = '" + value + "' is not a "
                + type.getSimpleName());
    }
}
