package org.vmscope.model.check;

/** How bad a {@link Problem} is. */
public enum Severity {
    /** The state breaks an invariant the kernel keeps: corruption, a leak or a use after free. */
    ERROR,
    /** Legal but noteworthy: documented kernel behaviour that looks odd (dangling amap slots...). */
    WARNING
}
