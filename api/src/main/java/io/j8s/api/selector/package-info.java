/**
 * Label selectors (string syntax and the API's LabelSelector object) and field selectors with
 * the fields each kind supports, parsed into values that match objects. Pure code.
 */
package io.j8s.api.selector;
