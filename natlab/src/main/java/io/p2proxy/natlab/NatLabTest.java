package io.p2proxy.natlab;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test (class or method) that needs the NAT lab: see {@link NatLabExtension}. Tagged
 * {@code natlab}, so a build can include or exclude lab tests by tag.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(NatLabExtension.class)
@Tag("natlab")
public @interface NatLabTest {
}
