#!/usr/bin/env python3
"""windows-gui-copy.py SRC DST - a copy of the Windows program marked for the GUI subsystem.

cns-manager.exe is a console program, so that cmd and PowerShell wait for a command and a PIN
prompt reads the keyboard alone. Started from the Start menu, Windows would still open a console
for it (on Windows 11, a Windows Terminal window) for the moment before the program lets go of
it. The shortcut therefore starts cns-managerw.exe: the same program with the PE header's
Subsystem field set to 2 (Windows GUI), which is all `editbin /SUBSYSTEM:WINDOWS` changes (the
javaw.exe / pythonw.exe pattern). Same code, so nothing else can differ between the two.
"""
import shutil
import struct
import sys

PE32_PLUS = 0x20B
CONSOLE, GUI = 3, 2


def main(src, dst):
    data = bytearray(open(src, "rb").read())
    if data[:2] != b"MZ":
        sys.exit(f"{src}: not a Windows program (no MZ header)")
    (pe,) = struct.unpack_from("<I", data, 0x3C)
    if data[pe:pe + 4] != b"PE\0\0":
        sys.exit(f"{src}: no PE signature")
    optional = pe + 24  # after the signature and the 20-byte file header
    (magic,) = struct.unpack_from("<H", data, optional)
    if magic != PE32_PLUS:
        sys.exit(f"{src}: not PE32+ (optional header magic {magic:#x})")
    field = optional + 68  # Subsystem: same offset in PE32 and PE32+
    (subsystem,) = struct.unpack_from("<H", data, field)
    if subsystem != CONSOLE:
        sys.exit(f"{src}: subsystem {subsystem}, expected {CONSOLE} (console)")
    struct.pack_into("<H", data, field, GUI)
    # The PE checksum is checked for drivers only; the copy is written next to its final name
    # and renamed, so a half-written file never has it.
    tmp = dst + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    shutil.copymode(src, tmp)
    shutil.move(tmp, dst)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: windows-gui-copy.py SRC DST")
    main(sys.argv[1], sys.argv[2])
