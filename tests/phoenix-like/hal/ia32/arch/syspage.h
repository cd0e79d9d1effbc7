#ifndef PHX_ARCH_SYSPAGE_H
#define PHX_ARCH_SYSPAGE_H

/* The ia32 part of the syspage, as plo fills it. */
typedef struct {
	struct {
		u16 size;
		u32 addr;
	} __attribute__((packed)) gdtr, idtr;
	addr_t pdir;
	addr_t ptable;
	addr_t stack;
	u32 stacksz;
	addr_t ebda;
	addr_t acpi_version;
	addr_t madt;
	addr_t fadt;
	addr_t hpet;
	addr_t mcfg;
	u32 graphmode;
} __attribute__((packed)) hal_syspage_t;

#endif
