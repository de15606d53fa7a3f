package org.framegrid.testing;

import java.lang.annotation.Annotation;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Map;

/**
 * A component's configuration, as SCR hands it to the component's constructor: an instance of its configuration
 * annotation in which each element returns the value given here, or else its default. Tests drive a component's life
 * cycle with it instead of writing the annotation out.
 */
public final class Configs {

    private Configs() {
    }

    /**
     * @param type the configuration annotation, e.g. {@code TicketPaymentReceiver.Config}
     * @param values by element name (e.g. {@code key_file}), each of the element's type
     * @throws IllegalArgumentException naming the element, for a name the annotation does not have or a value of
     *     another type
     */
    public static <A extends Annotation> A of(Class<A> type, Map<String, ?> values) {
        for (Map.Entry<String, ?> value : values.entrySet()) {
            Class<?> elementType = Arrays.stream(type.getDeclaredMethods())
                    .filter(m -> m.getName().equals(value.getKey())).findFirst().map(Method::getReturnType)
                    .orElseThrow(() -> new IllegalArgumentException(type.getName() + " has no element "
                            + value.getKey()));
            if (!MethodType.methodType(elementType).wrap().returnType().isInstance(value.getValue())) {
                throw new IllegalArgumentException(type.getName() + "." + value.getKey() + " is a "
                        + elementType.getSimpleName() + ", not " + value.getValue());
            }
        }
        // Components read their elements; the other methods answer as on any object, so a component may log it.
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) ->
                switch (method.getName()) {
                    case "annotationType" -> type;
                    case "toString" -> type.getSimpleName() + values;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> values.containsKey(method.getName()) ? values.get(method.getName())
                            : method.getDefaultValue();
                }));
    }
}
