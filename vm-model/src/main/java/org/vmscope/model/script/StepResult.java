package org.vmscope.model.script;

import org.vmscope.model.proc.SysResult;

/**
 * What one step did: the kernel's answer ({@code result}, null for steps that are not kernel operations) or the
 * scenario error that stopped the run ({@code error}, null when none).
 */
public record StepResult(Step step, SysResult result, ScenarioError error) {

    public boolean failed() {
        return error != null;
    }
}
