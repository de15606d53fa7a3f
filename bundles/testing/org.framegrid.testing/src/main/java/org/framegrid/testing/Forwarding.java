package org.framegrid.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for a service interface that forwards every call to the real implementation and remembers it: how often
 * each method was called and what it returned. For a test that waits until a component has called something (a worker
 * watching the round) or acts on what the component was given (closes the models a backend loaded), without a
 * hand-written wrapper that forwards every method. {@code equals}, {@code hashCode} and {@code toString} are the
 * stand-in's own: it is a different service from the one it forwards to.
 *
 * @param <T> the interface
 * @since 1.3
 */
public final class Forwarding<T> {

    private final T proxy;
    private final Map<String, List<Object>> results = new ConcurrentHashMap<>();

    private Forwarding(Class<T> type, T target) {
        this.proxy = type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> call(self, target, method, args)));
    }

    /** @return a stand-in that forwards the calls of {@code type} to {@code target} */
    public static <T> Forwarding<T> to(Class<T> type, T target) {
        return new Forwarding<>(type, target);
    }

    private Object call(Object self, T target, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> self == args[0];
                case "hashCode" -> System.identityHashCode(self);
                default -> "forwarding to " + target;
            };
        }
        Object result;
        try {
            result = method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        List<Object> returned = results.computeIfAbsent(method.getName(), name -> new CopyOnWriteArrayList<>());
        returned.add(result);
        return result;
    }

    /** @return the stand-in to give the component under test */
    public T proxy() {
        return proxy;
    }

    /** @return how many calls of methods named {@code method} have returned so far (not those that threw) */
    public int calls(String method) {
        return results.getOrDefault(method, List.of()).size();
    }

    /**
     * @param type what the method returns
     * @return what the calls of methods named {@code method} have returned so far, in order
     */
    public <R> List<R> results(String method, Class<R> type) {
        return results.getOrDefault(method, List.of()).stream().map(type::cast).toList();
    }
}
