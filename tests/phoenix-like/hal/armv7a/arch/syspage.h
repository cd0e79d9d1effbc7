#ifndef PHX_ARCH_SYSPAGE_H
#define PHX_ARCH_SYSPAGE_H

/* The armv7a part of the syspage: where the loader left the device tree. */
typedef struct {
	addr_t dtb;
	u32 dtbsz;
} __attribute__((packed)) hal_syspage_t;

#endif
