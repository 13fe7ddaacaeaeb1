// Data sharing on a throwaway PostgreSQL 15 cluster, with a history written by the real
// HistoryWriter. What the utility's other systems rely on: the reader role reads the
// pumpwatch_v1 views — with the numbers that were written — and nothing else, and can write
// nothing; the HTTP API answers each endpoint with those numbers, refuses what a token may not
// see, stores no token in the clear, and logs every call, refusals included.
#include "../../common/pgcluster.h"

#include <core/projectreader.h>
#include <history/historywriter.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSqlRecord>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

#include <cmath>
#include <memory>
#include <share/apiserver.h>
#include <share/connection.h>
#include <share/metadata.h>
#include <share/readerviews.h>
#include <share/tokens.h>

using namespace PumpWatch;
using namespace PumpWatch::History;

namespace {

const char* const ProjectJson = R"({
  "format": "pumpwatch-project", "version": 1, "name": "share test", "timeZone": "Asia/Shanghai",
  "templates": [{"id": "t", "name": "t",
    "device": {"protocol": "modbus-tcp", "addressing": "modbus"},
    "tags": [
      {"key": "pressure", "name": "出水压力", "quantity": "pressure", "unit": "MPa", "address": "40001", "type": "float32"},
      {"key": "level", "name": "水箱液位", "quantity": "level", "unit": "m", "address": "40005", "type": "float32"}
    ]}],
  "stations": [
    {"id": "S1", "name": "澳门路口", "code": "A", "district": "红花岗区", "location": {"lat": 27.7, "lon": 106.9}, "devices": [{"id": "plc", "template": "t", "endpoint": "127.0.0.1:1502"}]},
    {"id": "S2", "name": "长征一厂", "location": {"lat": 27.6, "lon": 106.8}, "devices": [{"id": "plc", "template": "t", "endpoint": "127.0.0.1:1503"}]}
  ]})";

/// 2026-11-20 08:00 in Shanghai, plus seconds.
qint64 at(double seconds)
{
    static const qint64 base =
        QDateTime(QDate(2026, 11, 20), QTime(8, 0), QTimeZone("Asia/Shanghai")).toMSecsSinceEpoch();
    return base + qint64(seconds * 1000);
}

/// S1's pressure every 10 s from 08:00 to 09:30.
constexpr int Samples = 540;
double pressure(int i)
{
    return 0.3 + 0.05 * std::sin(i / 7.0);
}

struct Reply {
    int status = 0;
    QJsonObject json;
    QByteArray body;
};

} // namespace

class tst_Share : public QObject {
    Q_OBJECT

    Project m_project;
    PgCluster m_pg;
    QTemporaryDir m_tmp;
    DatabaseUrl m_url;
    std::unique_ptr<Share::ApiServer> m_api;
    QNetworkAccessManager m_network;
    QByteArray m_allScopes;    ///< every scope
    QByteArray m_stationsOnly; ///< stations:read only
    QByteArray m_revoked;
    struct Call {
        QString path; ///< with query
        int status;
        QByteArray method;
    };
    /// Every call the test made to the API on PostgreSQL, to find in api_calls.
    std::vector<Call> m_calls;

    /// GET (or `method`) from the API on PostgreSQL, or from another ApiServer's `port` (not
    /// recorded in m_calls).
    Reply get(const QString& pathAndQuery, const QByteArray& token, quint16 port = 0,
              const QByteArray& method = "GET")
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1%2")
                                         .arg(port ? port : m_api->port())
                                         .arg(pathAndQuery)));
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token);
        QNetworkReply* reply = method == "GET" ? m_network.get(request)
                                               : m_network.sendCustomRequest(request, method, "{}");
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(20'000, &loop, &QEventLoop::quit);
        loop.exec();
        Reply r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.body = reply->readAll();
        r.json = QJsonDocument::fromJson(r.body).object();
        reply->deleteLater();
        if (port == 0)
            m_calls.push_back({pathAndQuery, r.status, method});
        return r;
    }

    /// An admin connection to the test database (the cluster's superuser).
    QSqlDatabase admin()
    {
        const QString name = QStringLiteral("test-admin");
        if (QSqlDatabase::contains(name))
            return QSqlDatabase::database(name);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(m_pg.port());
        db.setUserName(QStringLiteral("postgres"));
        db.setDatabaseName(QStringLiteral("pumpwatch"));
        db.open();
        return db;
    }

    /// A connection as the reader role. The cluster trusts loopback, so the password is not
    /// what is tested here: the role's rights are.
    QSqlDatabase reader()
    {
        const QString name = QStringLiteral("test-reader");
        if (QSqlDatabase::contains(name))
            return QSqlDatabase::database(name);
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), name);
        db.setHostName(QStringLiteral("127.0.0.1"));
        db.setPort(m_pg.port());
        db.setUserName(QStringLiteral("city_platform"));
        db.setPassword(QStringLiteral("s3cret pa'ss"));
        db.setDatabaseName(QStringLiteral("pumpwatch"));
        db.open();
        return db;
    }

    TagId tag(const char* station, const char* key) const
    {
        return m_project.findTag(QString::fromLatin1(station), u"plc", QString::fromLatin1(key));
    }

    static double mean(int from, int to)
    {
        double sum = 0;
        for (int i = from; i < to; ++i)
            sum += pressure(i);
        return sum / (to - from);
    }

