"""An independent Modbus TCP device for PumpWatch's acquisition tests, on python3-pymodbus.

    /usr/bin/python3 modbus_peer.py SPEC.json

SPEC lists units and their points; every value is encoded here with Python's struct, from the
documents (PROTOCOLS.md §3), not from PumpWatch's C++:

    {"port": 15020, "units": {"1": {"order": "CDAB", "holes": [[8, 2]], "points": [
        {"area": "hr", "address": 6, "type": "float32", "value": 123.45},
        {"area": "hr", "address": 12, "bit": 3, "type": "bool", "value": 1},
        {"area": "co", "address": 5, "type": "bool", "value": 1}]}}}

Holding registers in `holes` do not exist: a read that touches them answers exception 02.
Prints "ready" once serving. Reads commands from stdin, one answer line each:
    get UNIT AREA ADDRESS TYPE [BIT]   -> the value decoded with the unit's order
    quit
"""
import asyncio
import json
import os
import struct
import sys

from pymodbus.datastore import (ModbusSequentialDataBlock, ModbusServerContext,
                                ModbusSlaveContext, ModbusSparseDataBlock)
from pymodbus.server import StartAsyncTcpServer

# The word-order helpers the simulator's tests decode with (written from the documents too).
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sim"))
from simclient import to_bytes, to_words  # noqa: E402

SIZE = 200
FORMATS = {"int16": ">h", "uint16": ">H", "int32": ">i", "uint32": ">I", "float32": ">f",
           "float64": ">d"}


def count_of(kind):
    return struct.calcsize(FORMATS[kind]) // 2


class Unit:
    def __init__(self, spec):
        self.order = spec.get("order", "ABCD")
        holes = {a for start, n in spec.get("holes", []) for a in range(start, start + n)}
        self.blocks = {
            "hr": ModbusSparseDataBlock({a: 0 for a in range(SIZE) if a not in holes}),
            "ir": ModbusSequentialDataBlock(0, [0] * SIZE),
            "co": ModbusSequentialDataBlock(0, [0] * SIZE),
            "di": ModbusSequentialDataBlock(0, [0] * SIZE),
        }
        for p in spec.get("points", []):
            self.put(p["area"], p["address"], p["type"], p["value"], p.get("bit"))
        self.context = ModbusSlaveContext(hr=self.blocks["hr"], ir=self.blocks["ir"],
                                          co=self.blocks["co"], di=self.blocks["di"],
                                          zero_mode=True)

    def put(self, area, address, kind, value, bit=None):
        block = self.blocks[area]
        if area in ("co", "di"):
            block.setValues(address, [1 if value else 0])
        elif bit is not None:
            word = block.getValues(address, 1)[0]
            word = word | (1 << bit) if value else word & ~(1 << bit)
            block.setValues(address, [word])
        else:
            number = int(round(value)) if kind.startswith(("int", "uint")) else value
            block.setValues(address, to_words(struct.pack(FORMATS[kind], number), self.order))

    def get(self, area, address, kind, bit=None):
        block = self.blocks[area]
        if area in ("co", "di"):
            return int(bool(block.getValues(address, 1)[0]))
        if bit is not None:
            return (block.getValues(address, 1)[0] >> bit) & 1
        words = block.getValues(address, count_of(kind))
        return struct.unpack(FORMATS[kind], to_bytes(words, self.order))[0]


async def commands(units):
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        words = line.split()
        if not words or words[0] == "quit":
            loop.stop()
            return
        try:
            if words[0] == "get":
                bit = int(words[5]) if len(words) > 5 else None
                value = units[words[1]].get(words[2], int(words[3]), words[4], bit)
                print(f"ok {value!r}", flush=True)
            else:
                print("error: unknown command", flush=True)
        except (KeyError, IndexError, ValueError) as e:
            print(f"error: {e}", flush=True)


async def main(spec):
    units = {uid: Unit(u) for uid, u in spec["units"].items()}
    context = ModbusServerContext(slaves={int(uid): u.context for uid, u in units.items()},
                                  single=False)
    asyncio.create_task(commands(units))
    server = asyncio.create_task(
        StartAsyncTcpServer(context=context, address=("127.0.0.1", spec["port"])))
    await asyncio.sleep(0.3)
    if server.done():
        server.result()  # raises why it could not listen
    print("ready", flush=True)
    await server


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    try:
        asyncio.run(main(spec))
    except RuntimeError:
        pass  # the loop stopped by "quit"
