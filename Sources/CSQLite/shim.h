#ifndef PHOENIX_CSQLITE_SHIM_H
#define PHOENIX_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a cast of -1 to a function pointer and does not import into Swift.
static inline sqlite3_destructor_type phoenix_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}
#endif
