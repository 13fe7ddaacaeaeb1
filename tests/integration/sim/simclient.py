"""Helpers for tests that drive pumpwatch-sim from the outside with python3-pymodbus.

Everything here is written from the documents (PROTOCOLS.md §3, docs/project-format.md,
docs/simulator.md), not from PumpWatch's C++: the V-memory mapping, the word orders and the
scaling are decoded independently, so the tests check the simulator against the spec.
"""
import json
import os
import socket
import struct
import subprocess
import time

BIN_DIR = os.environ.get("PUMPWATCH_BIN_DIR", "build/test/bin")


def free_port_range(count, lo=23000, hi=32000):
    """A base port P with P+1 .. P+count free on 127.0.0.1, below the ephemeral ports."""
    seed = (os.getpid() * 7919) % (hi - lo - count - 1)
    for attempt in range(200):
        base = lo + (seed + attempt * (count + 17)) % (hi - lo - count - 1)
        sockets = []
        try:
            for p in range(base + 1, base + count + 1):
                s = socket.socket()
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                s.bind(("127.0.0.1", p))
                sockets.append(s)
            return base
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    raise RuntimeError("no free port range")


class Tag:
    def __init__(self, d, holdstart):
        self.key = d["key"]
        self.type = d["type"]
        self.gain = d.get("scale", {}).get("gain", 1.0)
        self.offset = d.get("scale", {}).get("offset", 0.0)
        self.writable = d.get("access") == "read-write"
        self.alarm = d.get("alarm", {})
        address = d["address"]
        # S7-200 SMART V memory on holding registers: register = (V byte - HoldStart) / 2,
        # the even byte is the register's high byte (PROTOCOLS.md §3).
        if "." in address:
            byte, bit = address[1:].split(".")
            offset = int(byte) - holdstart
            self.register, self.bit = offset // 2, int(bit) + (8 if offset % 2 == 0 else 0)
            self.count = 1
        else:
            offset = int(address[2:]) - holdstart
            assert offset % 2 == 0, address
            self.register, self.bit = offset // 2, None
            self.count = {"VW": 1, "VD": 2}[address[:2]]


def to_bytes(words, order):
    if order in ("CDAB", "DCBA"):
        words = words[::-1]
    raw = b"".join(struct.pack(">H", w) for w in words)
    if order in ("BADC", "DCBA"):
        raw = b"".join(raw[i + 1:i + 2] + raw[i:i + 1] for i in range(0, len(raw), 2))
    return raw


def to_words(raw, order):
    if order in ("BADC", "DCBA"):
        raw = b"".join(raw[i + 1:i + 2] + raw[i:i + 1] for i in range(0, len(raw), 2))
    words = [struct.unpack(">H", raw[i:i + 2])[0] for i in range(0, len(raw), 2)]
    return words[::-1] if order in ("CDAB", "DCBA") else words


class Device:
    """A device of the project: where it is served and how its tags decode."""

    def __init__(self, station, device, template):
        self.station = station["id"]
        self.id = device["id"]
        self.name = f"{self.station}/{self.id}"
        settings = dict(template["device"])
        settings.update({k: v for k, v in device.items() if k not in ("id", "template", "zone")})
        self.protocol = settings["protocol"]
        self.endpoint = settings["endpoint"]
        self.unit = settings.get("unitId", 1)
        self.order = settings.get("wordOrder", "ABCD")
        holdstart = settings.get("holdStart", 0)
        self.tags = {t["key"]: Tag(t, holdstart) for t in template["tags"]}
        for override in station.get("tags", []):
            if override.get("device", self.id) == self.id and override["key"] in self.tags:
                if "alarm" in override:
                    self.tags[override["key"]].alarm = override["alarm"]
        self.size = max(t.register + t.count for t in self.tags.values())

    @property
    def port(self):
        return int(self.endpoint.rsplit(":", 1)[1])

    def decode(self, registers, key, order=None):
        tag = self.tags[key]
        words = registers[tag.register:tag.register + tag.count]
        if tag.type == "bool":
            return (words[0] >> tag.bit) & 1
        raw = to_bytes(words, order or self.order)
        value = {"float32": lambda: struct.unpack(">f", raw)[0],
                 "uint16": lambda: struct.unpack(">H", raw)[0]}[tag.type]()
        return value * tag.gain + tag.offset

    def decode_all(self, registers):
        return {k: self.decode(registers, k) for k in self.tags}

    def encode_float(self, key, engineering):
        tag = self.tags[key]
        return to_words(struct.pack(">f", (engineering - tag.offset) / tag.gain), self.order)


def load_devices(project_path):
    with open(project_path, encoding="utf-8") as f:
        project = json.load(f)
    templates = {t["id"]: t for t in project["templates"]}
    return {f"{s['id']}/{d['id']}": Device(s, d, templates[d["template"]])
            for s in project["stations"] for d in s["devices"]}


class Simulator:
    """pumpwatch-sim as a child process with its stdin control channel."""

    def __init__(self, args, cwd=None):
        self.proc = subprocess.Popen([os.path.join(BIN_DIR, "pumpwatch-sim")] + args,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, cwd=cwd)
        self.banner = []
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise RuntimeError("pumpwatch-sim ended: " + self.proc.stderr.read())
            if line.strip() == "ready":
                return
            self.banner.append(line.rstrip("\n"))
        raise RuntimeError("pumpwatch-sim did not get ready")

    def command(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def ok(self, line):
        answer = self.command(line)
        if not answer.startswith("ok"):
            raise AssertionError(f"{line!r} -> {answer!r}")
        return answer[3:]

    def value(self, path):
        return float(self.ok(f"get {path}"))

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        return self.proc.returncode
