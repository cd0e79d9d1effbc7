package org.vmscope.model.pmap.mpu;

/** The two Cortex-M protected memory system architectures Phoenix-RTOS programs. */
public enum MpuFlavor {
    /** PMSAv7 (Cortex-M3/M4/M7): power-of-two regions aligned to their size, 8 subregions, highest number wins. */
    ARMV7M,
    /** PMSAv8 (Cortex-M23/M33/M55): base/limit regions on a 32-byte granule, overlaps fault. */
    ARMV8M
}
