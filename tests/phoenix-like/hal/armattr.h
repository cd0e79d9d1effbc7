/* The hardware-independent attribute bits Phoenix's ARM pmaps (armv7a, aarch64) turn into
 * descriptor bits; READ is implied. */
#ifndef PHX_HAL_ARMATTR_H
#define PHX_HAL_ARMATTR_H

#define PGHD_DEV        0x01
#define PGHD_EXEC       0x02
#define PGHD_WRITE      0x04
#define PGHD_USER       0x08
#define PGHD_NOT_CACHED 0x10
#define PGHD_PRESENT    0x20
#define PGHD_READ       0x00

#endif
