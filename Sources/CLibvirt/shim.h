#ifndef PHOENIX_CLIBVIRT_SHIM_H
#define PHOENIX_CLIBVIRT_SHIM_H
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#endif
