#!/usr/bin/env python3
"""Records a raw SFTP v3 session with OpenSSH's sftp-server, no SSH involved.

Not part of the build: kept to document how openssh-9.2p1-sftp-server.txt was made.
sftp-server speaks SFTP on stdin/stdout; this script sends each request, reads the
reply, and prints both as hex lines "DIR NAME HEX" (C = client to server, S = server
to client), each packet with its uint32 length prefix.

Usage: python3 capture_sftp_server.py > openssh-9.2p1-sftp-server.txt
"""
import os
import shutil
import struct
import subprocess
import sys

SERVER = "/usr/lib/openssh/sftp-server"
ROOT = "/tmp/sanssh-sftp-capture"


def u32(v):
    return struct.pack(">I", v)


def u64(v):
    return struct.pack(">Q", v)


def s(b):
    if isinstance(b, str):
        b = b.encode()
    return u32(len(b)) + b


def packet(ptype, body):
    return u32(len(body) + 1) + bytes([ptype]) + body


class Session:
    def __init__(self):
        self.proc = subprocess.Popen([SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT)
        self.next_id = 0
        self.lines = []

    def read_packet(self):
        head = self.proc.stdout.read(4)
        (n,) = struct.unpack(">I", head)
        return head + self.proc.stdout.read(n)

    def exchange(self, name, ptype, body, with_id=True):
        if with_id:
            self.next_id += 1
            body = u32(self.next_id) + body
        req = packet(ptype, body)
        self.proc.stdin.write(req)
        self.proc.stdin.flush()
        reply = self.read_packet()
        self.lines.append(("C", name, req.hex()))
        self.lines.append(("S", name + "-reply", reply.hex()))
        return reply

    def extended(self, name, ext, body):
        return self.exchange(name, 200, s(ext) + body)


def handle_of(reply):
    assert reply[4] == 102, reply.hex()
    (n,) = struct.unpack(">I", reply[9:13])
    return reply[13:13 + n]


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    os.makedirs(ROOT + "/dir")
    with open(ROOT + "/dir/hello.txt", "wb") as f:
        f.write(b"hello, sftp\n")
    os.chmod(ROOT + "/dir/hello.txt", 0o644)
    os.utime(ROOT + "/dir/hello.txt", (1700000000, 1700000001))
    os.symlink("hello.txt", ROOT + "/dir/link")
    os.utime(ROOT + "/dir", (1700000100, 1700000200))

    t = Session()
    t.exchange("init", 1, u32(3), with_id=False)
    t.exchange("realpath", 16, s("."))
    t.exchange("stat", 17, s("dir/hello.txt"))
    t.exchange("lstat", 7, s("dir/link"))
    t.exchange("readlink", 19, s("dir/link"))
    t.exchange("stat-missing", 17, s("dir/missing"))
    d = handle_of(t.exchange("opendir", 11, s("dir")))
    t.exchange("readdir", 12, s(d))
    t.exchange("readdir-eof", 12, s(d))
    t.exchange("closedir", 4, s(d))
    # OPEN with WRITE|CREAT|TRUNC and attrs carrying permissions 0600
    w = handle_of(t.exchange("open-write", 3, s("dir/new.bin") + u32(0x1A) + u32(0x4) + u32(0o100600)))
    t.exchange("write", 6, s(w) + u64(0) + s(b"0123456789abcdef"))
    t.exchange("fstat", 8, s(w))
    t.exchange("fsetstat", 10, s(w) + u32(0x8) + u32(1600000000) + u32(1600000001))
    t.exchange("fsync", 200, s("fsync@openssh.com") + s(w))
    t.exchange("fstatvfs", 200, s("fstatvfs@openssh.com") + s(w))
    r = handle_of(t.exchange("open-read", 3, s("dir/hello.txt") + u32(0x1) + u32(0)))
    t.exchange("read", 5, s(r) + u64(0) + u32(4096))
    t.exchange("read-eof", 5, s(r) + u64(12) + u32(4096))
    t.extended("copy-data", "copy-data", s(r) + u64(0) + u64(5) + s(w) + u64(16))
    t.exchange("close-read", 4, s(r))
    t.exchange("close-write", 4, s(w))
    t.exchange("setstat", 9, s("dir/new.bin") + u32(0x4) + u32(0o640))
    t.exchange("mkdir", 14, s("dir/sub") + u32(0x4) + u32(0o750))
    t.exchange("rename", 18, s("dir/sub") + s("dir/sub2"))
    t.exchange("rmdir", 15, s("dir/sub2"))
    t.exchange("symlink", 20, s("new.bin") + s("dir/newlink"))
    t.extended("lsetstat", "lsetstat@openssh.com", s("dir/newlink") + u32(0x8) + u32(1500000000) + u32(1500000001))
    t.extended("posix-rename", "posix-rename@openssh.com", s("dir/new.bin") + s("dir/renamed.bin"))
    t.extended("hardlink", "hardlink@openssh.com", s("dir/renamed.bin") + s("dir/hard.bin"))
    t.exchange("remove", 13, s("dir/hard.bin"))
    t.extended("statvfs", "statvfs@openssh.com", s("dir"))
    t.extended("limits", "limits@openssh.com", b"")
    t.extended("expand-path", "expand-path@openssh.com", s("~/x"))
    t.extended("home-directory-empty", "home-directory", s(""))
    t.extended("home-directory", "home-directory", s("root"))
    t.extended("users-groups-by-id", "users-groups-by-id@openssh.com",
               s(u32(0) + u32(65534) + u32(424242)) + s(u32(0) + u32(424242)))
    t.extended("unknown-extended", "nope@example.com", s("x"))
    t.proc.stdin.close()
    t.proc.wait()

    print("# Raw SFTP v3 traffic with OpenSSH 9.2p1 (Debian 2+deb12u10) sftp-server over pipes, no SSH,")
    print("# recorded 2026-11-23 by capture/capture_sftp_server.py. Each packet includes its uint32 length.")
    print("# Columns: direction (C client-to-server, S server-to-client), name, hex.")
    for d, n, h in t.lines:
        print(d, n, h)


if __name__ == "__main__":
    sys.exit(main())
