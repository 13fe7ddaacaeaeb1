#include "apihandler.h"

#include "tokens.h"

#include <core/quality.h>

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrlQuery>
#include <QtDebug>

namespace PumpWatch::Share {

namespace {

/// The path's scope; empty for an unknown path.
QString scopeOf(const QString& path)
{
    if (path == u"/api/v1/stations")
        return QStringLiteral("stations:read");
    if (path == u"/api/v1/values/latest")
        return QStringLiteral("values:read");
    if (path == u"/api/v1/history")
        return QStringLiteral("history:read");
    if (path == u"/api/v1/alarms/active" || path == u"/api/v1/alarms")
        return QStringLiteral("alarms:read");
    return {};
}

QString qualityCode(int quality)
{
    switch (Quality(quality)) {
    case Quality::Good:
        return QStringLiteral("good");
    case Quality::Substituted:
        return QStringLiteral("substituted");
    case Quality::UncertainStale:
        return QStringLiteral("stale");
    case Quality::BadCommFailure:
        return QStringLiteral("comm_failure");
    case Quality::BadSensorFault:
        return QStringLiteral("sensor_fault");
    case Quality::BadConfigError:
        return QStringLiteral("config_error");
    case Quality::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QJsonValue number(const QVariant& v)
{
    return v.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(v.toDouble());
}

QJsonValue text(const QVariant& v)
{
    return v.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(v.toString());
}

QByteArray json(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

ApiHandler::ApiHandler(const Project& project, const History::DatabaseUrl& url)
    : m_project(project)
    , m_zone(project.timeZone.toUtf8())
    , m_connection(url, QStringLiteral("api"))
{
    if (!m_zone.isValid())
        m_zone = QTimeZone::systemTimeZone();
}

bool ApiHandler::ensureOpen(QString* error)
{
    return m_connection.isOpen() || m_connection.open(error);
}

ApiResponse ApiHandler::handle(const ApiRequest& request)
{
    const qint64 startMs = QDateTime::currentMSecsSinceEpoch();
    QElapsedTimer timer;
    timer.start();
    ApiResponse response = answer(request);
    log(request, response, startMs, double(timer.nsecsElapsed()) / 1e6);
    return response;
}

void ApiHandler::log(const ApiRequest& request, const ApiResponse& response, qint64 startMs,
                     double durationMs)
{
    QString path = request.url.path(QUrl::FullyEncoded);
    if (request.url.hasQuery())
        path += QLatin1Char('?') + request.url.query(QUrl::FullyEncoded);
    QString error;
    // Twice: the first insert may find the connection dropped by the server (see answer()).
    for (int attempt = 0; attempt < 2 && ensureOpen(&error); ++attempt) {
        QSqlQuery q(m_connection.db());
        q.prepare(QStringLiteral("INSERT INTO api_calls (ts, token, remote, method, path, status, "
                                 "row_count, duration_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        q.addBindValue(startMs);
        q.addBindValue(response.token.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                : QVariant(response.token));
        q.addBindValue(request.remote);
        q.addBindValue(QString::fromLatin1(request.method));
        q.addBindValue(path);
        q.addBindValue(response.status);
        q.addBindValue(response.rows);
        q.addBindValue(durationMs);
        if (q.exec())
            return;
        error = q.lastError().text();
        m_connection.close();
    }
    // The log of inter-system exchange must not lose a call silently.
    qWarning().noquote() << "api_calls: could not log" << request.method << path << "status"
                         << response.status << "from" << request.remote << ":" << error;
}

ApiResponse ApiHandler::answer(const ApiRequest& request)
{
    ApiResponse response;
    const auto fail = [&](const Failure& f) {
        response.status = f.status;
        QJsonObject o{{QStringLiteral("error"), f.message}};
        if (!f.parameter.isEmpty())
            o.insert(QStringLiteral("parameter"), f.parameter);
        if (!f.scope.isEmpty())
            o.insert(QStringLiteral("scope"), f.scope);
        response.body = json(o);
        response.rows = 0;
        return response;
    };
    if (request.method != "GET")
        return fail({405, QStringLiteral("only GET is served"), {}, {}});

    const QByteArray auth = request.authorization.trimmed();
    if (!auth.startsWith("Bearer ") || auth.mid(7).trimmed().isEmpty())
        return fail(
            {401, QStringLiteral("missing bearer token (Authorization: Bearer <token>)"), {}, {}});
    QString error;
    if (!ensureOpen(&error))
        return fail(databaseFailure(error));
    bool failed = false;
    auto token = Tokens::find(m_connection.db(), auth.mid(7).trimmed(), &failed, &error);
    if (failed) {
        // A connection the server dropped (a restart, an idle timeout) fails on its first use:
        // one fresh connection before answering 503.
        m_connection.close();
        if (!ensureOpen(&error))
            return fail(databaseFailure(error));
        token = Tokens::find(m_connection.db(), auth.mid(7).trimmed(), &failed, &error);
        if (failed)
            return fail(databaseFailure(error));
    }
    if (!token)
        return fail({401, QStringLiteral("unknown token"), {}, {}});
    response.token = token->name;
    if (token->revokedMs != 0)
        return fail({401, QStringLiteral("token revoked"), {}, {}});

    const QString path = request.url.path();
    const QString scope = scopeOf(path);
    if (scope.isEmpty())
        return fail({404, QStringLiteral("no such resource: %1").arg(path), {}, {}});
    if (!token->scopes.contains(scope))
        return fail({403, QStringLiteral("the token lacks the scope %1").arg(scope), {}, scope});

    const QUrlQuery query(request.url);
    QJsonObject out;
    int rows = 0;
    Result result;
    if (path == u"/api/v1/stations")
        result = stations(&out, &rows);
    else if (path == u"/api/v1/values/latest")
        result = latestValues(query, &out, &rows);
    else if (path == u"/api/v1/history")
        result = history(query, &out, &rows);
    else
        result = alarms(query, path.endsWith(u"/active"), &out, &rows);
    if (result)
        return fail(*result);
    response.body = json(out);
    response.rows = rows;
    return response;
}

ApiHandler::Failure ApiHandler::badParameter(const QString& name, const QString& message)
{
    return {400, QStringLiteral("%1: %2").arg(name, message), name, {}};
}

ApiHandler::Failure ApiHandler::databaseFailure(const QString& error)
{
    m_connection.close();
    qWarning().noquote() << "data sharing API: database:" << error;
    return {503, QStringLiteral("the database cannot be reached; try again later"), {}, {}};
}

QString ApiHandler::isoTime(qint64 ms) const
{
    return QDateTime::fromMSecsSinceEpoch(ms, m_zone).toString(Qt::ISODateWithMs);
}

std::optional<qint64> ApiHandler::time(const QUrlQuery& query, const QString& name,
                                       Result* failure) const
{
    const QString text = query.queryItemValue(name, QUrl::FullyDecoded).trimmed();
    if (text.isEmpty()) {
        *failure = badParameter(name, QStringLiteral("missing (ISO 8601, e.g. "
                                                     "2026-11-20T08:00:00+08:00)"));
        return std::nullopt;
    }
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid()) {
        const QDate d = QDate::fromString(text, Qt::ISODate);
        if (d.isValid())
            t = QDateTime(d, QTime(0, 0), m_zone);
    } else if (t.timeSpec() == Qt::LocalTime) {
        // No offset given: the project's local time, as everywhere in PumpWatch.
        t = QDateTime(t.date(), t.time(), m_zone);
    }
    if (!t.isValid()) {
        *failure = badParameter(name, QStringLiteral("'%1' is not an ISO 8601 time").arg(text));
        return std::nullopt;
    }
    return t.toMSecsSinceEpoch();
}

ApiHandler::Result ApiHandler::stations(QJsonObject* out, int* rows)
{
    QJsonArray list;
    for (const Station& s : m_project.stations) {
        QJsonArray zones;
        for (const Zone z : s.zones())
            zones.append(zoneCode(z));
        QJsonObject o{{QStringLiteral("id"), s.id},
                      {QStringLiteral("name"), s.name},
                      {QStringLiteral("code"), s.code},
                      {QStringLiteral("district"), s.district},
                      {QStringLiteral("zones"), zones}};
        if (s.line >= 0) {
            const Line& line = m_project.lines[size_t(s.line)];
            o.insert(QStringLiteral("line"), line.name);
            if (line.plant >= 0)
                o.insert(QStringLiteral("plant"), m_project.plants[size_t(line.plant)].name);
        }
        o.insert(QStringLiteral("lon"), s.location.longitude); // a station's location is
        o.insert(QStringLiteral("lat"), s.location.latitude);  // required in the project
        list.append(o);
    }
    *rows = int(list.size());
    out->insert(QStringLiteral("stations"), list);
    return std::nullopt;
}

ApiHandler::Result ApiHandler::latestValues(const QUrlQuery& query, QJsonObject* out, int* rows)
{
    const QString station = query.queryItemValue(QStringLiteral("station"), QUrl::FullyDecoded);
    if (query.hasQueryItem(QStringLiteral("station")) && m_project.stationIndex(station) < 0)
        return badParameter(QStringLiteral("station"),
                            QStringLiteral("no station '%1'").arg(station));
    // The newest sample of each series: one index probe per series on samples' primary key.
    QString sql = QStringLiteral(
        "SELECT s.path, s.station, x.ts, x.value, x.quality FROM series s JOIN samples x ON "
        "x.series = s.id AND x.ts = (SELECT MAX(m.ts) FROM samples m WHERE m.series = s.id)");
    if (!station.isEmpty())
        sql += QStringLiteral(" WHERE s.station = ?");
    sql += QStringLiteral(" ORDER BY s.path");
    QSqlQuery q(m_connection.db());
    q.setForwardOnly(true);
    q.prepare(sql);
    if (!station.isEmpty())
        q.addBindValue(station);
    if (!q.exec())
        return databaseFailure(q.lastError().text());
    QJsonArray values;
    while (q.next()) {
        const QString path = q.value(0).toString();
        QJsonObject o{{QStringLiteral("path"), path},
                      {QStringLiteral("station"), q.value(1).toString()},
                      {QStringLiteral("time"), isoTime(q.value(2).toLongLong())},
                      {QStringLiteral("ms"), q.value(2).toLongLong()},
                      {QStringLiteral("value"), number(q.value(3))},
                      {QStringLiteral("quality"), qualityCode(q.value(4).toInt())}};
        const TagId t = m_project.findTag(path);
        if (t != InvalidTagId) {
            o.insert(QStringLiteral("name"), m_project.tag(t).name);
            o.insert(QStringLiteral("unit"), m_project.tag(t).unit);
        }
        values.append(o);
    }
    *rows = int(values.size());
    if (!station.isEmpty())
        out->insert(QStringLiteral("station"), station);
    out->insert(QStringLiteral("values"), values);
    return std::nullopt;
}

ApiHandler::Result ApiHandler::history(const QUrlQuery& query, QJsonObject* out, int* rows)
{
    const QString tagText = query.queryItemValue(QStringLiteral("tag"), QUrl::FullyDecoded);
    if (tagText.isEmpty())
        return badParameter(QStringLiteral("tag"), QStringLiteral("missing (station/device/key)"));
    const TagId tag = m_project.findTag(tagText);
    if (tag == InvalidTagId)
        return badParameter(QStringLiteral("tag"), QStringLiteral("no tag '%1'").arg(tagText));
    Result failure;
    const auto from = time(query, QStringLiteral("from"), &failure);
    if (!from)
        return failure;
    const auto to = time(query, QStringLiteral("to"), &failure);
    if (!to)
        return failure;
    if (*to <= *from)
        return badParameter(QStringLiteral("to"), QStringLiteral("must be later than from"));
    const QString step = query.hasQueryItem(QStringLiteral("step"))
                             ? query.queryItemValue(QStringLiteral("step"))
                             : QStringLiteral("raw");
    if (step != u"raw" && step != u"hour" && step != u"day")
        return badParameter(QStringLiteral("step"), QStringLiteral("raw, hour or day"));
    const QString agg = query.hasQueryItem(QStringLiteral("agg"))
                            ? query.queryItemValue(QStringLiteral("agg"))
                            : QStringLiteral("avg");
    static const QStringList aggregates = {QStringLiteral("avg"), QStringLiteral("min"),
                                           QStringLiteral("max"), QStringLiteral("last"),
                                           QStringLiteral("delta")};
    if (step == u"raw" && query.hasQueryItem(QStringLiteral("agg")))
        return badParameter(QStringLiteral("agg"), QStringLiteral("applies to step=hour|day"));
    if (!aggregates.contains(agg))
        return badParameter(QStringLiteral("agg"), QStringLiteral("avg, min, max, last or delta"));

    const QString path = m_project.tagPath(tag);
    QSqlQuery q(m_connection.db());
    q.setForwardOnly(true);
    if (step == u"raw") {
        q.prepare(QStringLiteral("SELECT x.ts, x.value, x.quality FROM samples x JOIN series s "
                                 "ON s.id = x.series WHERE s.path = ? AND x.ts >= ? AND x.ts < ? "
                                 "ORDER BY x.ts LIMIT ?"));
    } else {
        // Only the columns the aggregate needs; min/max/last are NULL without good samples,
        // avg without covered time (the writer stores NULL there).
        const QString column =
            agg == u"avg"    ? QStringLiteral("r.v_avg")
            : agg == u"min"  ? QStringLiteral("CASE WHEN r.n > 0 THEN r.v_min END")
            : agg == u"max"  ? QStringLiteral("CASE WHEN r.n > 0 THEN r.v_max END")
            : agg == u"last" ? QStringLiteral("CASE WHEN r.n > 0 THEN r.v_last END")
                             : QStringLiteral("r.delta");
        q.prepare(QStringLiteral("SELECT r.start_ts, %1, r.n FROM %2 r JOIN series s ON s.id = "
                                 "r.series WHERE s.path = ? AND r.start_ts >= ? AND r.start_ts < "
                                 "? ORDER BY r.start_ts LIMIT ?")
                      .arg(column, step == u"hour" ? QStringLiteral("rollup_hour")
                                                   : QStringLiteral("rollup_day")));
    }
    q.addBindValue(path);
    q.addBindValue(*from);
    q.addBindValue(*to);
    q.addBindValue(MaxRows + 1);
    if (!q.exec())
        return databaseFailure(q.lastError().text());
    QJsonArray points;
    while (q.next()) {
        if (points.size() == MaxRows)
            return badParameter(QStringLiteral("from"),
                                QStringLiteral("the period holds more than %1 rows: shorten it "
                                               "or use a coarser step")
                                    .arg(MaxRows));
        const qint64 ms = q.value(0).toLongLong();
        QJsonObject p{{QStringLiteral("time"), isoTime(ms)},
                      {QStringLiteral("ms"), ms},
                      {QStringLiteral("value"), number(q.value(1))}};
        if (step == u"raw")
            p.insert(QStringLiteral("quality"), qualityCode(q.value(2).toInt()));
        else
            p.insert(QStringLiteral("samples"), q.value(2).toLongLong());
        points.append(p);
    }
    *rows = int(points.size());
    const TagDef& def = m_project.tag(tag);
    out->insert(QStringLiteral("tag"), path);
    out->insert(QStringLiteral("name"), def.name);
    out->insert(QStringLiteral("unit"), def.unit);
    out->insert(QStringLiteral("step"), step);
    if (step != u"raw")
        out->insert(QStringLiteral("agg"), agg);
    out->insert(QStringLiteral("points"), points);
    return std::nullopt;
}

ApiHandler::Result ApiHandler::alarms(const QUrlQuery& query, bool activeOnly, QJsonObject* out,
                                      int* rows)
{
    QString sql = QStringLiteral(
        "SELECT id, station, station_name, tag, tag_name, alarm_type, severity, start_value, "
        "unit, start_ts, end_ts, end_state, ack_ts, ack_user, note, detail FROM alarm_journal ");
    qint64 from = 0;
    qint64 to = 0;
    if (activeOnly) {
        sql += QStringLiteral("WHERE end_ts IS NULL");
    } else {
        Result failure;
        const auto f = time(query, QStringLiteral("from"), &failure);
        if (!f)
            return failure;
        const auto t = time(query, QStringLiteral("to"), &failure);
        if (!t)
            return failure;
        if (*t <= *f)
            return badParameter(QStringLiteral("to"), QStringLiteral("must be later than from"));
        from = *f;
        to = *t;
        // Every alarm active at some time in [from, to), not only those raised in it.
        sql += QStringLiteral("WHERE start_ts < ? AND (end_ts IS NULL OR end_ts >= ?)");
    }
    sql += QStringLiteral(" ORDER BY start_ts, id LIMIT ?");
    QSqlQuery q(m_connection.db());
    q.setForwardOnly(true);
    q.prepare(sql);
    if (!activeOnly) {
        q.addBindValue(to);
        q.addBindValue(from);
    }
    q.addBindValue(MaxRows + 1);
    if (!q.exec())
        return databaseFailure(q.lastError().text());
    QJsonArray list;
    const auto timeOrNull = [this](const QVariant& v) {
        return v.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(isoTime(v.toLongLong()));
    };
    while (q.next()) {
        if (list.size() == MaxRows)
            return badParameter(
                QStringLiteral("from"),
                QStringLiteral("more than %1 alarms: shorten the period").arg(MaxRows));
        list.append(QJsonObject{{QStringLiteral("id"), q.value(0).toLongLong()},
                                {QStringLiteral("station"), q.value(1).toString()},
                                {QStringLiteral("stationName"), text(q.value(2))},
                                {QStringLiteral("tag"), q.value(3).toString()},
                                {QStringLiteral("tagName"), text(q.value(4))},
                                {QStringLiteral("type"), q.value(5).toString()},
                                {QStringLiteral("severity"), q.value(6).toInt()},
                                {QStringLiteral("value"), number(q.value(7))},
                                {QStringLiteral("unit"), text(q.value(8))},
                                {QStringLiteral("start"), timeOrNull(q.value(9))},
                                {QStringLiteral("end"), timeOrNull(q.value(10))},
                                {QStringLiteral("endState"), q.value(11).toString()},
                                {QStringLiteral("active"), q.value(10).isNull()},
                                {QStringLiteral("acknowledged"), timeOrNull(q.value(12))},
                                {QStringLiteral("ackUser"), text(q.value(13))},
                                {QStringLiteral("note"), text(q.value(14))},
                                {QStringLiteral("detail"), text(q.value(15))}});
    }
    *rows = int(list.size());
    out->insert(QStringLiteral("alarms"), list);
    return std::nullopt;
}

} // namespace PumpWatch::Share
