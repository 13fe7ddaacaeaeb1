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
    const qint64 step = qint64(options.intervalS) * 1000;
    const qint64 first = (options.fromMs + step - 1) / step * step;
    City city(project, seed, first);
    const QTimeZone zone(project.timeZone.toLatin1());

    // Which bindings to write, with their row prefix "station,device,key,".
    struct Column {
        int unit;
        int binding;
        QByteArray prefix;
    };
    std::vector<Column> columns;
    for (int u = 0; u < static_cast<int>(city.units().size()); ++u) {
        const CityUnit& unit = city.units()[static_cast<std::size_t>(u)];
        const Station& station = project.stations[static_cast<std::size_t>(unit.station)];
        for (int b = 0; b < static_cast<int>(unit.bindings.size()); ++b) {
            const QString& key = project.tag(unit.bindings[static_cast<std::size_t>(b)].tag).key;
            if (!options.keys.isEmpty() && !options.keys.contains(key))
                continue;
            columns.push_back(
                {u, b,
                 QString(u',' + station.id + u',' + city.device(unit).id + u',' + key + u',')
                     .toUtf8()});
        }
    }

    qint64 rows = 0;
    if (out.write("time,station,device,tag,value\n") < 0) {
        *error = out.errorString();
        return -1;
    }
    QByteArray chunk;
    for (qint64 t = first; t <= options.toMs; t += step) {
        city.advance(t);
        const QByteArray time = QDateTime::fromMSecsSinceEpoch(t, zone)
                                    .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))
                                    .toLatin1();
        for (const Column& c : columns) {
            const CityUnit& unit = city.units()[static_cast<std::size_t>(c.unit)];
            chunk += time;
            chunk += c.prefix;
            chunk += QByteArray::number(
                city.shownValue(unit, unit.bindings[static_cast<std::size_t>(c.binding)]), 'g', 7);
            chunk += '\n';
            ++rows;
        }
        if (chunk.size() > (1 << 20) || t + step > options.toMs) {
            if (out.write(chunk) != chunk.size()) {
                *error = out.errorString();
                return -1;
            }
            chunk.clear();
        }
    }
    return rows;
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
    for (qint64 t = first; t <= options.toMs; t += step) {
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
