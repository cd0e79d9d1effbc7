/* Serial report shared by all vmscope test guests.
 * Each guest describes its mappings in one table, installs them and prints the same
 * table, so the printed list is complete by construction. */
#ifndef VMSCOPE_GUEST_REPORT_H
#define VMSCOPE_GUEST_REPORT_H

#include <stdint.h>
#include <stddef.h>

/* Access rights of a mapping, as printed in attrs=rwxu. */
#define M_R    0x01u  /* readable */
#define M_W    0x02u  /* writable (by the owner: user when M_U, kernel otherwise) */
#define M_X    0x04u  /* executable (by the owner) */
#define M_U    0x08u  /* user / unprivileged accessible */
#define M_G    0x10u  /* global (not tagged with an address-space id) */
#define M_SELF 0x20u  /* the guest runs from this mapping: no marker is written */
#define M_DEV  0x40u  /* device memory (UART): no marker is written */

struct mapping {
	uint64_t va;
	uint64_t pa;
	uint64_t size;
	unsigned flags;
};

/* Implemented by each guest: blocking write of one byte to its UART. */
void uart_putc(char c);

void put_str(const char *s);
void put_hex(uint64_t v);
void report_header(const char *arch, const char *mode, uint64_t root);
void report_maps(const struct mapping *maps, unsigned count);
void report_ready(void);

/* Writes "VMSC", pa, size into the first 16 bytes of every mapped frame (once per
 * mapping, at its first byte) so a mirror can tell frames apart. Called while
 * addresses are still physical. */
void mark_frames(const struct mapping *maps, unsigned count);

/* Never returns: the tight loop a debugger halts the guest in. */
void spin_forever(void) __attribute__((noreturn));

void *memset(void *dst, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#endif
