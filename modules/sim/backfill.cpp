#include "backfill.h"

#include "city.h"

#include <QDateTime>
#include <QTimeZone>

namespace PumpWatch::Sim {

qint64 Backfill::writeCsv(const Project& project, quint64 seed, const BackfillOptions& options,
                          QIODevice& out, QString* error)
{
    if (options.intervalS < 1 || options.toMs < options.fromMs) {
        *error = tr("the backfill needs an interval of at least 1 s and an end after its start");
        return -1;
    }
    const QTimeZone zone(project.timeZone.toLatin1());
    if (out.write("time,station,device,tag,value\n") < 0) {
        *error = out.errorString();
        return -1;
    }
    std::vector<QByteArray> prefixes(project.tagCount()); ///< ",station,device,key," per tag
    qint64 rows = 0;
    bool failed = false;
    QByteArray chunk;
    auto flush = [&] {
        if (!failed && out.write(chunk) != chunk.size()) {
            *error = out.errorString();
            failed = true;
        }
        chunk.clear();
    };
    samples(project, seed, options, [&](std::span<const Sample> batch) {
        if (failed || batch.empty())
            return;
        const QByteArray time = QDateTime::fromMSecsSinceEpoch(batch.front().timestampMs, zone)
                                    .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))
                                    .toLatin1();
        for (const Sample& sample : batch) {
            QByteArray& prefix = prefixes[sample.tag];
            if (prefix.isEmpty())
                prefix = QString(u',' + project.stationOfTag(sample.tag).id + u',' +
                                 project.deviceOfTag(sample.tag).id + u',' +
                                 project.tag(sample.tag).key + u',')
                             .toUtf8();
            chunk += time;
            chunk += prefix;
            chunk += QByteArray::number(sample.value, 'g', 7);
            chunk += '\n';
            ++rows;
        }
        if (chunk.size() > (1 << 20))
            flush();
    });
    flush();
    return failed ? -1 : rows;
}

qint64 Backfill::samples(const Project& project, quint64 seed, const BackfillOptions& options,
                         const Batch& batch)
{
    if (options.intervalS < 1 || options.toMs < options.fromMs)
        return 0;
    const qint64 step = qint64(options.intervalS) * 1000;
    const qint64 first = (options.fromMs + step - 1) / step * step;
    City city(project, seed, first);
    qint64 count = 0;
    std::vector<Sample> out;
    const qint64 dense = options.denseIntervalS > 0 ? qint64(options.denseIntervalS) * 1000 : 0;
    for (qint64 t = first; t <= options.toMs;
         t += dense > 0 && t >= options.denseFromMs ? dense : step) {
        city.advance(t);
        out.clear();
        for (const CityUnit& unit : city.units()) {
            for (const Binding& b : unit.bindings) {
                if (!options.keys.isEmpty() && !options.keys.contains(project.tag(b.tag).key))
                    continue;
                out.push_back({t, city.shownValue(unit, b), b.tag, Quality::Good, true});
            }
        }
        count += static_cast<qint64>(out.size());
        batch(out);
    }
    return count;
}

} // namespace PumpWatch::Sim
