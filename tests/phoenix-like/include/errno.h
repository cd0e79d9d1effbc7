#ifndef PHX_ERRNO_H
#define PHX_ERRNO_H

#define EOK     0
#define ENOMEM  12
#define EFAULT  14
#define EBUSY   16
#define EEXIST  17
#define EACCES  13
#define EINVAL  22
#define ERANGE  34

#endif
