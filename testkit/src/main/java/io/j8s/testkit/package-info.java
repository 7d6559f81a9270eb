/** testkit */
package io.j8s.testkit;
