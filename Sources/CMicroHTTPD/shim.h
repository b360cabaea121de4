#ifndef PHOENIX_CMICROHTTPD_SHIM_H
#define PHOENIX_CMICROHTTPD_SHIM_H
#include <sys/types.h>
#include <sys/socket.h>
#include <stdint.h>
#include <microhttpd.h>
#endif
