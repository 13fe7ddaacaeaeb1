"""Hostile Modbus devices for PumpWatch's answer-validation tests, written from the Modbus
specifications with Python's struct (nothing from PumpWatch's C++).

    /usr/bin/python3 hostile_peer.py tcp BEHAVIOUR...         one TCP port per behaviour
    /usr/bin/python3 hostile_peer.py gateway UNIT=BEHAVIOUR...  one TCP port, a unit id each
    /usr/bin/python3 hostile_peer.py rtu UNIT=BEHAVIOUR...      one pseudo-terminal, a slave each

Prints one JSON line ({"ports": [...]} or {"port": N} or {"tty": PATH}), then "ready", and serves
until stdin closes. Honest units hold register i = 1000 + 10·unit + i (holding and input) and
answer reads of function codes 1..4 correctly; each other behaviour gets the request right
and answers wrongly in its own way:

  honest      the right answer
  fc04        function code 04 in place of 03
  pid7        MBAP protocol id 7 (TCP)
  extra       a byte count of 2·(n+5) with that many bytes
  unit        the answer of another unit (unit id / slave address + 1)
  tid         transaction id + 1 (TCP)
  short       the PDU cut 2 bytes short, the MBAP length or CRC matching what is sent
  oversize    MBAP length 65535 (TCP)
  garbage     20 bytes of DE AD BE EF
  close       closes the connection on a request (TCP)
  drip        the right answer, one byte every 300 ms (TCP)
  badcount    byte count 255 with the registers asked for
  zerolen     MBAP length 0 (TCP)
  silent      never answers
  flood       50 answers with random transaction ids, none of them the request's (TCP)
  gateway     exception 0B, gateway target device failed to respond
  late        the right answer, 700 ms late (after the request has timed out), while the
              connection goes on serving the other units (TCP)
  crc         the right answer with its CRC's bytes inverted (RTU)
  twice       the right answer, twice (RTU)
  trailing    the right answer and 3 bytes more (RTU)
"""
import asyncio
import json
import os
import random
import struct
import sys
import tty


def crc16(data):
    crc = 0xFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return struct.pack("<H", crc)


def honest_pdu(unit, fc, address, count):
    """The PDU that answers a read, or an exception 01 for functions we do not serve."""
    if fc in (3, 4):
        regs = [(1000 + 10 * unit + address + i) & 0xFFFF for i in range(count)]
        return struct.pack(">BB", fc, 2 * count) + struct.pack(">%dH" % count, *regs)
    if fc in (1, 2):
        nbytes = (count + 7) // 8
        return struct.pack(">BB", fc, nbytes) + bytes(nbytes)
    return struct.pack(">BB", fc | 0x80, 1)


def answer_pdu(behaviour, unit, fc, address, count):
    pdu = honest_pdu(unit, fc, address, count)
    if behaviour == "fc04":
        return bytes([4]) + pdu[1:]
    if behaviour == "extra":
        regs = [(1000 + 10 * unit + address + i) & 0xFFFF for i in range(count + 5)]
        return struct.pack(">BB", fc, 2 * (count + 5)) + struct.pack(">%dH" % (count + 5), *regs)
    if behaviour == "short":
        return pdu[:-2]
    if behaviour == "badcount":
        return struct.pack(">BB", fc, 255) + pdu[2:]
    if behaviour == "gateway":
        return struct.pack(">BB", fc | 0x80, 0x0B)
    return pdu


# --- TCP ---------------------------------------------------------------------------------


async def serve_tcp(reader, writer, behaviour_of):
    try:
        while True:
            header = await reader.readexactly(7)
            tid, pid, length, unit = struct.unpack(">HHHB", header)
            body = await reader.readexactly(length - 1)
            fc, address, count = struct.unpack(">BHH", body[:5])
            behaviour = behaviour_of(unit)
            if behaviour == "silent":
                continue
            if behaviour == "close":
                writer.close()
                return
            if behaviour == "garbage":
                writer.write(b"\xde\xad\xbe\xef" * 5)
                await writer.drain()
                continue
            pdu = answer_pdu(behaviour, unit, fc, address, count)
            out_tid = (tid + 1) & 0xFFFF if behaviour == "tid" else tid
            out_pid = 7 if behaviour == "pid7" else 0
            out_unit = (unit + 1) & 0xFF if behaviour == "unit" else unit
            out_length = len(pdu) + 1
            if behaviour == "oversize":
                out_length = 65535
            elif behaviour == "zerolen":
                out_length = 0
            frame = struct.pack(">HHHB", out_tid, out_pid, out_length, out_unit) + pdu
            if behaviour == "late":
                async def later(data=frame):
                    await asyncio.sleep(0.7)
                    writer.write(data)
                asyncio.get_running_loop().create_task(later())
            elif behaviour == "drip":
                for b in frame:
                    writer.write(bytes([b]))
                    await writer.drain()
                    await asyncio.sleep(0.3)
            elif behaviour == "flood":
                for _ in range(50):
                    other = random.randrange(65536)
                    if other == tid:
                        other ^= 1
                    writer.write(struct.pack(">HHHB", other, 0, len(pdu) + 1, unit) + pdu)
                await writer.drain()
            else:
                writer.write(frame)
                await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


