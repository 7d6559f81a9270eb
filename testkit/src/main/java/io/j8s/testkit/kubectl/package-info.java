/** Driving the real kubectl binary against a test server, as a user would. */
package io.j8s.testkit.kubectl;
