/* Console output and memory helpers of the test kernel. */
#ifndef PHX_LIB_H
#define PHX_LIB_H

#include "hal/types.h"

void lib_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

void *hal_memset(void *dst, int c, size_t n);

void *hal_memcpy(void *dst, const void *src, size_t n);

size_t hal_strlen(const char *s);

void lib_panic(const char *msg) __attribute__((noreturn));

/* Kernel-internal invariant: stops with a message when broken. */
#define LIB_ASSERT(cond, msg) do { if (!(cond)) lib_panic(msg); } while (0)

#endif
