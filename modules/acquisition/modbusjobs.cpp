// ModbusDriver: the requests on a link — sending, answers, exceptions, failures and writes.
#include "modbusdriver_p.h"

#include <core/registercodec.h>

#include <QLoggingCategory>

#include <cmath>
#include <limits>
#include <termios.h>

namespace PumpWatch::Acquisition {

namespace {
Q_LOGGING_CATEGORY(lcJobs, "pumpwatch.acquisition.modbus", QtInfoMsg)

quint8 readFunction(AddressArea area)
{
    switch (area) {
    case AddressArea::Coil:
        return Modbus::ReadCoils;
    case AddressArea::DiscreteInput:
        return Modbus::ReadDiscreteInputs;
    case AddressArea::InputRegister:
        return Modbus::ReadInputRegisters;
    default:
        return Modbus::ReadHoldingRegisters;
    }
}

bool isAddressException(int code)
{
    return code == 0x01 || code == 0x02 || code == 0x03;
}

bool isGatewayException(int code)
{
    return code == 0x0A || code == 0x0B;
}

QString rangeText(const ReadBlock& block)
{
    static const char* const prefix[] = {"?", "CO", "DI", "IR", "HR", "V"};
    const QString p = QLatin1String(prefix[static_cast<int>(block.area)]);
    return block.count == 1 ? p + QString::number(block.start)
                            : QStringLiteral("%1%2..%1%3")
                                  .arg(p)
                                  .arg(block.start)
                                  .arg(block.start + block.count - 1);
}
} // namespace

QString ModbusDriver::Private::exceptionText(int code)
{
    switch (code) {
    case 0x01:
        return tr("exception 01, illegal function");
    case 0x02:
        return tr("exception 02, illegal data address");
    case 0x03:
        return tr("exception 03, illegal data value");
    case 0x04:
        return tr("exception 04, server device failure");
    case 0x05:
        return tr("exception 05, acknowledge");
    case 0x06:
        return tr("exception 06, server device busy");
    case 0x0A:
        return tr("exception 0A, gateway path unavailable");
    case 0x0B:
        return tr("exception 0B, gateway target failed to respond");
    default:
        return tr("exception %1").arg(code, 2, 16, QLatin1Char('0'));
    }
}

void ModbusDriver::Private::pump(int index)
{
    Link& l = links[static_cast<std::size_t>(index)];
    while (l.state == Link::State::Up && !l.current) {
        // Demoted devices' tries go when the line is free, or when one has waited a whole
        // demotion period behind a line that never is.
        const bool probeFirst =
            !l.probes.empty() &&
            (l.queue.empty() ||
             devices[static_cast<std::size_t>(l.probes.front().device)].probeAtMs <= mono());
        std::deque<Job>& from = probeFirst ? l.probes : l.queue;
        if (from.empty())
            break;
        const Job job = from.front();
        from.pop_front();
        send(index, job);
    }
}

Modbus::Request ModbusDriver::Private::request(const Job& job) const
{
    const PolledDevice& dev = devices[static_cast<std::size_t>(job.device)];
    Modbus::Request r;
    r.unit = static_cast<quint8>(dev.unitId);
    if (job.kind == Job::Kind::Read) {
        const ReadBlock& b = dev.blocks[static_cast<std::size_t>(job.block)];
        r.function = readFunction(b.area);
        r.address = static_cast<quint16>(b.start);
        r.count = static_cast<quint16>(b.count);
        return r;
    }
    const PendingWrite& w = writes.at(job.write);
    const ModbusLocation& loc = w.item.location;
    r.address = static_cast<quint16>(loc.start);
    r.count = static_cast<quint16>(loc.count);
    if (job.kind != Job::Kind::Write) {
        r.function = readFunction(loc.area);
        return r;
    }
    const bool coil = loc.area == AddressArea::Coil;
    r.values = w.regs;
    r.count = static_cast<quint16>(w.regs.size());
    if (w.regs.size() == 1)
        r.function = coil ? Modbus::WriteSingleCoil : Modbus::WriteSingleRegister;
    else
        r.function = coil ? Modbus::WriteMultipleCoils : Modbus::WriteMultipleRegisters;
    return r;
}

void ModbusDriver::Private::send(int index, const Job& job)
{
    Link& l = links[static_cast<std::size_t>(index)];
    const PolledDevice& dev = devices[static_cast<std::size_t>(job.device)];
    Transfer& io = l.io;
    io.request = request(job);
    if (l.protocol == Protocol::ModbusRtu) {
        io.txLength = Modbus::encodeRtu(io.request, io.tx.data());
        // Whatever the line still holds belongs to no request: read and dropped.
        ::tcflush(l.fd, TCIFLUSH);
        io.rxLength = 0;
    } else {
        ++io.tid;
        ++io.sentHere;
        io.txLength = Modbus::encodeTcp(io.request, io.tid, io.tx.data());
    }
    io.txSent = 0;
    ++stats.requests;
    l.current = job;
    io.sentMs = mono();
    io.deadlineMs = io.sentMs + dev.timeoutMs;
    l.timeoutMs = dev.timeoutMs;
    wakeAt(index, io.deadlineMs);
    flushTx(index);
}

void ModbusDriver::Private::readDone(int index, const Job& job, std::span<const quint16> regs)
{
    Q_UNUSED(index);
    PolledDevice& dev = devices[static_cast<std::size_t>(job.device)];
    const auto b = static_cast<std::size_t>(job.block);
    const ReadBlock& block = dev.blocks[b];
    if (dev.badUntil[b] != 0) {
        dev.badUntil[b] = 0;
        dev.replan = true;
        qCInfo(lcJobs).noquote() << tr("%1: %2 answers again").arg(dev.name, rangeText(block));
    }
    deviceAnswered(job.device);
    const qint64 now = clock.nowMs();
    for (const ReadItem& item : block.items) {
        const double v = decodeItem(block, item, regs);
        dev.last[item.tag - dev.firstTag] = v;
        dev.batch.push_back({now, v, item.tag, Quality::Good, false});
    }
    blockEnded(job.device);
}

void ModbusDriver::Private::exceptionDone(int index, const Job& job, int code)
{
    PolledDevice& dev = devices[static_cast<std::size_t>(job.device)];
    if (job.kind != Job::Kind::Read) {
        deviceAnswered(job.device);
        finishWrite(job.write, false, tr("the PLC refused: %1").arg(exceptionText(code)));
        return;
    }
    if (isGatewayException(code)) {
        deviceFailed(job.device, exceptionText(code));
        return;
    }
    deviceAnswered(job.device);
    const auto b = static_cast<std::size_t>(job.block);
    if (!isAddressException(code)) {
        // The device is there but cannot deliver these values now (busy, failure).
        publishBad(job.device, Quality::BadCommFailure, dev.blocks[b].items);
        blockEnded(job.device);
        return;
    }
    if (auto halves = splitBlock(dev.blocks[b])) {
        // Both halves are read in this cycle, ahead of the rest of the queue.
        qCDebug(lcJobs).noquote() << tr("%1: %2 answers %3, splitting")
                                         .arg(dev.name, rangeText(dev.blocks[b]),
                                              exceptionText(code));
        dev.blocks[b] = std::move(halves->first);
        dev.blocks.push_back(std::move(halves->second));
        dev.badUntil.push_back(0);
        Link& l = links[static_cast<std::size_t>(index)];
        l.queue.push_front(
            {Job::Kind::Read, job.device, static_cast<int>(dev.blocks.size()) - 1, 0, 0});
        l.queue.push_front({Job::Kind::Read, job.device, job.block, 0, 0});
        ++dev.pending; // one job became two
        return;
    }
    if (dev.badUntil[b] == 0) {
        QStringList keys;
        for (const ReadItem& item : dev.blocks[b].items)
            keys << project.tag(item.tag).key;
        qCWarning(lcJobs).noquote() << tr("%1: %2 (%3) answers %4; its tags are marked bad and "
                                          "read again every %5 s")
                                           .arg(dev.name, rangeText(dev.blocks[b]),
                                                keys.join(QLatin1String(", ")), exceptionText(code))
                                           .arg(options.badBlockRetryMs / 1000);
    }
    dev.badUntil[b] = mono() + options.badBlockRetryMs;
    publishBad(job.device, Quality::BadConfigError, dev.blocks[b].items);
    blockEnded(job.device);
}

void ModbusDriver::Private::failed(int index, const Job& job, const QString& reason, bool timeout)
{
    PolledDevice& dev = devices[static_cast<std::size_t>(job.device)];
    if (timeout && job.isRead() && job.attempt < dev.retries) {
        Job again = job;
        ++again.attempt;
        links[static_cast<std::size_t>(index)].queue.push_front(again);
        return;
    }
    if (job.kind == Job::Kind::Write)
        finishWrite(job.write, false,
                    timeout ? tr("%1; the value may or may not have been written").arg(reason)
                            : reason);
    else if (job.kind != Job::Kind::Read)
        finishWrite(job.write, false, reason);
    deviceFailed(job.device, reason);
}

void ModbusDriver::Private::blockEnded(int index)
{
    PolledDevice& dev = devices[static_cast<std::size_t>(index)];
    if (dev.pending > 0 && --dev.pending == 0)
        flushCycle(index);
}

void ModbusDriver::Private::restorePlan(int index)
{
    // Splits isolate an exception range while it lasts (exceptionDone()). Kept after it ended,
    // the device would be read in more requests than planned for good, and each new exception
    // range (a PLC program change, a module swapped) would split further: more requests per
    // cycle and a plan that only grows, up to a block per tag, in a server running for months.
    // Called between cycles (no read job of the device is queued: jobs name blocks by index).
    PolledDevice& dev = devices[static_cast<std::size_t>(index)];
    dev.replan = false;
    if (std::any_of(dev.badUntil.begin(), dev.badUntil.end(), [](qint64 t) { return t != 0; }))
        return; // another range still answers with an exception: it stays isolated
    std::vector<ReadBlock> planned =
        planReads(readItems(project, dev.station, dev.device), options.plan);
    if (planned.size() == dev.blocks.size())
        return;
    qCInfo(lcJobs).noquote()
        << tr("%1: read in %2 requests again, as planned").arg(dev.name).arg(planned.size());
    dev.blocks = std::move(planned);
    dev.badUntil.assign(dev.blocks.size(), 0);
}

// --- writes ---------------------------------------------------------------------------------

const ReadItem* ModbusDriver::Private::findItem(const PolledDevice& dev, TagId tag) const
{
    for (const ReadBlock& b : dev.blocks) {
        for (const ReadItem& item : b.items) {
            if (item.tag == tag)
                return &item;
        }
    }
    return nullptr;
}

quint64 ModbusDriver::Private::write(TagId tag, double value, const QString& user, WriteDone done)
{
    const quint64 id = ++nextWrite;
    PendingWrite w;
    w.record.id = id;
    w.record.tag = tag;
    w.record.user = user;
    w.record.newValue = value;
    w.record.oldValue = std::numeric_limits<double>::quiet_NaN();
    w.record.readBack = std::numeric_limits<double>::quiet_NaN();
    w.record.requestedMs = clock.nowMs();
    w.done = std::move(done);
    const auto fail = [&](const QString& why) {
        writes.emplace(id, std::move(w));
        finishWrite(id, false, why);
        return id;
    };
    if (tag >= project.tagCount())
        return fail(tr("no tag %1").arg(tag));
    const TagDef& def = project.tag(tag);
    const QString path = project.tagPath(tag);
    const int station = project.stationIndexOfTag(tag);
    w.device = firstDevice[static_cast<std::size_t>(station)] + project.deviceIndexOfTag(tag);
    const PolledDevice& dev = devices[static_cast<std::size_t>(w.device)];
    if (dev.link < 0)
        return fail(tr("%1 is not a Modbus device").arg(dev.name));
    w.record.oldValue = dev.last[tag - dev.firstTag];
    const ReadItem* item = findItem(dev, tag);
    if (def.access != Access::ReadWrite || !item ||
        item->location.area == AddressArea::InputRegister ||
        item->location.area == AddressArea::DiscreteInput)
        return fail(tr("%1 is read-only").arg(path));
    w.item = *item;
    if (!running || links[static_cast<std::size_t>(dev.link)].state != Link::State::Up ||
        dev.state == CommState::Offline)
        return fail(tr("%1 is offline: %2").arg(dev.name, dev.lastError));
    if (!std::isfinite(value))
        return fail(tr("%1: %2 is not a number").arg(path).arg(value));
    const double raw = w.item.scale.toRaw(value);
    if (w.item.type == DataType::Bool) {
        if (raw != 0.0 && raw != 1.0)
            return fail(tr("%1 takes 0 or 1, not %2").arg(path).arg(value));
    } else if (isIntegerType(w.item.type)) {
        // Round-trip through the type: a value it cannot hold is refused, never clipped.
        quint16 probe[4] = {};
        const int n = RegisterCodec::registerCount(w.item.type);
        RegisterCodec::encode(raw, w.item.type, WordOrder::ABCD,
                              {probe, static_cast<std::size_t>(n)});
        const double back = RegisterCodec::decode({probe, static_cast<std::size_t>(n)}, w.item.type,
                                                  WordOrder::ABCD);
        if (std::abs(back - raw) > 0.5)
            return fail(tr("%1: %2 is out of range for %3")
                            .arg(path)
                            .arg(value)
                            .arg(dataTypeName(w.item.type)));
    }
    const ModbusLocation& loc = w.item.location;
    Job::Kind first = Job::Kind::Write;
    if (loc.area == AddressArea::Coil) {
        w.regs = {static_cast<quint16>(raw != 0.0 ? 1 : 0)};
    } else if (loc.bit >= 0 || loc.byte >= 0) {
        w.regs.assign(1, 0);
        first = Job::Kind::WriteRead; // the rest of the register is read first
    } else {
        w.regs.assign(loc.count, 0);
        RegisterCodec::write(loc, w.item.type, w.item.order, raw, w.regs);
    }
    const int link = dev.link;
    const int device = w.device;
    writes.emplace(id, std::move(w));
    qCInfo(lcJobs).noquote()
        << tr("write %1: %2 = %3 by %4").arg(id).arg(path, QString::number(value, 'g', 12), user);
    // Ahead of the poll queue: the operator is waiting.
    links[static_cast<std::size_t>(link)].queue.push_front({first, device, 0, id, 0});
    pump(link);
    armTimer(); // its timeout
    return id;
}

void ModbusDriver::Private::writeStep(int index, const Job& job, std::span<const quint16> answer)
{
    deviceAnswered(job.device);
    PendingWrite& w = writes.at(job.write);
    const ModbusLocation& loc = w.item.location;
    const double raw = w.item.scale.toRaw(w.record.newValue);
    Link& l = links[static_cast<std::size_t>(index)];
    switch (job.kind) {
    case Job::Kind::WriteRead:
        w.regs = {answer[0]};
        RegisterCodec::write(loc, w.item.type, w.item.order, raw, w.regs);
        l.queue.push_front({Job::Kind::Write, job.device, 0, job.write, 0});
        return;
    case Job::Kind::Write:
        l.queue.push_front({Job::Kind::ReadBack, job.device, 0, job.write, 0});
        return;
    case Job::Kind::ReadBack:
        break;
    case Job::Kind::Read:
        return;
    }
    const std::span<const quint16> regs = answer.first(w.regs.size());
    ReadBlock one{loc.area, loc.start, loc.count, {}};
    const double readBack = decodeItem(one, w.item, regs);
    w.record.readBack = readBack;
    PolledDevice& dev = devices[static_cast<std::size_t>(job.device)];
    dev.last[w.item.tag - dev.firstTag] = readBack;
    const Sample s{clock.nowMs(), readBack, w.item.tag, Quality::Good, false};
    sink.samples({&s, 1});
    // Compare what the register holds with what was meant, bit for bit where it matters.
    bool same = true;
    if (loc.area == AddressArea::Coil)
        same = (regs[0] != 0) == (w.regs[0] != 0);
    else if (loc.bit >= 0)
        same = ((regs[0] >> loc.bit) & 1) == ((w.regs[0] >> loc.bit) & 1);
    else if (loc.byte >= 0)
        same = (loc.byte == 0 ? regs[0] >> 8 : regs[0] & 0xFF) ==
               (loc.byte == 0 ? w.regs[0] >> 8 : w.regs[0] & 0xFF);
    else
        same = std::equal(w.regs.begin(), w.regs.end(), regs.begin());
    if (same)
        finishWrite(job.write, true, {});
    else
        finishWrite(job.write, false,
                    tr("the PLC holds %1 after writing %2")
                        .arg(QString::number(readBack, 'g', 12),
                             QString::number(w.record.newValue, 'g', 12)));
}

void ModbusDriver::Private::finishWrite(quint64 id, bool ok, const QString& error)
{
    const auto it = writes.find(id);
    if (it == writes.end())
        return;
    PendingWrite w = std::move(it->second);
    writes.erase(it);
    w.record.ok = ok;
    w.record.error = error;
    w.record.finishedMs = clock.nowMs();
    if (ok)
        qCInfo(lcJobs).noquote() << tr("write %1: done, read back %2")
                                        .arg(id)
                                        .arg(QString::number(w.record.readBack, 'g', 12));
    else
        qCWarning(lcJobs).noquote() << tr("write %1 failed: %2").arg(id).arg(error);
    sink.audit(w.record);
    if (w.done)
        w.done(w.record);
}

} // namespace PumpWatch::Acquisition
