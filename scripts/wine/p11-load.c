/* Loads a PKCS#11 module as Firefox's NSS does on Windows, for scripts/windows.sh under Wine:
 * LoadLibrary, C_GetFunctionList (its only export, as NSS needs), C_Initialize with OS locking, C_GetInfo, C_GetSlotList,
 * C_Finalize, through the function list (Windows packs the PKCS#11 structs to 1 byte: a module
 * that laid them out otherwise would hand NSS wrong pointers). Test-only, never shipped.
 * Independent of the module's Rust code: plain C against the PKCS#11 2.40 layout.
 *
 * Build: x86_64-w64-mingw32-gcc -O2 -Wall -o p11-load.exe p11-load.c
 * Run:   wine p11-load.exe 'C:\Program Files\CNS Manager\cns_pkcs11.dll'
 * Prints "manufacturer=... description=... cryptoki=2.40 slots=N" and exits 0, or says what failed.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

typedef unsigned long CK_ULONG; /* 32 bits on Windows, as PKCS#11 says for Win64 */
typedef CK_ULONG CK_RV;

#pragma pack(push, 1)
typedef struct { unsigned char major, minor; } CK_VERSION;
typedef struct {
    CK_VERSION cryptokiVersion;
    unsigned char manufacturerID[32];
    CK_ULONG flags;
    unsigned char libraryDescription[32];
    CK_VERSION libraryVersion;
} CK_INFO;
typedef struct {
    void *CreateMutex, *DestroyMutex, *LockMutex, *UnlockMutex;
    CK_ULONG flags;
    void *pReserved;
} CK_C_INITIALIZE_ARGS;
struct function_list;
typedef struct function_list {
    CK_VERSION version;
    CK_RV (*C_Initialize)(void *);
    CK_RV (*C_Finalize)(void *);
    CK_RV (*C_GetInfo)(CK_INFO *);
    CK_RV (*C_GetFunctionList)(struct function_list **);
    CK_RV (*C_GetSlotList)(unsigned char, CK_ULONG *, CK_ULONG *);
} CK_FUNCTION_LIST;
#pragma pack(pop)

#define CKF_OS_LOCKING_OK 0x2

static int fail(const char *what, CK_RV rv)
{
    fprintf(stderr, "p11-load: %s failed (CK_RV 0x%lx)\n", what, rv);
    return 1;
}

/* The 32-byte blank-padded field without its padding. */
static void field(char *out, const unsigned char *in)
{
    int n = 32;
    while (n > 0 && in[n - 1] == ' ')
        n--;
    memcpy(out, in, n);
    out[n] = 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: p11-load MODULE.dll\n");
        return 2;
    }
    HMODULE lib = LoadLibraryA(argv[1]);
    if (!lib) {
        fprintf(stderr, "p11-load: LoadLibrary(%s) failed (error %lu)\n", argv[1], GetLastError());
        return 1;
    }
    CK_RV (*get_list)(CK_FUNCTION_LIST **) = (void *)GetProcAddress(lib, "C_GetFunctionList");
    if (!get_list) {
        fprintf(stderr, "p11-load: C_GetFunctionList is not exported\n");
        return 1;
    }
    CK_FUNCTION_LIST *f = NULL;
    CK_RV rv = get_list(&f);
    if (rv != 0 || !f)
        return fail("C_GetFunctionList", rv);
    /* NSS needs only this export; the list's own C_GetFunctionList must be it, which holds only
     * if the pointers sit where the 1-byte packing puts them. */
    if ((void *)f->C_GetFunctionList != (void *)get_list || f->version.major != 2) {
        fprintf(stderr, "p11-load: the function list is not laid out as PKCS#11 2.x on Windows says\n");
        return 1;
    }
    CK_C_INITIALIZE_ARGS args = {0};
    args.flags = CKF_OS_LOCKING_OK;
    if ((rv = f->C_Initialize(&args)) != 0)
        return fail("C_Initialize", rv);
    CK_INFO info;
    memset(&info, 0, sizeof info);
    if ((rv = f->C_GetInfo(&info)) != 0)
        return fail("C_GetInfo", rv);
    CK_ULONG slots = 0;
    if ((rv = f->C_GetSlotList(0, NULL, &slots)) != 0)
        return fail("C_GetSlotList", rv);
    if ((rv = f->C_Finalize(NULL)) != 0)
        return fail("C_Finalize", rv);
    char manufacturer[33], description[33];
    field(manufacturer, info.manufacturerID);
    field(description, info.libraryDescription);
    printf("manufacturer=%s description=%s cryptoki=%u.%u slots=%lu\n", manufacturer, description,
           info.cryptokiVersion.major, info.cryptokiVersion.minor, slots);
    FreeLibrary(lib);
    return 0;
}
