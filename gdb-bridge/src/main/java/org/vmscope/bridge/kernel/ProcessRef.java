package org.vmscope.bridge.kernel;

/**
 * One process found in {@code process_common.id}.
 *
 * @param address {@code process_t} address
 * @param mapp    its active map ({@code process_t.mapp}), 0 when it has none
 */
public record ProcessRef(int pid, long address, long mapp) {
}
