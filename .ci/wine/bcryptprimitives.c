/* Stand-in bcryptprimitives.dll for Wine 8 (Debian 12), which lacks it.
 * Rust's std (1.78+) draws random bytes from ProcessPrng; this one hands the
 * call to RtlGenRandom (advapi32's SystemFunction036). Tests only; Windows
 * itself has the real DLL.
 * Build: x86_64-w64-mingw32-gcc -shared -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32 */
#include <windows.h>
#define SystemFunction036 NTAPI SystemFunction036
#include <ntsecapi.h>
#undef SystemFunction036
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) { return RtlGenRandom(data, (ULONG)len); }
