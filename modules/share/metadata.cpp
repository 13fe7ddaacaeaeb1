#include "metadata.h"

#include "connection.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <vector>

namespace PumpWatch::Share {

namespace {

/// INSERTs `rows` into `table` in statements of as many rows as the engine's bound-parameter
/// limit allows.
bool insertRows(QSqlDatabase& db, const History::Dialect& dialect, const QString& table,
                const QStringList& columns, const std::vector<QVariantList>& rows, QString* error)
{
    const int per = dialect.rowsPerInsert(int(columns.size()));
    const QString one = QStringLiteral("(%1)").arg(
        QStringList(columns.size(), QStringLiteral("?")).join(QLatin1Char(',')));
    QSqlQuery q(db);
    for (size_t at = 0; at < rows.size(); at += size_t(per)) {
        const size_t n = std::min(size_t(per), rows.size() - at);
        QStringList values(qsizetype(n), one);
        q.prepare(QStringLiteral("INSERT INTO %1 (%2) VALUES %3")
                      .arg(table, columns.join(QLatin1Char(',')), values.join(QLatin1Char(','))));
        for (size_t i = 0; i < n; ++i)
            for (const QVariant& v : rows[at + i])
                q.addBindValue(v);
        if (!q.exec()) {
            *error = q.lastError().text();
            return false;
        }
    }
    return true;
}

QVariant textOrNull(const QString& text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace

bool syncMetadata(const Project& project, const History::DatabaseUrl& url, QString* error)
{
    Connection c(url, QStringLiteral("metadata"));
    if (!c.open(error))
        return false;
    std::vector<QVariantList> stations;
    std::vector<QVariantList> tags;
    for (size_t i = 0; i < project.stations.size(); ++i) {
        const Station& s = project.stations[i];
        QStringList zones;
        for (const Zone z : s.zones())
            zones << zoneCode(z);
        const Line* line = s.line >= 0 ? &project.lines[size_t(s.line)] : nullptr;
        const QString plant =
            line && line->plant >= 0 ? project.plants[size_t(line->plant)].name : QString();
        stations.push_back({s.id, s.name, textOrNull(s.code), textOrNull(s.district),
                            zones.join(QLatin1Char(',')), textOrNull(line ? line->name : QString()),
                            textOrNull(plant), s.location.longitude, s.location.latitude, int(i)});
    }
    for (TagId t = 0; t < project.tagCount(); ++t) {
        const TagDef& def = project.tag(t);
        const Station& s = project.stationOfTag(t);
        const Device& d = project.deviceOfTag(t);
        tags.push_back({project.tagPath(t), s.id, d.id, def.key, def.name, def.unit,
                        quantityCode(def.quantity), int(t)});
    }

    QSqlDatabase& db = c.db();
    QSqlQuery q(db);
    error->clear();
    if (!db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    const bool ok =
        q.exec(QStringLiteral("DELETE FROM share_tags")) &&
        q.exec(QStringLiteral("DELETE FROM share_stations")) &&
        insertRows(db, c.dialect(), QStringLiteral("share_stations"),
                   {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("code"),
                    QStringLiteral("district"), QStringLiteral("zones"), QStringLiteral("line"),
                    QStringLiteral("plant"), QStringLiteral("lon"), QStringLiteral("lat"),
                    QStringLiteral("sort_order")},
                   stations, error) &&
        insertRows(db, c.dialect(), QStringLiteral("share_tags"),
                   {QStringLiteral("path"), QStringLiteral("station"), QStringLiteral("device"),
                    QStringLiteral("key"), QStringLiteral("name"), QStringLiteral("unit"),
                    QStringLiteral("quantity"), QStringLiteral("sort_order")},
                   tags, error);
    if (!ok) {
        if (error->isEmpty())
            *error = q.lastError().text();
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        *error = db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

} // namespace PumpWatch::Share
