package io.j8s.testkit.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/** Gives the test class a running j8s API server (and a Kubectl for it) as test parameters. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(J8sServerExtension.class)
public @interface WithJ8sServer {
  String datastore() default "sqlite:";

  /** Also run the server's embedded node agent (real containerd inside the test's network namespace). */
  boolean agent() default false;
}
