/**
 * Byte-exact output of the psh {@code mem} applet computed from the model (phoenix-vm.md §5.2).
 */
package org.vmscope.model.psh;
