package org.vmscope.bridge.kernel;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import org.vmscope.bridge.dwarf.DwarfFormatException;
import org.vmscope.bridge.dwarf.DwarfInfo;
import org.vmscope.bridge.dwarf.DwarfLayout;
import org.vmscope.bridge.dwarf.Layout;
import org.vmscope.bridge.dwarf.LayoutException;
import org.vmscope.bridge.dwarf.LayoutFormatException;
import org.vmscope.bridge.dwarf.MissingDwarfException;
import org.vmscope.bridge.dwarf.TextLayout;
import org.vmscope.bridge.dwarf.TypeLayout;
import org.vmscope.bridge.dwarf.Variable;
import org.vmscope.bridge.elf.ElfFile;
import org.vmscope.bridge.elf.ElfFormatException;
import org.vmscope.bridge.elf.ElfSymbol;

/**
 * A Phoenix-RTOS kernel ELF with the layouts of its VM types: from its DWARF, or from a {@link TextLayout}
 * file for a kernel built without {@code -g} (then the anonymous {@code *_common} struct types are named
 * after their variable: {@code struct pages_info 400}). Variants are told apart by structure, never by a
 * version: a NOMMU build has {@code map_entry_t.process} (and the token pool {@code pages} of
 * vm/page-nommu.c instead of {@code pages_info}); the word size is the ELF class.
 */
public final class KernelImage {
    /** SIZE_PAGE of every MMU architecture Phoenix supports (phoenix-vm.md §2.1). */
    public static final long MMU_PAGE_SIZE = 4096;

    private final Path path;
    private final ElfFile elf;
    private final DwarfInfo dwarf; // null with a text layout
    private final Layout layout;
    private final boolean nommu;

    private KernelImage(Path path, ElfFile elf, DwarfInfo dwarf, Layout layout) throws KernelException {
        this.path = path;
        this.elf = elf;
        this.dwarf = dwarf;
        this.layout = layout;
        this.nommu = detectNommu();
    }

    /** Opens an ELF with DWARF. */
    public static KernelImage open(Path elfPath) throws KernelException {
        return open(elfPath, null);
    }

    /**
     * Opens an ELF; with {@code layoutFile} the layouts come from that text file instead of DWARF.
     *
     * @throws KernelException naming what is missing (no file, not an ELF, no DWARF and no layout file)
     */
    public static KernelImage open(Path elfPath, Path layoutFile) throws KernelException {
        ElfFile elf;
        try {
            elf = ElfFile.open(elfPath);
        } catch (IOException e) {
            throw new KernelException("cannot read the kernel ELF " + elfPath + ": " + e.getMessage(), e);
        } catch (ElfFormatException e) {
            throw new KernelException(elfPath + " is not a usable ELF: " + e.getMessage(), e);
        }
        if (elf.symtab().size() == 0) {
            throw new KernelException("the kernel ELF " + elfPath + " has no symbol table (fully stripped);"
                    + " use the unstripped kernel image");
        }
        if (layoutFile != null) {
            try {
                return new KernelImage(elfPath, elf, null, TextLayout.read(layoutFile));
            } catch (IOException e) {
                throw new KernelException("cannot read the layout file " + layoutFile + ": " + e.getMessage(), e);
            } catch (LayoutFormatException e) {
                throw new KernelException("layout file " + layoutFile + ": " + e.getMessage(), e);
            }
        }
        try {
            DwarfInfo d = DwarfInfo.open(elf);
            return new KernelImage(elfPath, elf, d, new DwarfLayout(d));
        } catch (MissingDwarfException e) {
            throw new KernelException("the kernel ELF " + elfPath + " has no DWARF debug information ("
                    + e.getMessage() + "); the structure layouts cannot be known. Use the unstripped image"
                    + " built with -g, or give the layouts with --layout FILE", e);
        } catch (DwarfFormatException e) {
            throw new KernelException("the DWARF of " + elfPath + " cannot be read: " + e.getMessage(), e);
        }
    }

    private boolean detectNommu() throws KernelException {
        try {
            if (layout.hasMember("map_entry_t", "process")) {
                return true;
            }
        } catch (LayoutException e) {
            throw new KernelException("map_entry_t: " + e.getMessage(), e);
        }
        return symbol("pages_info", "vm/page.c").isEmpty() && symbol("pages", "vm/page-nommu.c").isPresent();
    }

    public Path path() {
        return path;
    }

    public ElfFile elf() {
        return elf;
    }

    /** Named type layouts ("page_t", "map_entry_t"...). */
    public Layout layout() {
        return layout;
    }

    /** True when the layouts come from DWARF. */
    public boolean hasDwarf() {
        return dwarf != null;
    }

    /** 4 or 8, from the ELF class. */
    public int pointerBytes() {
        return elf.header().is64() ? 8 : 4;
    }

    public ByteOrder order() {
        return elf.header().order();
    }

    /** A NOMMU build (map_entry_t has 'process', or only the page-nommu token pool exists). */
    public boolean nommu() {
        return nommu;
    }

    public long pageSize() {
        return MMU_PAGE_SIZE;
    }

    /** The layout of a named type, or an exception naming it. */
    public TypeLayout type(String name) throws KernelException {
        try {
            return layout.find(name).orElseThrow(() -> new KernelException("the kernel image " + path
                    + " has no type " + name + (dwarf == null ? " in its layout file" : " in its DWARF")));
        } catch (LayoutException e) {
            throw new KernelException("type " + name + ": " + e.getMessage(), e);
        }
    }

    /** The global as the compilation unit {@code unit} sees it (its file-static, else a global). */
    public KernelGlobal global(String name, String unit) throws KernelException {
        Optional<KernelGlobal> g = findGlobal(name, unit);
        return g.orElseThrow(() -> new KernelException("the kernel image " + path + " has no " + name
                + " (expected in " + unit + "); is this a Phoenix-RTOS kernel?"));
    }

    /** Like {@link #global} but empty when the symbol does not exist. */
    public Optional<KernelGlobal> findGlobal(String name, String unit) throws KernelException {
        Optional<ElfSymbol> sym = symbol(name, unit);
        Variable v = null;
        if (dwarf != null) {
            try {
                v = dwarf.variable(name, unit).orElse(null);
            } catch (DwarfFormatException e) {
                throw new KernelException("DWARF of " + name + ": " + e.getMessage(), e);
            }
        }
        OptionalLong address = sym.isPresent() ? OptionalLong.of(sym.get().value())
                : v != null ? v.address() : OptionalLong.empty();
        if (address.isEmpty()) {
            return Optional.empty();
        }
        TypeLayout type;
        if (v != null) {
            type = VariableLayouts.of(name, v.type());
        } else if (dwarf == null) {
            type = type(name);
        } else {
            throw new KernelException("the DWARF of " + path + " does not describe " + name + " of " + unit);
        }
        return Optional.of(new KernelGlobal(name, unit, address.getAsLong(), type));
    }

    private Optional<ElfSymbol> symbol(String name, String unit) {
        return elf.symtab().lookup(name, unit).filter(ElfSymbol::isDefined);
    }
}
