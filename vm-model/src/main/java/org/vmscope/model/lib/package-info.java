/**
 * Ports of the kernel's {@code lib/} structures whose exact behaviour the VM depends on.
 */
package org.vmscope.model.lib;
