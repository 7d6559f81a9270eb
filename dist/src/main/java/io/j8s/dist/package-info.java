/** dist */
package io.j8s.dist;
