/* Test-only stand-in for Windows' bcryptprimitives.dll, for running the Windows build under
 * Wine 8 (Debian 12), which lacks that DLL. Rust's std (1.78+) takes its random numbers (HashMap
 * seeds, ...) from bcryptprimitives!ProcessPrng, and a program importing a missing function does
 * not start at all. Windows 10+ has the real one: this file is never shipped, only copied into
 * the private Wine prefix of scripts/windows.sh. It forwards to BCryptGenRandom, which Wine has.
 *
 * Build: x86_64-w64-mingw32-gcc -shared -o bcryptprimitives.dll processprng-shim.c -lbcrypt
 */
#include <windows.h>
#include <bcrypt.h>

/* Same contract as the real one: fills `len` bytes, returns TRUE (it never fails on Windows). */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    /* BCryptGenRandom takes a ULONG count: a larger request is served in pieces. */
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!BCRYPT_SUCCESS(BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG)))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
