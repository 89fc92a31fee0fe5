#!/usr/bin/env python3
"""TLS client for the end-to-end tests of `jot serve --tls-cert`, on Python's ssl module.

  tls_probe.py get PORT CAFILE PATH          one request; prints version, cipher, status, body
  tls_probe.py legacy PORT CAFILE            offers TLS 1.0/1.1 only; prints how it ended
  tls_probe.py reload PORT CAFILE PID LOG NEWCAFILE
                                             one connection across a SIGHUP (the test has put
                                             the new certificate in place): prints the
                                             certificate before, the status of a request on
                                             the old connection after the reload, and the
                                             certificate a new connection gets (verified
                                             against NEWCAFILE)
Output: one JSON object on stdout.
"""
import hashlib
import json
import os
import signal
import socket
import ssl
import sys
import time
import warnings

HOST = "127.0.0.1"


def context(cafile):
    ctx = ssl.create_default_context(cafile=cafile)  # verifies the chain and 127.0.0.1
    return ctx


def connect(port, ctx):
    raw = socket.create_connection((HOST, port), timeout=20)
    return ctx.wrap_socket(raw, server_hostname=HOST)


def fingerprint(tls):
    return hashlib.sha256(tls.getpeercert(binary_form=True)).hexdigest()


def request(tls, path):
    """GET on a kept-alive connection; returns (status, body)."""
    tls.sendall(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\n\r\n".encode())
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = tls.recv(4096)
        if not chunk:
            return 0, ""
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    lines = head.decode().split("\r\n")
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = tls.recv(4096)
        if not chunk:
            break
        body += chunk
    return int(lines[0].split()[1]), body.decode()


def get(port, cafile, path):
    with connect(port, context(cafile)) as tls:
        status, body = request(tls, path)
        return {"version": tls.version(), "cipher": tls.cipher()[0], "status": status,
                "body": body, "fingerprint": fingerprint(tls)}


def legacy(port, cafile):
    ctx = context(cafile)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        ctx.minimum_version = ssl.TLSVersion.TLSv1
        ctx.maximum_version = ssl.TLSVersion.TLSv1_1
    # Let this client really offer TLS 1.1 (its own defaults would refuse to): what is tested
    # is the server's answer.
    ctx.set_ciphers("DEFAULT:@SECLEVEL=0")
    try:
        with connect(port, ctx) as tls:
            return {"connected": True, "version": tls.version()}
    except ssl.SSLError as e:
        return {"connected": False, "reason": e.reason or str(e)}
    except OSError as e:
        return {"connected": False, "reason": str(e)}


def wait_for(log, text, count, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        with open(log, encoding="utf-8", errors="replace") as f:
            if f.read().count(text) >= count:
                return True
        time.sleep(0.05)
    return False


def reload(port, cafile, pid, log, new_cafile):
    out = {}
    with connect(port, context(cafile)) as tls:
        out["before"] = fingerprint(tls)
        out["status_before"] = request(tls, "/health")[0]
        os.kill(pid, signal.SIGHUP)
        out["reloaded"] = wait_for(log, "TLS certificate reloaded", 1)
        out["status_same_connection"] = request(tls, "/health")[0]
        with connect(port, context(new_cafile)) as fresh:
            out["after"] = fingerprint(fresh)
            out["status_new_connection"] = request(fresh, "/health")[0]
    return out


def main(argv):
    command, port, cafile = argv[1], int(argv[2]), argv[3]
    if command == "get":
        result = get(port, cafile, argv[4])
    elif command == "legacy":
        result = legacy(port, cafile)
    elif command == "reload":
        result = reload(port, cafile, int(argv[4]), argv[5], argv[6])
    else:
        raise SystemExit(f"unknown command {command}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv)
