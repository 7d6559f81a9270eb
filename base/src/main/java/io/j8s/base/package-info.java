/** base */
package io.j8s.base;
