#ifndef PHOENIX_CLXC_SHIM_H
#define PHOENIX_CLXC_SHIM_H
#include <errno.h>
#include <lxc/lxccontainer.h>
#include <lxc/attach_options.h>
#include <spawn.h>

/// glibc (>= 2.34) has this, but declares it only under _GNU_SOURCE, which Swift's Glibc
/// module is not built with. The helper spawner needs it so no server descriptor leaks
/// into the helper (and from there into containers).
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);

/// LXC_ATTACH_OPTIONS_DEFAULT is a designated-initializer macro (and uses -EBADF), which
/// Swift cannot import.
static inline lxc_attach_options_t phoenix_lxc_attach_options_default(void) {
    lxc_attach_options_t options = LXC_ATTACH_OPTIONS_DEFAULT;
    return options;
}

/// The clone flags are macros built with shifts; exported as functions so their meaning
/// stays tied to the header.
static inline int phoenix_lxc_clone_maybe_snapshot(void) { return LXC_CLONE_MAYBE_SNAPSHOT; }
static inline int phoenix_lxc_create_quiet(void) { return LXC_CREATE_QUIET; }
#endif
