package org.vmscope.bridge.kernel;

import java.util.List;

import org.vmscope.model.page.PageRun;

/**
 * {@code pages_info} as meminfo reports it: counters in bytes and, when asked for, the page array as
 * runs of equal markers at consecutive addresses ({@code vm_pageinfo}).
 */
public record PageAllocatorInfo(long totalBytes, long allocBytes, long bootBytes, long pageSize, long pageCount,
        List<PageRun> runs) {

    public PageAllocatorInfo {
        runs = List.copyOf(runs);
    }

    public long freeBytes() {
        return totalBytes - allocBytes;
    }

    public int pageShift() {
        return Long.numberOfTrailingZeros(pageSize);
    }
}
