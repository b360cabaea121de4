#ifndef PHOENIX_CCRYPTO_SHIM_H
#define PHOENIX_CCRYPTO_SHIM_H
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#endif
