#ifndef PHX_HAL_CONSOLE_H
#define PHX_HAL_CONSOLE_H

void hal_consoleInit(void);

void hal_consolePutch(char c);

#endif
