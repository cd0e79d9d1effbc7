package org.vmscope.bridge.sim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vmscope.model.Arch;
import org.vmscope.model.kernel.NommuLayout;
import org.vmscope.model.kernel.SimKernel;
import org.vmscope.model.pmap.Pmap;

/**
 * qemu-system-arm with a Cortex-M: only {@code arm-m-profile.xml} (r0-r12, sp, lr, pc, xpsr #25), as QEMU 7.2
 * exposes no msp/psp/control. No MMU: virtual addresses are physical.
 */
final class CortexMProfile extends ArchProfile {
    private static final Tdesc TDESC = Tdesc.builder("arm")
            .feature("arm-m-profile.xml", "org.gnu.gdb.arm.m-profile").at(0)
            .regs(32, "int", "general", "r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11",
                    "r12")
            .reg("sp", 32, "data_ptr", "general").reg("lr", 32, "int", "general").reg("pc", 32, "code_ptr", "general")
            .at(25).reg("xpsr", 32, "int", "general")
            .build();

    private final Arch arch;

    CortexMProfile(Arch arch) {
        this.arch = arch;
    }

    @Override
    Arch arch() {
        return arch;
    }

    @Override
    Tdesc tdesc() {
        return TDESC;
    }

    @Override
    int generalRegisterCount() {
        return 17;
    }

    @Override
    String rootRegister() {
        return null;
    }

    @Override
    void check(SimKernel kernel) throws SimTargetException {
        if (kernel.machine().nommu() == null) {
            throw new SimTargetException("a Cortex-M target needs a NOMMU kernel");
        }
    }

    /** Stopped in the kernel: pc at the start of its syspage map, the stack at {@code __bss_start}. */
    @Override
    CpuState state(SimKernel k, Pmap active) {
        NommuLayout n = k.machine().nommu();
        Map<String, Long> v = new LinkedHashMap<>();
        v.put("sp", n.bssStart());
        v.put("r7", n.bssStart());
        v.put("pc", n.mapStart());
        v.put("lr", 0xfffffff9L); // EXC_RETURN: thread mode, main stack
        v.put("xpsr", 0x01000000L); // Thumb
        return new CpuState(v, List.of(), k.kmap().pmap(), false);
    }

    @Override
    String infoRegisters(CpuState c) {
        StringBuilder s = new StringBuilder();
        String[] names = {"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "sp", "lr",
            "pc"};
        for (int i = 0; i < 16; i++) {
            s.append(String.format("R%02d=%08x%s", i, c.value(names[i]), i % 4 == 3 ? "\n" : " "));
        }
        s.append(String.format("XPSR=%08x ---- T priv-thread\n", c.value("xpsr")));
        return s.toString();
    }
}
