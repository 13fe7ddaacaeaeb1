"""pumpwatch-sim read and written by an independent Modbus client (python3-pymodbus 3.0).

One simulated city of 10 stations at 60x speed: S0001 and S0002 on an RTU line over a pty,
the rest on Modbus TCP; S0004 has a low and a high zone; S0008/9/10 use CDAB, BADC and DCBA.
Values are checked against physics and against the model (the 'get' control command), and
every fault command is provoked and observed from the client's side.
"""
import os
import select
import socket
import tempfile
import time
import unittest

from pymodbus.client import ModbusSerialClient, ModbusTcpClient
from pymodbus.exceptions import ConnectionException
from pymodbus.pdu import ExceptionResponse

from simclient import Simulator, free_port_range, load_devices

SPEED = 60


def peer_closed(sock):
    """True once the other end closed the connection (a read would return nothing)."""
    readable, _, _ = select.select([sock], [], [], 0)
    if not readable:
        return False
    try:
        return sock.recv(1, socket.MSG_PEEK) == b""
    except OSError:
        return True


def wait_until(predicate, timeout=15.0, interval=0.2):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    return last


class SimulatedCity(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        project = os.path.join(cls.tmp.name, "city.json")
        cls.rtu_path = os.path.join(cls.tmp.name, "ttyRTU0")
        base = free_port_range(12)
        cls.sim = Simulator(["--stations", "10", "--base-port", str(base), "--rtu-stations", "2",
                             "--rtu-port", cls.rtu_path, "--speed", str(SPEED),
                             "--start", "2026-11-18T06:30:00", "--outage-holdup", "2",
                             "--write-project", project])
        cls.devices = load_devices(project)
        cls.clients = {}

    @classmethod
    def tearDownClass(cls):
        for c in cls.clients.values():
            c.close()
        cls.sim.stop()
        cls.tmp.cleanup()

    # -- client side -------------------------------------------------------------------
    def client(self, device):
        key = device.endpoint
        if key not in self.clients:
            if device.protocol == "modbus-rtu":
                c = ModbusSerialClient(method="rtu", port=device.endpoint, baudrate=9600,
                                       timeout=1)
            else:
                c = ModbusTcpClient("127.0.0.1", port=device.port, timeout=1, retries=0)
            self.assertTrue(c.connect(), key)
            self.clients[key] = c
        return self.clients[key]

    def read_registers(self, device, start=0, count=None):
        r = self.client(device).read_holding_registers(start, count or device.size,
                                                       slave=device.unit)
        if r.isError():
            return r
        return r.registers

    def read(self, name):
        device = self.devices[name]
        regs = self.read_registers(device)
        self.assertIsInstance(regs, list, f"{name}: {regs}")
        return device.decode_all(regs)

    def write_float(self, name, key, value):
        device = self.devices[name]
        tag = device.tags[key]
        r = self.client(device).write_registers(tag.register, device.encode_float(key, value),
                                                slave=device.unit)
        self.assertFalse(r.isError(), r)

    def write_bit(self, name, key, on):
        device = self.devices[name]
        tag = device.tags[key]
        regs = self.read_registers(device, tag.register, 1)
        word = regs[0] | (1 << tag.bit) if on else regs[0] & ~(1 << tag.bit)
        r = self.client(device).write_register(tag.register, word, slave=device.unit)
        self.assertFalse(r.isError(), r)

    # -- values --------------------------------------------------------------------------
    def test_values_are_physical_on_every_device(self):
        for name, device in self.devices.items():
            with self.subTest(device=name):
                v = self.read(name)
                self.assertTrue(0.05 < v["inlet_pressure"] < 0.5, v)
                setpoint = v["outlet_pressure_setpoint"]
                self.assertAlmostEqual(v["outlet_pressure"], setpoint, delta=0.05)
                self.assertGreater(v["outlet_flow"], 5)
                self.assertTrue(0.3 < v["tank_level"] < 4.0, v)
                self.assertTrue(0.7 < v["power_factor"] <= 1.0, v)
                self.assertTrue(370 < v["voltage"] < 400, v)
                self.assertTrue(6.5 < v["ph"] < 8.5, v)
                running = [v[f"pump{i}_running"] for i in (1, 2, 3)]
                self.assertGreaterEqual(sum(running), 1)
                for i, on in enumerate(running, 1):
                    frequency = v[f"pump{i}_frequency"]
                    current = v[f"pump{i}_current"]
                    if current > 0:  # running and delivering
                        self.assertTrue(on and 20 <= frequency <= 50.5, v)
                    elif on:  # the second of ramp-down after a stop
                        self.assertTrue(0 <= frequency <= 50.5, v)
                    else:  # stopped, or in its soft start toward the minimum speed
                        self.assertTrue(0 <= frequency <= 20, v)
                self.assertGreater(v["power"], 0.6)
                self.assertEqual(v["power_fail"], 0)
                self.assertEqual(v["inlet_valve_open"], 1)

    def test_values_equal_the_model(self):
        self.sim.ok("pause")
        try:
            for name in ("S0001/low", "S0004/high", "S0008/low", "S0009/low", "S0010/low"):
                v = self.read(name)
                for key in ("outlet_pressure", "outlet_flow", "outlet_total", "energy",
                            "tank_level", "pump1_running", "heartbeat"):
                    with self.subTest(device=name, key=key):
                        self.assertAlmostEqual(v[key], self.sim.value(f"{name}/{key}"),
                                               delta=1e-6 * max(1.0, abs(v[key])))
        finally:
            self.sim.ok("resume")

    def test_word_orders_are_applied(self):
        orders = {d.order for d in self.devices.values()}
        self.assertEqual(orders, {"ABCD", "CDAB", "BADC", "DCBA"})
        self.sim.ok("pause")
        try:
            for name in ("S0008/low", "S0009/low", "S0010/low"):
                device = self.devices[name]
                regs = self.read_registers(device)
                model = self.sim.value(f"{name}/outlet_flow")
                self.assertAlmostEqual(device.decode(regs, "outlet_flow"), model, places=3)
                # Read as plain big-endian, the same registers are something else entirely.
                self.assertNotAlmostEqual(device.decode(regs, "outlet_flow", "ABCD"), model,
                                          places=1)
        finally:
            self.sim.ok("resume")

    def test_rtu_line_serves_several_units(self):
        first, second = self.devices["S0001/low"], self.devices["S0002/low"]
        self.assertEqual((first.endpoint, second.endpoint), (self.rtu_path, self.rtu_path))
        self.assertEqual((first.unit, second.unit), (1, 2))
        a, b = self.read("S0001/low"), self.read("S0002/low")
        self.assertNotEqual(a["outlet_total"], b["outlet_total"])
        self.assertTrue(0.05 < a["inlet_pressure"] < 0.5 and 0.05 < b["inlet_pressure"] < 0.5)
        # A unit id nobody has on the line gets no answer, as on RS-485.
        r = self.client(first).read_holding_registers(0, 2, slave=9)
        self.assertTrue(r.isError())

    def test_totalizers_grow_and_energy_is_the_integral_of_power(self):
        name = "S0005/low"
        samples = []
        for _ in range(25):
            samples.append(self.read(name))
            time.sleep(0.4)
        for earlier, later in zip(samples, samples[1:]):
            self.assertGreaterEqual(later["outlet_total"], earlier["outlet_total"])
            self.assertGreaterEqual(later["inlet_total"], earlier["inlet_total"])
            self.assertGreaterEqual(later["energy"], earlier["energy"])
        # The heartbeat counts simulated seconds: the time base of the integrals.
        energy = flow = 0.0
        for a, b in zip(samples, samples[1:]):
            dt = (b["heartbeat"] - a["heartbeat"]) % 65536
            energy += (a["power"] + b["power"]) / 2 * dt / 3600
            flow += (a["outlet_flow"] + b["outlet_flow"]) / 2 * dt / 3600
        span = (samples[-1]["heartbeat"] - samples[0]["heartbeat"]) % 65536
        self.assertGreater(span, 300)
        self.assertAlmostEqual(samples[-1]["energy"] - samples[0]["energy"], energy,
                               delta=0.1 * energy)
        self.assertAlmostEqual(samples[-1]["outlet_total"] - samples[0]["outlet_total"], flow,
                               delta=0.1 * flow)

    # -- writes --------------------------------------------------------------------------
    def test_pressure_setpoint_write_moves_the_outlet_pressure(self):
        name = "S0006/low"
        before = self.read(name)["outlet_pressure_setpoint"]
        target = round(before + 0.06, 3)
        self.write_float(name, "outlet_pressure_setpoint", target)
        try:
            self.assertAlmostEqual(self.read(name)["outlet_pressure_setpoint"], target, places=4)
            self.assertTrue(wait_until(
                lambda: abs(self.read(name)["outlet_pressure"] - target) < 0.015), target)
        finally:
            self.write_float(name, "outlet_pressure_setpoint", before)

    def test_stopping_every_pump_drops_the_outlet_to_the_inlet_pressure(self):
        name = "S0007/low"
        # A bit is a command when it changes (the PLC's edge): in automatic it shows the
        # staging's run command, so a pump the staging has stopped is started, then stopped, to
        # hold it stopped.
        for key in ("pump1_command", "pump2_command", "pump3_command"):
            self.write_bit(name, key, True)
            self.write_bit(name, key, False)
        try:
            v = wait_until(lambda: (lambda v: v if v["pump1_running"] + v["pump2_running"]
                                    + v["pump3_running"] == 0
                                    and abs(v["outlet_pressure"] - v["inlet_pressure"]) < 0.03
                                    else None)(self.read(name)))
            self.assertTrue(v, self.read(name))
            self.assertLess(v["power"], 1.0)
            self.assertEqual(v["pump1_frequency"], 0)
        finally:
            self.sim.ok(f"auto {name}")  # the panel back to automatic
        v = wait_until(lambda: (lambda v: v if abs(v["outlet_pressure"]
                                                   - v["outlet_pressure_setpoint"]) < 0.02
                                else None)(self.read(name)))
        self.assertTrue(v, "pressure does not recover after the pumps restart")

    def test_remote_start_of_a_stopped_pump_reads_back_running(self):
        name = "S0002/low"  # three pumps; at 06:30 one or two run
        v = self.read(name)
        stopped = [i for i in (1, 2, 3) if not v[f"pump{i}_running"]]
        if not stopped:
            self.skipTest(f"every pump of {name} runs")
        pump = stopped[-1]
        self.assertEqual(v[f"pump{pump}_command"], 0)  # automatic: the staging's run command
        self.write_bit(name, f"pump{pump}_command", True)
        try:
            self.assertTrue(wait_until(lambda: self.read(name)[f"pump{pump}_running"] == 1,
                                       timeout=20 / SPEED + 5))
            self.assertEqual(self.read(name)[f"pump{pump}_command"], 1)
            self.assertIn("start", self.sim.ok(f"status {name}"))
        finally:
            self.sim.ok(f"auto {name}")

    def test_frequency_setpoint_runs_the_pumps_at_that_speed(self):
        name = "S0003/low"
        self.write_float(name, "frequency_setpoint", 45.0)
        try:
            def at_45():
                v = self.read(name)
                running = [v[f"pump{i}_frequency"] for i in (1, 2, 3) if v[f"pump{i}_running"]]
                return running and all(abs(f - 45.0) < 0.5 for f in running)
            self.assertTrue(wait_until(at_45))
        finally:
            self.write_float(name, "frequency_setpoint", 0.0)

    # -- faults --------------------------------------------------------------------------
    def test_drop_then_reconnect(self):
        name = "S0009/low"
        device = self.devices[name]
        c = ModbusTcpClient("127.0.0.1", port=device.port, timeout=1, retries=0)
        self.assertTrue(c.connect())
        self.assertFalse(c.read_holding_registers(0, 2, slave=1).isError())
        self.assertGreaterEqual(int(self.sim.ok(f"drop {name}")), 1)
        # The simulator has closed its end: wait for that, not for a guessed time.
        self.assertTrue(wait_until(lambda: peer_closed(c.socket), timeout=5.0, interval=0.01))
        with self.assertRaises(ConnectionException):
            c.read_holding_registers(0, 2, slave=1)
        c.close()
        self.assertTrue(c.connect())
        self.assertFalse(c.read_holding_registers(0, 2, slave=1).isError())
        c.close()

    def test_silence_stops_answers(self):
        name = "S0010/low"
        device = self.devices[name]
        self.sim.ok(f"silence {name} on")
        try:
            started = time.time()
            self.assertTrue(self.read_registers(device).isError())
            self.assertGreaterEqual(time.time() - started, 0.9)
        finally:
            self.sim.ok(f"silence {name} off")
        self.clients.pop(device.endpoint).close()
        self.assertIsInstance(self.read_registers(device), list)

    def test_exceptions_for_a_range_spare_the_rest(self):
        name = "S0004/low"
        device = self.devices[name]
        level = device.tags["tank_level"]
        self.sim.ok(f"exception {name} {level.register} 2 4")
        try:
            r = self.read_registers(device, level.register, 2)
            self.assertIsInstance(r, ExceptionResponse)
            self.assertEqual(r.exception_code, 4)
            self.assertIsInstance(self.read_registers(device, 0, level.register), list)
            self.assertIsInstance(self.read_registers(device, level.register + 2, 4), list)
            # The other zone of the station is another PLC and unaffected.
            self.assertIsInstance(self.read_registers(self.devices["S0004/high"]), list)
        finally:
            self.sim.ok(f"exception {name} off")
        self.assertIsInstance(self.read_registers(device, level.register, 2), list)

    def test_latency_delays_answers(self):
        name = "S0004/high"
        device = self.devices[name]
        self.sim.ok(f"latency {name} 400")
        try:
            started = time.time()
            self.assertIsInstance(self.read_registers(device), list)
            self.assertGreaterEqual(time.time() - started, 0.39)
        finally:
            self.sim.ok(f"latency {name} 0")
        started = time.time()
        self.read_registers(device)
        self.assertLess(time.time() - started, 0.2)

    def test_power_outage_sets_the_bit_then_goes_silent(self):
        name = "S0002/low"  # on the RTU line
        device = self.devices[name]
        self.sim.ok(f"outage {name} on")
        try:
            v = self.read(name)
            self.assertEqual(v["power_fail"], 1)
            self.assertEqual(v["voltage"], 0)
            self.assertEqual(v["pump1_running"] + v["pump2_running"] + v["pump3_running"], 0)
            self.assertTrue(wait_until(lambda: self.read_registers(device, 0, 2) is not None
                                       and not isinstance(self.read_registers(device, 0, 2),
                                                          list), timeout=8))
            # The other unit on the same line still answers.
            self.assertIsInstance(self.read_registers(self.devices["S0001/low"]), list)
        finally:
            self.sim.ok(f"outage {name} off")
        v = wait_until(lambda: (lambda r: r if isinstance(r, list) else None)(
            self.read_registers(device)))
        self.assertTrue(v)
        self.assertEqual(device.decode(v, "power_fail"), 0)

    def test_sensor_freeze_and_out_of_range(self):
        name = "S0006/low"
        self.sim.ok(f"sensor {name} outlet_flow freeze")
        self.sim.ok(f"sensor {name} outlet_pressure range")
        try:
            first = self.read(name)
            time.sleep(1.5)
            later = self.read(name)
            self.assertEqual(first["outlet_flow"], later["outlet_flow"])
            self.assertNotEqual(first["outlet_total"], later["outlet_total"])
            self.assertLess(later["outlet_pressure"], 0)
            self.assertEqual(later["pressure_sensor_fault"], 1)
        finally:
            self.sim.ok(f"clear {name}")
        v = self.read(name)
        self.assertGreater(v["outlet_pressure"], 0.1)
        self.assertEqual(v["pressure_sensor_fault"], 0)

    def test_pipe_burst_drops_pressure_while_flow_surges(self):
        name = "S0003/low"
        before = self.read(name)
        self.sim.ok(f"burst {name} on")
        try:
            after = wait_until(lambda: (lambda v: v if v["outlet_pressure"]
                                        < 0.8 * before["outlet_pressure"] else None)(
                                            self.read(name)))
            self.assertTrue(after, "outlet pressure does not fall")
            self.assertGreater(after["outlet_flow"], 1.5 * before["outlet_flow"])
        finally:
            self.sim.ok(f"burst {name} off")

    def test_tank_overflow_and_low_low(self):
        self.sim.ok("speed 600")
        try:
            self.sim.ok("overflow S0008 on")
            self.sim.ok("lowlow S0010 on")
            high = wait_until(lambda: (lambda v: v if v["tank_level"] > 3.85 else None)(
                self.read("S0008/low")), timeout=20)
            self.assertTrue(high, self.sim.ok("status S0008"))
            low = wait_until(lambda: (lambda v: v if v["tank_level"] < 0.3 else None)(
                self.read("S0010/low")), timeout=20)
            self.assertTrue(low, self.sim.ok("status S0010"))
            # Dry-run protection: no pump runs on an empty tank.
            self.assertEqual(low["pump1_running"] + low["pump2_running"]
                             + low["pump3_running"], 0)
        finally:
            self.sim.ok("clear S0008")
            self.sim.ok("clear S0010")
            # The tank refills and the pumps come back before the next test looks.
            wait_until(lambda: (lambda v: abs(v["outlet_pressure"] - v["outlet_pressure_setpoint"])
                                < 0.02 and v["tank_level"] > 1.0)(self.read("S0010/low")),
                       timeout=20)
            self.sim.ok(f"speed {SPEED}")

    def test_bad_commands_are_refused_with_a_reason(self):
        self.assertEqual(self.sim.command("burst S9999 on"),
                         "error: no station or device 'S9999'")
        self.assertTrue(self.sim.command("frobnicate S0001").startswith(
            "error: unknown command 'frobnicate'"))
        self.assertTrue(self.sim.command("latency S0001 soon").startswith("error: "))


if __name__ == "__main__":
    unittest.main()
