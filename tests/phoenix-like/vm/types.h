#ifndef PHX_VM_TYPES_H
#define PHX_VM_TYPES_H

#include "hal/types.h"

typedef u8 vm_flags_t;
typedef u32 vm_attr_t;
typedef u8 vm_prot_t;

#endif
