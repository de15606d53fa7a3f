package org.framegrid.launcher;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Runs a command that a bundle offers as a {@code java.util.function.Function<List<String>, Integer>} service with the
 * property {@code framegrid.tool=<name>} (e.g. {@code pipelines.check}) and, for the list of tools,
 * {@code framegrid.tool.description=<one line>}. The function type comes from the JDK, so the launcher and the bundle
 * share it without exporting anything. Every tool answers {@code --help} with its usage.
 */
final class Tool {

    static final String PROPERTY = "framegrid.tool";
    static final String DESCRIPTION = "framegrid.tool.description";
    /** SCR registers components while their bundles start; the wait only covers slow activations. */
    private static final long WAIT_MILLIS = 3_000;

    private Tool() {
    }

    /** @return the tool's exit code, or 2 if no bundle offers it */
    @SuppressWarnings("unchecked")
    static int run(BundleContext context, String name, List<String> args) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (true) {
            Collection<ServiceReference<Function>> found;
            try {
                found = context.getServiceReferences(Function.class, "(" + PROPERTY + "=" + name + ")");
            } catch (InvalidSyntaxException e) {
                System.err.println("framegrid: '" + name + "' is not a valid tool name");
                return 2;
            }
            if (!found.isEmpty()) {
                ServiceReference<Function> reference = found.iterator().next();
                Function<List<String>, Integer> tool = context.getService(reference);
                try {
                    Integer code = tool.apply(List.copyOf(args));
                    return code == null ? 0 : code;
                } finally {
                    context.ungetService(reference);
                }
            }
            if (System.nanoTime() > deadline) {
                System.err.println("framegrid: no bundle of this node offers the tool '" + name + "'");
                return 2;
            }
            Thread.sleep(50);
        }
    }

    /** Prints every tool the node's bundles offer, with its description; @return 0 */
    static int list(BundleContext context) {
        Map<String, String> tools = new TreeMap<>();
        try {
            for (ServiceReference<Function> ref : context.getServiceReferences(Function.class, "(" + PROPERTY + "=*)")) {
                Object description = ref.getProperty(DESCRIPTION);
                tools.put(String.valueOf(ref.getProperty(PROPERTY)), description == null ? "" : description.toString());
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // a constant filter
        }
        System.out.println("tools of this node (framegrid --tool NAME --help says how to use one):");
        tools.forEach((name, description) -> System.out.printf("  %-18s %s%n", name, description));
        return 0;
    }
}
