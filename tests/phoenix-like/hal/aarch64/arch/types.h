/* aarch64 scalar types: 64-bit addresses and pointers, 64-bit object ids (phoenix-vm.md §2.1). */
#ifndef PHX_ARCH_TYPES_H
#define PHX_ARCH_TYPES_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char s8;
typedef short s16;
typedef int s32;
typedef long long s64;

typedef u64 addr_t;
typedef u64 ptr_t;
typedef u64 id_t;
typedef __SIZE_TYPE__ size_t;
typedef s64 off_t;

#endif
