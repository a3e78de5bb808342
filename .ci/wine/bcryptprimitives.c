/* Test-only stand-in for Windows 10's bcryptprimitives.dll, which Wine 8
 * lacks. Rust >= 1.78 imports ProcessPrng from it, so without this every
 * Rust .exe exits with code 53 under Wine. Never shipped: real Windows 10+
 * has the DLL. ProcessPrng forwards to RtlGenRandom (advapi32
 * SystemFunction036), which Wine implements. */
#include <windows.h>

typedef BOOLEAN(WINAPI *RtlGenRandomFn)(PVOID, ULONG);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    static RtlGenRandomFn gen = NULL;
    if (!gen) {
        HMODULE advapi = LoadLibraryA("advapi32.dll");
        if (!advapi) return FALSE;
        gen = (RtlGenRandomFn)(void *)GetProcAddress(advapi, "SystemFunction036");
        if (!gen) return FALSE;
    }
    while (len > 0) {
        ULONG chunk = len > 0x7fffffff ? 0x7fffffff : (ULONG)len;
        if (!gen(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
