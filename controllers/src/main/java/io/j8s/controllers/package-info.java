/**
 * Control loops that talk to the API only through the fabric8 client, so they run unchanged
 * against any Kubernetes API server. {@link io.j8s.controllers.ControllerManager} starts them.
 */
package io.j8s.controllers;