# --- RTU ---------------------------------------------------------------------------------


async def serve_rtu(master, behaviour_of):
    loop = asyncio.get_running_loop()
    buffer = bytearray()
    readable = asyncio.Event()
    loop.add_reader(master, readable.set)
    while True:
        await readable.wait()
        readable.clear()
        try:
            buffer += os.read(master, 512)
        except BlockingIOError:
            continue
        except OSError:
            return  # the other side went away
        # Requests of function codes 1..4 are 8 bytes; resynchronise on a good CRC.
        while len(buffer) >= 8:
            frame = bytes(buffer[:8])
            if crc16(frame[:6]) != frame[6:]:
                del buffer[0]
                continue
            del buffer[:8]
            unit, fc, address, count = struct.unpack(">BBHH", frame[:6])
            behaviour = behaviour_of(unit)
            if behaviour is None or behaviour == "silent":
                continue
            pdu = answer_pdu(behaviour, unit, fc, address, count)
            out_unit = (unit + 1) & 0xFF if behaviour == "unit" else unit
            adu = bytes([out_unit]) + pdu
            adu += crc16(adu)
            if behaviour == "crc":
                adu = adu[:-2] + bytes([adu[-2] ^ 0xFF, adu[-1] ^ 0xFF])
            elif behaviour == "twice":
                adu = adu + adu
            elif behaviour == "trailing":
                adu = adu + b"\x00\x01\x02"
            elif behaviour == "garbage":
                adu = b"\xde\xad\xbe\xef" * 5
            await asyncio.sleep(0.002)  # turnaround of a real slave
            os.write(master, adu)


# --- main --------------------------------------------------------------------------------


def units_of(args):
    table = {}
    for arg in args:
        unit, behaviour = arg.split("=")
        table[int(unit)] = behaviour
    return table


async def wait_for_stdin_close():
    loop = asyncio.get_running_loop()
    closed = asyncio.Event()

    def on_stdin():
        if not os.read(sys.stdin.fileno(), 4096):
            closed.set()

    loop.add_reader(sys.stdin.fileno(), on_stdin)
    await closed.wait()


async def main():
    mode, args = sys.argv[1], sys.argv[2:]
    servers = []
    if mode == "tcp":
        ports = []
        for behaviour in args:
            server = await asyncio.start_server(
                lambda r, w, b=behaviour: serve_tcp(r, w, lambda unit: b), "127.0.0.1", 0)
            servers.append(server)
            ports.append(server.sockets[0].getsockname()[1])
        print(json.dumps({"ports": ports}), flush=True)
    elif mode == "gateway":
        table = units_of(args)
        server = await asyncio.start_server(
            lambda r, w: serve_tcp(r, w, lambda unit: table.get(unit, "silent")), "127.0.0.1", 0)
        servers.append(server)
        print(json.dumps({"port": server.sockets[0].getsockname()[1]}), flush=True)
    elif mode == "rtu":
        table = units_of(args)
        master, slave = os.openpty()
        tty.setraw(master)
        tty.setraw(slave)  # and kept open: the line stays up while PumpWatch reopens it
        os.set_blocking(master, False)
        print(json.dumps({"tty": os.ttyname(slave)}), flush=True)
        asyncio.get_running_loop().create_task(serve_rtu(master, table.get))
    else:
        sys.exit("mode: tcp, gateway or rtu")
    print("ready", flush=True)
    await wait_for_stdin_close()
    for server in servers:
        server.close()


if __name__ == "__main__":
    asyncio.run(main())
