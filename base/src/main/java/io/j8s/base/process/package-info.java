/** Running host commands: one call, captured output, a timeout, and errors that quote the command. */
package io.j8s.base.process;
