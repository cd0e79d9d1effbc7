package org.vmscope.bridge.dwarf;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The abbreviations of one unit, read from .debug_abbrev at the unit's abbrev offset. */
final class AbbrevTable {
    private final Abbrev[] dense;
    private final Map<Long, Abbrev> sparse;

    private AbbrevTable(Abbrev[] dense, Map<Long, Abbrev> sparse) {
        this.dense = dense;
        this.sparse = sparse;
    }

    Abbrev get(long code) {
        if (code > 0 && code < dense.length) {
            return dense[(int) code];
        }
        return sparse.get(code);
    }

    static AbbrevTable parse(ByteBuffer section, long offset) throws DwarfFormatException {
        DwarfCursor c = new DwarfCursor(section, ".debug_abbrev", offset, section.limit());
        List<Abbrev> list = new ArrayList<>();
        Map<Long, Abbrev> sparse = new HashMap<>();
        long maxDense = 0;
        while (true) {
            long code = c.uleb();
            if (code == 0) {
                break;
            }
            int tag = (int) c.uleb();
            boolean children = c.u8() != 0;
            List<long[]> specs = new ArrayList<>();
            while (true) {
                long attr = c.uleb();
                long form = c.uleb();
                if (attr == 0 && form == 0) {
                    break;
                }
                long implicit = form == Dw.FORM_IMPLICIT_CONST ? c.sleb() : 0;
                specs.add(new long[] {attr, form, implicit});
            }
            int n = specs.size();
            int[] attrs = new int[n];
            int[] forms = new int[n];
            long[] consts = new long[n];
            for (int i = 0; i < n; i++) {
                attrs[i] = (int) specs.get(i)[0];
                forms[i] = (int) specs.get(i)[1];
                consts[i] = specs.get(i)[2];
            }
            Abbrev a = new Abbrev(code, tag, children, attrs, forms, consts);
            if (sparse.putIfAbsent(code, a) != null) {
                throw new DwarfFormatException(".debug_abbrev: code " + code + " defined twice in the table at 0x"
                        + Long.toHexString(offset));
            }
            list.add(a);
            if (code > 0 && code < 1 << 16) {  // a ULEB128 above 2^63 reads as a negative long
                maxDense = Math.max(maxDense, code);
            }
        }
        Abbrev[] dense = new Abbrev[(int) maxDense + 1];
        for (Abbrev a : list) {
            if (a.code() > 0 && a.code() < dense.length) {
                dense[(int) a.code()] = a;
            }
        }
        return new AbbrevTable(dense, sparse);
    }
}
