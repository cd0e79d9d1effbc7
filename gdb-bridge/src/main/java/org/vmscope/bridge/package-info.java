/** GDB remote protocol client, server and proxy, and the mirror of live targets. */
package org.vmscope.bridge;
