package org.vmscope.model.kernel;

/**
 * Kernel placement on a NOMMU target: the syspage map that holds {@code __bss_start} and the boot break.
 *
 * @param mapStart  start of the syspage map holding the kernel data (VA = PA)
 * @param mapEnd    its end
 * @param bssStart  {@code &__bss_start}
 * @param heapStart the boot break {@code _pmap_init} returns (just past {@code _end})
 */
public record NommuLayout(long mapStart, long mapEnd, long bssStart, long heapStart) {
}
