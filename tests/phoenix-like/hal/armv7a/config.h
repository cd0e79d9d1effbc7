#ifndef PHX_ARMV7A_CONFIG_H
#define PHX_ARMV7A_CONFIG_H

#include "hal/boot.h"

#define PKERNEL  0x40000000u  /* RAM base of the virt board; the kernel is linked 1 MiB above */
#define UART_PA  0x09000000u  /* PL011 */

#endif
