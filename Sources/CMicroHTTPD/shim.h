#ifndef PHOENIX_CMICROHTTPD_SHIM_H
#define PHOENIX_CMICROHTTPD_SHIM_H
#include <sys/types.h>
#include <sys/socket.h>
#include <stdint.h>
#include <microhttpd.h>

/* MHD_start_daemon is variadic, which Swift cannot call: this wrapper fixes the option
   list Phoenix uses. `address` is bound exactly (never every interface); the port
   argument of MHD_start_daemon is ignored when MHD_OPTION_SOCK_ADDR is given. */
static inline struct MHD_Daemon *phoenix_mhd_start_daemon(
    unsigned int flags, const struct sockaddr *address, unsigned int threadPoolSize,
    unsigned int connectionTimeoutSeconds, unsigned int connectionLimit,
    MHD_AccessHandlerCallback access, void *accessContext,
    MHD_RequestCompletedCallback completed, void *completedContext) {
    return MHD_start_daemon(flags, 0, NULL, NULL, access, accessContext,
                            MHD_OPTION_SOCK_ADDR, address,
                            MHD_OPTION_THREAD_POOL_SIZE, threadPoolSize,
                            MHD_OPTION_CONNECTION_TIMEOUT, connectionTimeoutSeconds,
                            MHD_OPTION_CONNECTION_LIMIT, connectionLimit,
                            MHD_OPTION_NOTIFY_COMPLETED, completed, completedContext,
                            MHD_OPTION_END);
}

/* MHD_get_daemon_info is variadic too. Returns the listening socket or -1. */
static inline int phoenix_mhd_listen_fd(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_LISTEN_FD);
    return info == NULL ? -1 : (int)info->listen_fd;
}

#endif
