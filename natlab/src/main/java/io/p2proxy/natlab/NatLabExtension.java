package io.p2proxy.natlab;

import io.p2proxy.natlab.internal.Prerequisites;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Checks that the lab can run here (Linux, root, ip/iptables/sysctl/conntrack, a namespace with
 * NAT). When it cannot, the test is skipped with the reasons, unless the lab is required
 * (environment {@code P2PROXY_LAB_REQUIRED=true} or system property {@code p2proxy.lab.required=true},
 * as in CI): then the test fails with them.
 * <p>
 * The check runs before each test (not once per class: surefire shows a class-level skip as "0 tests",
 * hiding the reason). It also resolves a {@link NatLab.Builder} parameter, checking first; every lab
 * built from it is closed when the test (or, for a {@code @BeforeAll} parameter, the class) ends,
 * passed or failed.
 */
public final class NatLabExtension implements BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace STORE = ExtensionContext.Namespace.create(NatLabExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        requireLab();
    }

    /** Skips or fails the current test when the lab cannot run here. */
    public static void requireLab() {
        verdict(Prerequisites.missing(), required());
    }

    /** Whether the lab must run (CI) rather than be skipped. */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("P2PROXY_LAB_REQUIRED"))
                || Boolean.getBoolean("p2proxy.lab.required");
    }

    static void verdict(List<String> missing, boolean required) {
        if (missing.isEmpty()) {
            return;
        }
        String message = "NAT lab cannot run here: " + String.join("; ", missing);
        if (required) {
            Assertions.fail(message + " (required: P2PROXY_LAB_REQUIRED / p2proxy.lab.required is true)");
        }
        Assumptions.abort(message + " (skipped; set P2PROXY_LAB_REQUIRED=true to fail instead)");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == NatLab.Builder.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        requireLab();
        ExtensionContext.Store store = context.getStore(STORE);
        // JUnit closes AutoCloseable values of the store when the context ends, failed or not.
        return NatLab.builder().onBuild(lab -> store.put(lab, lab));
    }
}
