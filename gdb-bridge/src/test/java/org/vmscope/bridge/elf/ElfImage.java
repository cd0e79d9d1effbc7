package org.vmscope.bridge.elf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds small ELF files (no program headers) from raw sections, for crafted-input tests. */
public final class ElfImage {
    private record Sec(String name, int type, long flags, byte[] data, int link, int info, long entSize) {
    }

    private final boolean is64;
    private final ByteOrder order;
    private final int machine;
    private final int type;
    private final List<Sec> sections = new ArrayList<>();

    public ElfImage(boolean is64, ByteOrder order, int machine, int type) {
        this.is64 = is64;
        this.order = order;
        this.machine = machine;
        this.type = type;
    }

    public ElfImage section(String name, byte[] data) {
        return section(name, ElfSection.SHT_PROGBITS, 0, data, 0, 0, 0);
    }

    public ElfImage section(String name, int shType, long flags, byte[] data, int link, int info, long entSize) {
        sections.add(new Sec(name, shType, flags, data, link, info, entSize));
        return this;
    }

    public byte[] build() {
        int ehsize = is64 ? 64 : 52;
        int shentsize = is64 ? 64 : 40;
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        names.write(0);
        List<Integer> nameOffsets = new ArrayList<>();
        for (Sec s : sections) {
            nameOffsets.add(names.size());
            names.writeBytes((s.name() + "\0").getBytes(StandardCharsets.UTF_8));
        }
        int shstrName = names.size();
        names.writeBytes(".shstrtab\0".getBytes(StandardCharsets.UTF_8));
        byte[] shstr = names.toByteArray();

        List<Long> offsets = new ArrayList<>();
        long pos = ehsize;
        for (Sec s : sections) {
            pos = (pos + 7) & ~7L;
            offsets.add(pos);
            pos += s.data().length;
        }
        long shstrOff = pos;
        pos += shstr.length;
        pos = (pos + 7) & ~7L;
        long shoff = pos;
        int shnum = sections.size() + 2;
        ByteBuffer b = ByteBuffer.allocate((int) (shoff + (long) shnum * shentsize)).order(order);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1), (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2),
            1});
        b.putShort(16, (short) type).putShort(18, (short) machine).putInt(20, 1);
        if (is64) {
            b.putLong(40, shoff).putShort(52, (short) ehsize).putShort(58, (short) shentsize)
                    .putShort(60, (short) shnum).putShort(62, (short) (shnum - 1));
        } else {
            b.putInt(32, (int) shoff).putShort(40, (short) ehsize).putShort(46, (short) shentsize)
                    .putShort(48, (short) shnum).putShort(50, (short) (shnum - 1));
        }
        for (int i = 0; i < sections.size(); i++) {
            b.put(offsets.get(i).intValue(), sections.get(i).data());
        }
        b.put((int) shstrOff, shstr);
        for (int i = 0; i < sections.size(); i++) {
            Sec s = sections.get(i);
            header(b, shoff + (long) (i + 1) * shentsize, nameOffsets.get(i), s.type(), s.flags(), offsets.get(i),
                    s.data().length, s.link(), s.info(), s.entSize());
        }
        header(b, shoff + (long) (shnum - 1) * shentsize, shstrName, ElfSection.SHT_STRTAB, 0, shstrOff, shstr.length,
                0, 0, 0);
        return b.array();
    }

    private void header(ByteBuffer b, long at, int name, int shType, long flags, long off, long size, int link,
                        int info, long ent) {
        int o = (int) at;
        b.putInt(o, name).putInt(o + 4, shType);
        if (is64) {
            b.putLong(o + 8, flags).putLong(o + 24, off).putLong(o + 32, size).putInt(o + 40, link)
                    .putInt(o + 44, info).putLong(o + 48, 1).putLong(o + 56, ent);
        } else {
            b.putInt(o + 8, (int) flags).putInt(o + 16, (int) off).putInt(o + 20, (int) size).putInt(o + 24, link)
                    .putInt(o + 28, info).putInt(o + 32, 1).putInt(o + 36, (int) ent);
        }
    }
}
