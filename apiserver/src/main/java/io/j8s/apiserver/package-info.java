/** apiserver */
package io.j8s.apiserver;
