#ifndef PHX_RISCV64_CONFIG_H
#define PHX_RISCV64_CONFIG_H

#include "hal/boot.h"

#define PKERNEL  0x80000000ul
#define UART_PA  0x10000000ul

#endif