private Q_SLOTS:
    void initTestCase()
    {
        ProjectLoad load =
            ProjectReader::read(QByteArray(ProjectJson), QStringLiteral("test.json"));
        QVERIFY2(load.project, qPrintable(toStrings(load.diagnostics).join(u'\n')));
        m_project = std::move(*load.project);
        QString error;
        QVERIFY2(m_pg.start(&error, {QStringLiteral("fsync=off")}), qPrintable(error));
        m_url = *DatabaseUrl::parse(m_pg.url(), &error);

        // History through the real writer: S1's pressure, S2's level, two alarms.
        ManualClock clock(at(Samples * 10 + 5));
        HistoryOptions options;
        options.database = m_url;
        options.spoolDirectory = m_tmp.filePath(QStringLiteral("spool"));
        {
            HistoryWriter w(m_project, clock, options);
            QVERIFY(w.open());
            std::vector<Sample> samples;
            for (int i = 0; i < Samples; ++i)
                samples.push_back(
                    {at(i * 10), pressure(i), tag("S1", "pressure"), Quality::Good, false});
            samples.push_back({at(60), 2.5, tag("S2", "level"), Quality::Good, false});
            w.write(samples);
            JournalEntry open;
            open.kind = JournalEntry::Open;
            open.key = 1;
            open.station = QStringLiteral("S1");
            open.stationName = QStringLiteral("澳门路口");
            open.tag = QStringLiteral("plc/pressure");
            open.tagName = QStringLiteral("出水压力");
            open.unit = QStringLiteral("MPa");
            open.type = QStringLiteral("high");
            open.severity = 2;
            open.value = 0.35;
            open.startMs = at(600);
            open.endState = QStringLiteral("active");
            JournalEntry past = open;
            past.key = 2;
            past.type = QStringLiteral("low");
            past.startMs = at(100);
            JournalEntry end = past;
            end.kind = JournalEntry::End;
            end.endMs = at(200);
            end.endState = QStringLiteral("normal");
            const std::vector<JournalEntry> entries = {past, end, open};
            w.journal(entries, {});
            QVERIFY(w.flush());
        }

        QVERIFY2(Share::ReaderViews::setup(m_project, m_url, QStringLiteral("city_platform"),
                                           QStringLiteral("s3cret pa'ss"), &error),
                 qPrintable(error));

        Share::Connection c(m_url, QStringLiteral("test"));
        QVERIFY2(c.open(&error), qPrintable(error));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        const auto all =
            Share::Tokens::add(c.db(), QStringLiteral("city-platform"),
                               Share::Tokens::knownScopes(), QStringLiteral("test"), now, &error);
        QVERIFY2(all, qPrintable(error));
        m_allScopes = *all;
        const auto stations =
            Share::Tokens::add(c.db(), QStringLiteral("gis"), {QStringLiteral("stations:read")},
                               QStringLiteral("test"), now, &error);
        QVERIFY2(stations, qPrintable(error));
        m_stationsOnly = *stations;
        const auto revoked =
            Share::Tokens::add(c.db(), QStringLiteral("old"), Share::Tokens::knownScopes(),
                               QStringLiteral("test"), now, &error);
        QVERIFY2(revoked, qPrintable(error));
        m_revoked = *revoked;
        QVERIFY2(Share::Tokens::revoke(c.db(), QStringLiteral("old"), now, &error),
                 qPrintable(error));

        m_api = Share::ApiServer::start(m_project, m_url, QHostAddress::LocalHost, 0, &error);
        QVERIFY2(m_api, qPrintable(error));
        QVERIFY(m_api->port() != 0);
    }

    void cleanupTestCase()
    {
        m_api.reset();
        QSqlDatabase::removeDatabase(QStringLiteral("test-admin"));
        QSqlDatabase::removeDatabase(QStringLiteral("test-reader"));
    }

    void readerIsRefusedBaseTables_data()
    {
        QTest::addColumn<QString>("sql");
        for (const char* table :
             {"samples", "series", "series_state", "rollup_hour", "alarm_journal", "audit_log",
              "api_tokens", "api_calls", "share_stations", "report_versions"})
            QTest::newRow(table)
                << QStringLiteral("SELECT * FROM public.%1").arg(QString::fromLatin1(table));
        QTest::newRow("insert samples")
            << QStringLiteral("INSERT INTO public.samples VALUES (1, 1, 1, 1)");
        QTest::newRow("update alarm_journal")
            << QStringLiteral("UPDATE public.alarm_journal SET note = 'x'");
        QTest::newRow("delete api_calls") << QStringLiteral("DELETE FROM public.api_calls");
        QTest::newRow("insert api_tokens")
            << QStringLiteral("INSERT INTO public.api_tokens VALUES ('x', 'x', 'x', 0, 'x', NULL)");
        QTest::newRow("insert into a view")
            << QStringLiteral("INSERT INTO pumpwatch_v1.stations (id, name) VALUES ('x', 'x')");
        QTest::newRow("update a view") << QStringLiteral("UPDATE pumpwatch_v1.tags SET name = 'x'");
        QTest::newRow("create in public") << QStringLiteral("CREATE TABLE public.x (a INT)");
        QTest::newRow("create in pumpwatch_v1")
            << QStringLiteral("CREATE TABLE pumpwatch_v1.x (a INT)");
        QTest::newRow("temporary table") << QStringLiteral("CREATE TEMP TABLE x (a INT)");
    }

    void readerIsRefusedBaseTables()
    {
        QFETCH(QString, sql);
        QSqlDatabase db = reader();
        QVERIFY2(db.isOpen(), qPrintable(db.lastError().text()));
        QSqlQuery q(db);
        // Sessions are read-only by default; that is a setting the reader may change, so the
        // rights are checked with it off.
        QVERIFY(q.exec(QStringLiteral("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE")));
        QVERIFY(!q.exec(sql));
        QVERIFY2(q.lastError().text().contains(u"permission denied"),
                 qPrintable(q.lastError().text()));
    }

    void readerSessionsAreReadOnly()
    {
        QSqlDatabase db = reader();
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("RESET ALL")));
        QVERIFY(q.exec(QStringLiteral("SHOW transaction_read_only")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("on"));
        QVERIFY(q.exec(QStringLiteral("SHOW statement_timeout")) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("5min"));
    }

    void readerReadsViews()
    {
        QSqlDatabase db = reader();
        QSqlQuery q(db);
        // search_path is pumpwatch_v1: the views need no schema name.
        QVERIFY2(q.exec(QStringLiteral("SELECT value, ts_ms, quality, EXTRACT(EPOCH FROM ts) "
                                       "FROM latest_values WHERE path = 'S1/plc/pressure'")),
                 qPrintable(q.lastError().text()));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toDouble(), pressure(Samples - 1));
        QCOMPARE(q.value(1).toLongLong(), at((Samples - 1) * 10));
        QCOMPARE(q.value(2).toString(), QStringLiteral("good"));
        QCOMPARE(qint64(q.value(3).toDouble() * 1000), at((Samples - 1) * 10));

        // The 08:00 hour: 360 samples 10 s apart, each holding 10 s → the mean of the samples.
        QVERIFY2(q.exec(QStringLiteral("SELECT avg, min, max, samples, covered_ms FROM "
                                       "hourly_values WHERE path = 'S1/plc/pressure' AND "
                                       "period_start = '2026-11-20 08:00:00+08'")),
                 qPrintable(q.lastError().text()));
        QVERIFY(q.next());
        QVERIFY2(qAbs(q.value(0).toDouble() - mean(0, 360)) < 1e-9,
                 qPrintable(QString::number(q.value(0).toDouble(), 'g', 17)));
        double lo = 1e9, hi = -1e9;
        for (int i = 0; i < 360; ++i) {
            lo = std::min(lo, pressure(i));
            hi = std::max(hi, pressure(i));
        }
        QCOMPARE(q.value(1).toDouble(), lo);
        QCOMPARE(q.value(2).toDouble(), hi);
        QCOMPARE(q.value(3).toInt(), 360);
        QCOMPARE(q.value(4).toLongLong(), qint64(3'600'000));

        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM daily_values WHERE path = "
                                      "'S1/plc/pressure' AND samples = %1")
                           .arg(Samples)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 1);

        QVERIFY(q.exec(QStringLiteral("SELECT name, district, lon, lat FROM stations WHERE id = "
                                      "'S1'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("澳门路口"));
        QCOMPARE(q.value(1).toString(), QStringLiteral("红花岗区"));
        QCOMPARE(q.value(2).toDouble(), 106.9);
        QCOMPARE(q.value(3).toDouble(), 27.7);

        QVERIFY(q.exec(QStringLiteral("SELECT name, unit, quantity, station FROM tags WHERE path "
                                      "= 'S1/plc/pressure'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("出水压力"));
        QCOMPARE(q.value(1).toString(), QStringLiteral("MPa"));
        QCOMPARE(q.value(2).toString(), QStringLiteral("pressure"));
        QCOMPARE(q.value(3).toString(), QStringLiteral("S1"));

        QVERIFY(q.exec(QStringLiteral("SELECT alarm_type, active, value, start_ms FROM "
                                      "alarm_journal ORDER BY start_ms")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("low"));
        QCOMPARE(q.value(1).toBool(), false);
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("high"));
        QCOMPARE(q.value(1).toBool(), true);
        QCOMPARE(q.value(2).toDouble(), 0.35);
        QCOMPARE(q.value(3).toLongLong(), at(600));

        for (const char* view : {"reports", "report_runs"})
            QVERIFY2(q.exec(QStringLiteral("SELECT * FROM %1").arg(QString::fromLatin1(view))),
                     qPrintable(q.lastError().text()));
    }

    void setupIsIdempotentAndPostgresOnly()
    {
        QString error;
        QVERIFY2(Share::ReaderViews::setup(m_project, m_url, QStringLiteral("city_platform"),
                                           QStringLiteral("another"), &error),
                 qPrintable(error));
        QVERIFY(!Share::ReaderViews::setup(m_project, m_url, QStringLiteral("postgres"),
                                           QStringLiteral("x"), &error));
        QVERIFY2(error.contains(u"superuser"), qPrintable(error));
        const DatabaseUrl sqlite = *DatabaseUrl::parse(
            QStringLiteral("sqlite:") + m_tmp.filePath(QStringLiteral("h.db")), &error);
        QVERIFY(!Share::ReaderViews::setup(m_project, sqlite, QStringLiteral("reader"),
                                           QStringLiteral("x"), &error));
        QVERIFY2(error.contains(u"PostgreSQL only"), qPrintable(error));
    }

    void metadataFollowsTheProject()
    {
        Project smaller = m_project;
        smaller.stations.pop_back();
        smaller.reindex();
        QString error;
        QVERIFY2(Share::syncMetadata(smaller, m_url, &error), qPrintable(error));
        QSqlQuery q(reader());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM stations")) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY2(Share::syncMetadata(m_project, m_url, &error), qPrintable(error));
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM stations")) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM tags")) && q.next());
        QCOMPARE(q.value(0).toInt(), 4);
    }

    void apiStations()
    {
        const Reply r = get(QStringLiteral("/api/v1/stations"), m_stationsOnly);
        QCOMPARE(r.status, 200);
        const QJsonArray stations = r.json.value(u"stations").toArray();
        QCOMPARE(stations.size(), 2);
        QCOMPARE(stations[0][u"id"].toString(), QStringLiteral("S1"));
        QCOMPARE(stations[0][u"name"].toString(), QStringLiteral("澳门路口"));
        QCOMPARE(stations[0][u"lat"].toDouble(), 27.7);
        QCOMPARE(stations[1][u"name"].toString(), QStringLiteral("长征一厂"));
    }

    void apiLatestValues()
    {
        const Reply r = get(QStringLiteral("/api/v1/values/latest?station=S1"), m_allScopes);
        QCOMPARE(r.status, 200);
        const QJsonArray values = r.json.value(u"values").toArray();
        QCOMPARE(values.size(), 1); // S1's level was never written
        const QJsonObject v = values[0].toObject();
        QCOMPARE(v[u"path"].toString(), QStringLiteral("S1/plc/pressure"));
        QCOMPARE(v[u"name"].toString(), QStringLiteral("出水压力"));
        QCOMPARE(v[u"value"].toDouble(), pressure(Samples - 1));
        QCOMPARE(v[u"quality"].toString(), QStringLiteral("good"));
        QCOMPARE(qint64(v[u"ms"].toDouble()), at((Samples - 1) * 10));
        QCOMPARE(v[u"time"].toString(), QStringLiteral("2026-11-20T09:29:50.000+08:00"));

        const Reply s2 = get(QStringLiteral("/api/v1/values/latest?station=S2"), m_allScopes);
        QCOMPARE(s2.status, 200);
        QCOMPARE(s2.json[u"values"][0][u"value"].toDouble(), 2.5);
    }

    void apiHistory()
    {
        const QString base = QStringLiteral("/api/v1/history?tag=S1/plc/pressure&from=%1&to=%2");
        const QString from = QStringLiteral("2026-11-20T08:00:00%2B08:00"); // "+" encoded
        const Reply raw =
            get(base.arg(from, QStringLiteral("2026-11-20T09:00:00")) + QStringLiteral("&step=raw"),
                m_allScopes);
        QCOMPARE(raw.status, 200);
        const QJsonArray points = raw.json[u"points"].toArray();
        QCOMPARE(points.size(), 360);
        for (int i = 0; i < 360; ++i) {
            QCOMPARE(points[i][u"value"].toDouble(), pressure(i));
            QCOMPARE(qint64(points[i][u"ms"].toDouble()), at(i * 10));
        }

        const Reply avg = get(base.arg(from, QStringLiteral("2026-11-20T10:00:00")) +
                                  QStringLiteral("&step=hour&agg=avg"),
                              m_allScopes);
        QCOMPARE(avg.status, 200);
        const QJsonArray hours = avg.json[u"points"].toArray();
        QCOMPARE(hours.size(), 2);
        QCOMPARE(hours[0][u"time"].toString(), QStringLiteral("2026-11-20T08:00:00.000+08:00"));
        QVERIFY(qAbs(hours[0][u"value"].toDouble() - mean(0, 360)) < 1e-9);
        QCOMPARE(hours[0][u"samples"].toInt(), 360);

        const Reply max = get(base.arg(from, QStringLiteral("2026-11-20T09:00:00")) +
                                  QStringLiteral("&step=hour&agg=max"),
                              m_allScopes);
        QCOMPARE(max.status, 200);
        double hi = -1e9;
        for (int i = 0; i < 360; ++i)
            hi = std::max(hi, pressure(i));
        QCOMPARE(max.json[u"points"][0][u"value"].toDouble(), hi);

        const Reply last =
            get(base.arg(QStringLiteral("2026-11-20"), QStringLiteral("2026-11-21")) +
                    QStringLiteral("&step=day&agg=last"),
                m_allScopes);
        QCOMPARE(last.status, 200);
        QCOMPARE(last.json[u"points"].toArray().size(), 1);
        QCOMPARE(last.json[u"points"][0][u"value"].toDouble(), pressure(Samples - 1));
    }

    void apiHistoryTooLarge()
    {
        // 540 rows fit; a long period of a dense series does not: write 10 001 rows.
        QSqlQuery q(admin());
        QVERIFY2(
            q.exec(
                QStringLiteral(
                    "INSERT INTO samples (series, ts, value, quality) SELECT s.id, %1 + g * 1000, "
                    "g, 1 FROM series s, generate_series(0, 10000) g WHERE s.path = "
                    "'S2/plc/level'")
                    .arg(at(-86400))),
            qPrintable(q.lastError().text()));
        const Reply r = get(QStringLiteral("/api/v1/history?tag=S2/plc/level&from=2026-11-19&"
                                           "to=2026-11-21"),
                            m_allScopes);
        QCOMPARE(r.status, 400);
        QVERIFY2(r.json[u"error"].toString().contains(u"more than 10000 rows"), r.body);
        const Reply hours = get(QStringLiteral("/api/v1/history?tag=S2/plc/level&from=2026-11-19&"
                                               "to=2026-11-21&step=hour"),
                                m_allScopes);
        QCOMPARE(hours.status, 200);
    }

    void apiAlarms()
    {
        const Reply active = get(QStringLiteral("/api/v1/alarms/active"), m_allScopes);
        QCOMPARE(active.status, 200);
        const QJsonArray a = active.json[u"alarms"].toArray();
        QCOMPARE(a.size(), 1);
        QCOMPARE(a[0][u"type"].toString(), QStringLiteral("high"));
        QCOMPARE(a[0][u"stationName"].toString(), QStringLiteral("澳门路口"));
        QCOMPARE(a[0][u"value"].toDouble(), 0.35);
        QCOMPARE(a[0][u"start"].toString(), QStringLiteral("2026-11-20T08:10:00.000+08:00"));
        QVERIFY(a[0][u"end"].isNull());

        const Reply period = get(QStringLiteral("/api/v1/alarms?from=2026-11-20T08:00:00&to="
                                                "2026-11-20T09:00:00"),
                                 m_allScopes);
        QCOMPARE(period.status, 200);
        const QJsonArray p = period.json[u"alarms"].toArray();
        QCOMPARE(p.size(), 2);
        QCOMPARE(p[0][u"type"].toString(), QStringLiteral("low"));
        QCOMPARE(p[0][u"end"].toString(), QStringLiteral("2026-11-20T08:03:20.000+08:00"));
        QCOMPARE(p[0][u"active"].toBool(), false);

        // Before both alarms: none.
        const Reply before = get(QStringLiteral("/api/v1/alarms?from=2026-11-20T07:00:00&to="
                                                "2026-11-20T08:00:00"),
                                 m_allScopes);
        QCOMPARE(before.status, 200);
        QCOMPARE(before.json[u"alarms"].toArray().size(), 0);
    }

    void apiRefusals_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("token"); ///< "all", "stations", "revoked", "unknown", ""
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("named"); ///< the scope or parameter the answer must name

        QTest::newRow("no token") << QStringLiteral("/api/v1/stations") << QString() << 401
                                  << QString();
        QTest::newRow("unknown token")
            << QStringLiteral("/api/v1/stations") << QStringLiteral("unknown") << 401 << QString();
        QTest::newRow("revoked token")
            << QStringLiteral("/api/v1/stations") << QStringLiteral("revoked") << 401 << QString();
        QTest::newRow("values without scope")
            << QStringLiteral("/api/v1/values/latest?station=S1") << QStringLiteral("stations")
            << 403 << QStringLiteral("values:read");
        QTest::newRow("history without scope")
            << QStringLiteral("/api/v1/history?tag=S1/plc/pressure&from=2026-11-20&to=2026-11-21")
            << QStringLiteral("stations") << 403 << QStringLiteral("history:read");
        QTest::newRow("alarms without scope")
            << QStringLiteral("/api/v1/alarms/active") << QStringLiteral("stations") << 403
            << QStringLiteral("alarms:read");
        QTest::newRow("unknown path")
            << QStringLiteral("/api/v1/pumps") << QStringLiteral("all") << 404 << QString();
        QTest::newRow("unknown station")
            << QStringLiteral("/api/v1/values/latest?station=S9") << QStringLiteral("all") << 400
            << QStringLiteral("station");
        QTest::newRow("history without tag")
            << QStringLiteral("/api/v1/history?from=2026-11-20&to=2026-11-21")
            << QStringLiteral("all") << 400 << QStringLiteral("tag");
        QTest::newRow("history bad from")
            << QStringLiteral("/api/v1/history?tag=S1/plc/pressure&from=yesterday&to=2026-11-21")
            << QStringLiteral("all") << 400 << QStringLiteral("from");
        QTest::newRow("history to before from")
            << QStringLiteral("/api/v1/history?tag=S1/plc/pressure&from=2026-11-21&to=2026-11-20")
            << QStringLiteral("all") << 400 << QStringLiteral("to");
        QTest::newRow("history bad step")
            << QStringLiteral("/api/v1/history?tag=S1/plc/pressure&"
                              "from=2026-11-20&to=2026-11-21&step=week")
            << QStringLiteral("all") << 400 << QStringLiteral("step");
        QTest::newRow("history bad agg")
            << QStringLiteral("/api/v1/history?tag=S1/plc/pressure&from=2026-11-20&to=2026-11-21&"
                              "step=hour&agg=median")
            << QStringLiteral("all") << 400 << QStringLiteral("agg");
        QTest::newRow("alarms without period")
            << QStringLiteral("/api/v1/alarms") << QStringLiteral("all") << 400
            << QStringLiteral("from");
    }

    void apiRefusals()
    {
        QFETCH(QString, path);
        QFETCH(QString, token);
        QFETCH(int, status);
        QFETCH(QString, named);
        const QByteArray t = token == u"all"        ? m_allScopes
                             : token == u"stations" ? m_stationsOnly
                             : token == u"revoked"  ? m_revoked
                             : token == u"unknown"  ? Share::Tokens::generate()
                                                    : QByteArray();
        const Reply r = get(path, t);
        QCOMPARE(r.status, status);
        QVERIFY2(!r.json.value(u"error").toString().isEmpty(), r.body);
        if (status == 403)
            QCOMPARE(r.json[u"scope"].toString(), named);
        if (status == 400)
            QCOMPARE(r.json[u"parameter"].toString(), named);
        if (!named.isEmpty())
            QVERIFY2(r.json[u"error"].toString().contains(named), r.body);
    }

    void tokensAreStoredHashed()
    {
        QSqlQuery q(admin());
        QVERIFY(q.exec(QStringLiteral("SELECT * FROM api_tokens")));
        int rows = 0;
        while (q.next()) {
            ++rows;
            for (int c = 0; c < q.record().count(); ++c)
                for (const QByteArray& token : {m_allScopes, m_stationsOnly, m_revoked})
                    QVERIFY(!q.value(c).toString().contains(QString::fromLatin1(token)));
        }
        QCOMPARE(rows, 3);
        QVERIFY(q.exec(QStringLiteral("SELECT hash, scopes FROM api_tokens WHERE name = 'gis'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(),
                 QString::fromLatin1(
                     QCryptographicHash::hash(m_stationsOnly, QCryptographicHash::Sha256).toHex()));
        QCOMPARE(q.value(1).toString(), QStringLiteral("stations:read"));
        QCOMPARE(m_allScopes.size(), 43); // 32 bytes, base64url without padding
    }

    /// pumpwatch-cli's share, token and api commands on the same database.
    void cli()
    {
        const auto run = [](const QStringList& args, QByteArray* out = nullptr,
                            QByteArray* err = nullptr) {
            QProcess p;
            p.start(QStringLiteral(PUMPWATCH_BIN_DIR "/pumpwatch-cli"), args);
            if (!p.waitForFinished(60'000))
                return -1;
            if (out)
                *out = p.readAllStandardOutput();
            const QByteArray e = p.readAllStandardError();
            if (err)
                *err = e;
            return p.exitCode();
        };
        const QString db = m_pg.url();
        const QString projectFile = m_tmp.filePath(QStringLiteral("project.json"));
        const QString passwordFile = m_tmp.filePath(QStringLiteral("password"));
        {
            QFile f(projectFile);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(ProjectJson);
            QFile p(passwordFile);
            QVERIFY(p.open(QIODevice::WriteOnly));
            p.write("from a file\n");
        }
        QByteArray out, err;
        QCOMPARE(
            run({QStringLiteral("share"), QStringLiteral("setup"), QStringLiteral("--db"), db,
                 QStringLiteral("--project"), projectFile, QStringLiteral("--reader"),
                 QStringLiteral("cli_reader"), QStringLiteral("--password-file"), passwordFile},
                &out, &err),
            0);
        QSqlQuery q(admin());
        QVERIFY(q.exec(QStringLiteral("SELECT has_table_privilege('cli_reader', "
                                      "'pumpwatch_v1.latest_values', 'SELECT'), "
                                      "has_table_privilege('cli_reader', 'public.samples', "
                                      "'SELECT'), rolcanlogin FROM pg_roles WHERE rolname = "
                                      "'cli_reader'")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toBool(), true);
        QCOMPARE(q.value(1).toBool(), false);
        QCOMPARE(q.value(2).toBool(), true);

        QCOMPARE(run({QStringLiteral("share"), QStringLiteral("setup"), QStringLiteral("--db"),
                      QStringLiteral("sqlite:") + m_tmp.filePath(QStringLiteral("cli.db")),
                      QStringLiteral("--project"), projectFile, QStringLiteral("--reader"),
                      QStringLiteral("r"), QStringLiteral("--password-file"), passwordFile},
                     &out, &err),
                 1);
        QVERIFY2(err.contains("PostgreSQL only"), err);

        QCOMPARE(run({QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--db"), db,
                      QStringLiteral("--name"), QStringLiteral("scada-cli"),
                      QStringLiteral("--scope"), QStringLiteral("stations:read,alarms:read")},
                     &out, &err),
                 0);
        const QByteArray token = out.trimmed();
        QCOMPARE(token.size(), 43);
        QCOMPARE(get(QStringLiteral("/api/v1/stations"), token).status, 200);
        QCOMPARE(run({QStringLiteral("token"), QStringLiteral("add"), QStringLiteral("--db"), db,
                      QStringLiteral("--name"), QStringLiteral("bad"), QStringLiteral("--scope"),
                      QStringLiteral("values:write")},
                     &out, &err),
                 2);
        QVERIFY2(err.contains("values:write"), err);

        QCOMPARE(run({QStringLiteral("token"), QStringLiteral("list"), QStringLiteral("--db"), db},
                     &out, &err),
                 0);
        QVERIFY2(out.contains("scada-cli\tstations:read,alarms:read\t"), out);
        QVERIFY(!out.contains(token));

        QCOMPARE(run({QStringLiteral("token"), QStringLiteral("revoke"), QStringLiteral("--db"), db,
                      QStringLiteral("--name"), QStringLiteral("scada-cli")}),
                 0);
        QCOMPARE(get(QStringLiteral("/api/v1/stations"), token).status, 401);
        QCOMPARE(run({QStringLiteral("token"), QStringLiteral("revoke"), QStringLiteral("--db"), db,
                      QStringLiteral("--name"), QStringLiteral("scada-cli")}),
                 1);

        QCOMPARE(run({QStringLiteral("api"), QStringLiteral("log"), QStringLiteral("--db"), db,
                      QStringLiteral("--since"), QStringLiteral("2000-01-01")},
                     &out, &err),
                 0);
        QVERIFY2(out.contains("scada-cli\t127.0.0.1\tGET\t/api/v1/stations\t200\t2\t"), out);
        QVERIFY2(out.contains("scada-cli\t127.0.0.1\tGET\t/api/v1/stations\t401\t0\t"), out);
    }

    void apiRefusesWrites()
    {
        for (const QByteArray& method :
             {QByteArray("POST"), QByteArray("PUT"), QByteArray("DELETE")}) {
            const Reply r = get(QStringLiteral("/api/v1/stations"), m_allScopes, 0, method);
            QCOMPARE(r.status, 405);
        }
    }

    /// The database goes away and comes back: 503 meanwhile (that call cannot be logged), then
    /// answers and log rows again without restarting the API.
    void databaseOutage()
    {
        QSqlDatabase::removeDatabase(QStringLiteral("test-admin"));
        QSqlDatabase::removeDatabase(QStringLiteral("test-reader"));
        QVERIFY(m_pg.stop());
        const Reply away = get(QStringLiteral("/api/v1/stations"), m_allScopes, m_api->port());
        QCOMPARE(away.status, 503);
        QString error;
        QVERIFY2(m_pg.startServer(&error), qPrintable(error));
        const Reply back = get(QStringLiteral("/api/v1/stations"), m_allScopes);
        QCOMPARE(back.status, 200);
        // A restart between two calls: the API's connection is dead but looks open; the next
        // call still gets its answer.
        QVERIFY(m_pg.stop());
        QVERIFY2(m_pg.startServer(&error), qPrintable(error));
        QCOMPARE(get(QStringLiteral("/api/v1/values/latest?station=S1"), m_allScopes).status, 200);
    }

    /// Tokens, the API and its log need no PostgreSQL: the same on a SQLite history.
    void apiOnSqlite()
    {
        QString error;
        const DatabaseUrl url = *DatabaseUrl::parse(
            QStringLiteral("sqlite:") + m_tmp.filePath(QStringLiteral("api.db")), &error);
        ManualClock clock(at(3600));
        HistoryOptions options;
        options.database = url;
        options.spoolDirectory = m_tmp.filePath(QStringLiteral("spool-sqlite"));
        {
            HistoryWriter w(m_project, clock, options);
            QVERIFY(w.open());
            std::vector<Sample> samples;
            for (int i = 0; i < 360; ++i)
                samples.push_back(
                    {at(i * 10), pressure(i), tag("S1", "pressure"), Quality::Good, false});
            samples.push_back({at(3600), 0.4, tag("S1", "pressure"), Quality::Good, false});
            w.write(samples);
            QVERIFY(w.flush());
        }
        QByteArray token;
        {
            Share::Connection c(url, QStringLiteral("test-sqlite"));
            QVERIFY2(c.open(&error), qPrintable(error));
            const auto t =
                Share::Tokens::add(c.db(), QStringLiteral("local"),
                                   {QStringLiteral("values:read"), QStringLiteral("history:read")},
                                   QStringLiteral("test"), 0, &error);
            QVERIFY2(t, qPrintable(error));
            token = *t;
        }
        QVERIFY2(Share::syncMetadata(m_project, url, &error), qPrintable(error));
        auto api = Share::ApiServer::start(m_project, url, QHostAddress::LocalHost, 0, &error);
        QVERIFY2(api, qPrintable(error));
        const Reply latest = get(QStringLiteral("/api/v1/values/latest"), token, api->port());
        QCOMPARE(latest.status, 200);
        QCOMPARE(latest.json[u"values"][0][u"value"].toDouble(), 0.4);
        const Reply hour = get(QStringLiteral("/api/v1/history?tag=S1/pressure&from=2026-11-20&"
                                              "to=2026-11-21&step=hour"),
                               token, api->port());
        QCOMPARE(hour.status, 200);
        QVERIFY(qAbs(hour.json[u"points"][0][u"value"].toDouble() - mean(0, 360)) < 1e-9);
        QCOMPARE(get(QStringLiteral("/api/v1/alarms/active"), token, api->port()).status, 403);
        api.reset();
        Share::Connection c(url, QStringLiteral("test-sqlite"));
        QVERIFY2(c.open(&error), qPrintable(error));
        QSqlQuery q(c.db());
        QVERIFY(q.exec(QStringLiteral("SELECT status, token FROM api_calls ORDER BY id")));
        for (const int status : {200, 200, 403}) {
            QVERIFY(q.next());
            QCOMPARE(q.value(0).toInt(), status);
            QCOMPARE(q.value(1).toString(), QStringLiteral("local"));
        }
        QVERIFY(!q.next());
    }

    /// Last: every call of the tests above, whatever its status, is in api_calls.
    void everyCallIsLogged()
    {
        QVERIFY(m_calls.size() > 20);
        QSqlQuery q(admin());
        QVERIFY(q.exec(QStringLiteral("SELECT path, status, token, row_count, remote, method, "
                                      "duration_ms FROM api_calls ORDER BY id")));
        std::vector<Call> logged;
        while (q.next()) {
            logged.push_back({q.value(0).toString(), q.value(1).toInt(), q.value(5).toByteArray()});
            QCOMPARE(q.value(4).toString(), QStringLiteral("127.0.0.1"));
            QVERIFY(q.value(6).toDouble() >= 0);
            if (q.value(1).toInt() != 200)
                QCOMPARE(q.value(3).toInt(), 0);
        }
        QCOMPARE(logged.size(), m_calls.size());
        for (size_t i = 0; i < logged.size(); ++i) {
            QCOMPARE(QUrl::fromPercentEncoding(logged[i].path.toLatin1()),
                     QUrl::fromPercentEncoding(m_calls[i].path.toLatin1()));
            QCOMPARE(logged[i].status, m_calls[i].status);
            QCOMPARE(logged[i].method, m_calls[i].method);
        }
        for (const int status : {200, 400, 401, 403, 404, 405}) {
            QVERIFY(q.exec(
                QStringLiteral("SELECT count(*) FROM api_calls WHERE status = %1").arg(status)));
            QVERIFY(q.next() && q.value(0).toInt() > 0);
        }
        // Who called: the token's name, also for a revoked token; none without a known token.
        QVERIFY(q.exec(QStringLiteral("SELECT token, status, row_count FROM api_calls WHERE path "
                                      "= '/api/v1/stations' ORDER BY id")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("gis"));
        QCOMPARE(q.value(2).toInt(), 2);
        QVERIFY(q.next());
        QVERIFY(q.value(0).isNull()); // no token
        QVERIFY(q.next());
        QVERIFY(q.value(0).isNull()); // unknown
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("old"));
        QCOMPARE(q.value(1).toInt(), 401);
    }
};

QTEST_GUILESS_MAIN(tst_Share)
#include "tst_share.moc"
