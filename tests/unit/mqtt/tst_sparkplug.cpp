// The Sparkplug B codec: round trips of every datatype, a cross-check with an independent
// implementation (python3-protobuf on our sparkplug_b.proto, driven by sparkplug_peer.py),
// malformed payloads, topics and the host STATE.
#include "sparkplugpeer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <cmath>
#include <limits>
#include <mqtt/sparkplug.h>

using namespace PumpWatch::Mqtt::Sparkplug;

Q_DECLARE_METATYPE(DataType)
Q_DECLARE_METATYPE(MessageType)

namespace {

constexpr quint64 T = 1650006388943;

Metric metric(const char* name, DataType type, double value, const QString& text = {})
{
    Metric m;
    m.name = QString::fromUtf8(name);
    m.type = type;
    m.value = value;
    m.text = text;
    m.timestampMs = T;
    return m;
}

// A payload with one metric of every kind the host meets; the encoder cross-check reads it.
Payload everyKind()
{
    Payload p;
    p.timestampMs = T;
    p.seq = 255;
    p.uuid = QStringLiteral("uuid-1");
    p.body = QByteArray("\x00\xff", 2);
    p.metrics = {
        metric("Int8", DataType::Int8, -5),
        metric("Int16", DataType::Int16, -300),
        metric("Int32", DataType::Int32, -2147483648.0),
        metric("Int64", DataType::Int64, -1234567890123.0),
        metric("UInt8", DataType::UInt8, 200),
        metric("UInt16", DataType::UInt16, 65535),
        metric("UInt32", DataType::UInt32, 4294967295.0),
        metric("UInt64", DataType::UInt64, 9007199254740992.0),
        metric("Float NaN", DataType::Float, std::nan("")),
        metric("Float inf", DataType::Float, -std::numeric_limits<double>::infinity()),
        metric("Double", DataType::Double, 0.1),
        metric("Boolean", DataType::Boolean, 1),
        metric("String", DataType::String, 0, QStringLiteral("泵站 1号")),
        metric("DateTime", DataType::DateTime, double(T)),
        metric("Text", DataType::Text, 0, QStringLiteral("text")),
        metric("UUID", DataType::UUID, 0, QStringLiteral("0b8d6c2e")),
        metric("Null", DataType::Float, 0),
        metric("History", DataType::Double, 1.5),
        metric("", DataType::Double, 2.5), // alias only
        metric("Quality", DataType::Int32, 7),
    };
    p.metrics[16].isNull = true;
    p.metrics[17].historical = p.metrics[17].transient = true;
    p.metrics[18].alias = 18;
    p.metrics[19].quality = 192;
    p.metrics[19].alias = 19;
    return p;
}

void compare(const Metric& a, const Metric& b)
{
    QCOMPARE(a.name, b.name);
    QCOMPARE(a.alias, b.alias);
    QCOMPARE(a.timestampMs, b.timestampMs);
    QCOMPARE(a.type, b.type);
    QCOMPARE(a.historical, b.historical);
    QCOMPARE(a.transient, b.transient);
    QCOMPARE(a.isNull, b.isNull);
    QCOMPARE(a.quality, b.quality);
    QCOMPARE(a.text, b.text);
    if (!a.isNull && !(std::isnan(a.value) && std::isnan(b.value)))
        QCOMPARE(a.value, b.value);
}

QByteArray payloadOf(std::initializer_list<int> bytes)
{
    QByteArray b;
    for (int x : bytes)
        b.append(char(x));
    return b;
}

quint64 u64(const QJsonValue& v)
{
    return v.isString() ? v.toString().toULongLong() : quint64(v.toDouble());
}

} // namespace

class tst_Sparkplug : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void roundTripEveryKind()
    {
        const Payload p = everyKind();
        Payload q;
        QString error;
        QVERIFY2(decode(encode(p), &q, &error), qPrintable(error));
        QCOMPARE(q.timestampMs, p.timestampMs);
        QCOMPARE(q.seq, p.seq);
        QCOMPARE(q.uuid, p.uuid);
        QCOMPARE(q.body, p.body);
        QCOMPARE(q.metrics.size(), p.metrics.size());
        for (size_t i = 0; i < p.metrics.size(); ++i)
            compare(q.metrics[i], p.metrics[i]);
        QVERIFY(std::isnan(q.metrics[8].value));
        QCOMPARE(q.metrics[9].value, -std::numeric_limits<double>::infinity());
        QCOMPARE(q.metrics[16].field, ValueField::None); // null: no value written
    }

    void encodeClampsAndRounds_data()
    {
        QTest::addColumn<DataType>("type");
        QTest::addColumn<double>("value");
        QTest::addColumn<double>("decoded");
        QTest::newRow("Int8 above") << DataType::Int8 << 300.0 << 127.0;
        QTest::newRow("Int8 below") << DataType::Int8 << -300.0 << -128.0;
        QTest::newRow("UInt16 negative") << DataType::UInt16 << -1.0 << 0.0;
        QTest::newRow("Int32 rounds") << DataType::Int32 << -2.6 << -3.0;
        QTest::newRow("Int64 NaN") << DataType::Int64 << std::nan("") << 0.0;
        QTest::newRow("Int64 min")
            << DataType::Int64 << -9223372036854775808.0 << -9223372036854775808.0;
        QTest::newRow("Int64 above") << DataType::Int64 << 1e30 << 9223372036854775807.0;
        QTest::newRow("UInt64 max") << DataType::UInt64 << 1e30 << 18446744073709551615.0;
        QTest::newRow("Boolean") << DataType::Boolean << 0.5 << 1.0;
    }
    void encodeClampsAndRounds()
    {
        QFETCH(DataType, type);
        QFETCH(double, value);
        QFETCH(double, decoded);
        Payload p, q;
        p.metrics.push_back(metric("m", type, value));
        QVERIFY(decode(encode(p), &q));
        QCOMPARE(q.metrics[0].value, decoded);
    }

    void dataWithoutDatatypes()
    {
        // DATA leaves datatypes out; the host gives each metric its birth's type back.
        const Payload p = everyKind();
        Payload q;
        QVERIFY(decode(encode(p, Datatypes::Omit), &q));
        QCOMPARE(q.metrics[0].type, DataType::Unknown);
        QCOMPARE(q.metrics[0].value, 4294967291.0); // -5 as uint32, until typed
        for (size_t i = 0; i < p.metrics.size(); ++i) {
            QString error;
            QVERIFY2(applyType(&q.metrics[i], p.metrics[i].type, &error), qPrintable(error));
            compare(q.metrics[i], p.metrics[i]);
        }
        QString error;
        QVERIFY(!applyType(&q.metrics[12], DataType::Float, &error)); // a string as Float
        QCOMPARE(error,
                 QStringLiteral("metric \"String\": datatype Float with a value of another kind"));
        Metric empty;
        empty.alias = 9;
        QVERIFY(!applyType(&empty, DataType::Int32, &error));
        QCOMPARE(error, QStringLiteral("metric alias 9: no value and not is_null"));
        QVERIFY(applyType(&empty, DataType::Bytes, &error)); // skipped kinds need none
    }

    void crossCheckDecode()
    {
        Peer peer;
        if (!peer.skip.isEmpty())
            QSKIP(qPrintable(peer.skip));
        peer.run({QStringLiteral("write"), peer.dir.path()});
        Payload p;
        QString error;
        QVERIFY2(decode(peer.file("nbirth.bin"), &p, &error), qPrintable(error));
        QCOMPARE(p.timestampMs, T);
        QCOMPARE(p.seq, 0u);
        QCOMPARE(p.uuid, QStringLiteral("pumpwatch-test"));
        QCOMPARE(p.metrics.size(), 23u);
        struct Want {
            const char* name;
            DataType type;
            double value;
        };
        const Want want[] = {
            {"bdSeq", DataType::Int64, 3},
            {"Node Control/Rebirth", DataType::Boolean, 0},
            {"Pump1/Speed", DataType::Float, 42.5},
            {"Pump1/Int8", DataType::Int8, -5},
            {"Pump1/Int16", DataType::Int16, -300},
            {"Pump1/Int32", DataType::Int32, -2147483648.0},
            {"Pump1/Int64", DataType::Int64, -1234567890123.0},
            {"Pump1/UInt8", DataType::UInt8, 200},
            {"Pump1/UInt16", DataType::UInt16, 65535},
            {"Pump1/UInt32", DataType::UInt32, 4294967295.0},
            {"Pump1/UInt64", DataType::UInt64, 9007199254740992.0},
            {"Tank/Double", DataType::Double, -0.1},
            {"Tank/Running", DataType::Boolean, 1},
            {"Tank/Name", DataType::String, 0},
            {"Tank/Time", DataType::DateTime, double(T)},
            {"Tank/Text", DataType::Text, 0},
            {"Tank/UUID", DataType::UUID, 0},
            {"Tank/Null", DataType::Float, 0},
            {"Tank/History", DataType::Double, 1.5},
            {"Tank/Bytes", DataType::Bytes, 0},
            {"Tank/DataSet", DataType::DataSet, 0},
            {"Tank/Template", DataType::Template, 0},
            {"Tank/Stale", DataType::Int32, 7},
        };
        for (int i = 0; i < 23; ++i) {
            const Metric& m = p.metrics[size_t(i)];
            QCOMPARE(m.name, QString::fromUtf8(want[i].name));
            QCOMPARE(m.type, want[i].type);
            QCOMPARE(m.value, want[i].value);
            QCOMPARE(m.timestampMs, T);
            QCOMPARE(m.alias, i >= 2 ? std::optional<quint64>(i - 1) : std::nullopt);
            QCOMPARE(m.isNull, i == 17);
            QCOMPARE(m.historical, i == 18);
            QCOMPARE(m.transient, i == 18);
            QCOMPARE(m.quality, i == 2    ? std::optional<qint32>(192)
                                : i == 22 ? std::optional<qint32>(500)
                                          : std::nullopt);
        }
        QCOMPARE(p.metrics[13].text, QStringLiteral("泵站 1号"));
        QCOMPARE(p.metrics[15].text, QStringLiteral("text"));
        QCOMPARE(p.metrics[16].text, QStringLiteral("0b8d6c2e"));

        QVERIFY2(decode(peer.file("ddata.bin"), &p, &error), qPrintable(error));
        QCOMPARE(p.seq, 1u);
        QCOMPARE(p.metrics.size(), 4u);
        QCOMPARE(p.metrics[0].alias, 1u);
        QVERIFY(p.metrics[0].name.isEmpty());
        QCOMPARE(p.metrics[0].type, DataType::Unknown);
        QCOMPARE(p.metrics[0].value, 43.0);
        QVERIFY(applyType(&p.metrics[1], DataType::Int8));
        QCOMPARE(p.metrics[1].value, -5.0);
        QVERIFY(applyType(&p.metrics[2], DataType::Int64));
        QCOMPARE(p.metrics[2].value, -1234567890123.0);
        QVERIFY(p.metrics[3].historical);
        QCOMPARE(p.metrics[3].value, 2.5);

        QVERIFY2(decode(peer.file("ncmd_rebirth.bin"), &p, &error), qPrintable(error));
        QCOMPARE(p.metrics.size(), 1u);
        QCOMPARE(p.metrics[0].name, QStringLiteral("Node Control/Rebirth"));
        QCOMPARE(p.metrics[0].value, 1.0);

        // Fields from a future schema (string, fixed32, fixed64, varint) are skipped.
        QVERIFY2(decode(peer.file("future.bin"), &p, &error), qPrintable(error));
        QCOMPARE(p.seq, 7u);
        QCOMPARE(p.metrics.size(), 1u);
        QCOMPARE(p.metrics[0].value, 1.25);
    }

    void crossCheckEncode()
    {
        Peer peer;
        if (!peer.skip.isEmpty())
            QSKIP(qPrintable(peer.skip));
        Payload p = everyKind();
        p.metrics[19].quality = -1;
        QFile f(peer.dir.filePath(QStringLiteral("ours.bin")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(encode(p));
        f.close();
        const QJsonObject j =
            QJsonDocument::fromJson(peer.run({QStringLiteral("read"), f.fileName()})).object();
        QCOMPARE(u64(j[QStringLiteral("timestamp")]), T);
        QCOMPARE(j[QStringLiteral("seq")].toInt(), 255);
        QCOMPARE(j[QStringLiteral("uuid")].toString(), QStringLiteral("uuid-1"));
        QCOMPARE(j[QStringLiteral("body")].toString(), QStringLiteral("00ff"));
        const QJsonArray ms = j[QStringLiteral("metrics")].toArray();
        QCOMPARE(ms.size(), qsizetype(p.metrics.size()));
        // Which oneof member holds the value, and what the reference reads in it.
        const QStringList expected = {QStringLiteral("int_value=4294967291"),
                                      QStringLiteral("int_value=4294966996"),
                                      QStringLiteral("int_value=2147483648"),
                                      QStringLiteral("long_value=18446742839141661493"),
                                      QStringLiteral("int_value=200"),
                                      QStringLiteral("int_value=65535"),
                                      QStringLiteral("int_value=4294967295"),
                                      QStringLiteral("long_value=9007199254740992"),
                                      QStringLiteral("float_value=nan"),
                                      QStringLiteral("float_value=-inf"),
                                      QStringLiteral("double_value=0.1"),
                                      QStringLiteral("boolean_value=true"),
                                      QStringLiteral("string_value=泵站 1号"),
                                      QStringLiteral("long_value=1650006388943"),
                                      QStringLiteral("string_value=text"),
                                      QStringLiteral("string_value=0b8d6c2e"),
                                      QStringLiteral("none"),
                                      QStringLiteral("double_value=1.5"),
                                      QStringLiteral("double_value=2.5"),
                                      QStringLiteral("int_value=7")};
        for (qsizetype i = 0; i < ms.size(); ++i) {
            const QJsonObject m = ms[i].toObject();
            QString value = QStringLiteral("none");
            for (const char* key : {"int_value", "long_value", "float_value", "double_value",
                                    "boolean_value", "string_value"}) {
                const QJsonValue v = m[QLatin1String(key)];
                if (!v.isUndefined())
                    value = QLatin1String(key) + QLatin1Char('=') +
                            (v.isBool()     ? QLatin1String(v.toBool() ? "true" : "false")
                             : v.isString() ? v.toString()
                                            : QString::number(u64(v)));
            }
            QCOMPARE(value, expected[i]);
            QCOMPARE(m[QStringLiteral("datatype")].toInt(), int(p.metrics[size_t(i)].type));
            QCOMPARE(m[QStringLiteral("name")].toString(), p.metrics[size_t(i)].name);
            QCOMPARE(u64(m[QStringLiteral("timestamp")]), T);
            QCOMPARE(m[QStringLiteral("is_null")].toBool(), i == 16);
            QCOMPARE(m[QStringLiteral("is_historical")].toBool(), i == 17);
            QCOMPARE(m[QStringLiteral("is_transient")].toBool(), i == 17);
        }
        QVERIFY(!ms[18].toObject().contains(QStringLiteral("name")));
        QCOMPARE(ms[18].toObject()[QStringLiteral("alias")].toInt(), 18);
        const QJsonObject quality = ms[19]
                                        .toObject()[QStringLiteral("properties")]
                                        .toObject()[QStringLiteral("Quality")]
                                        .toObject();
        QCOMPARE(quality[QStringLiteral("type")].toInt(), 3); // Int32
        QCOMPARE(u64(quality[QStringLiteral("int_value")]), 4294967295u);

        // Datatypes::Omit: none written, values still in their type's field.
        f.open(QIODevice::WriteOnly);
        f.write(encode(p, Datatypes::Omit));
        f.close();
        const QByteArray omitted = peer.run({QStringLiteral("read"), f.fileName()});
        QVERIFY(!omitted.isEmpty());
        QVERIFY(!omitted.contains("datatype"));
        QVERIFY(omitted.contains("\"int_value\": 4294967291"));
    }

    void truncatedAtEveryByte()
    {
        // A real NBIRTH (python3-protobuf wrote it) cut at every byte: never a crash; either an
        // error with its offset, or a prefix of the whole (a cut between metrics).
        QFile f(QStringLiteral(PUMPWATCH_SOURCE_DIR
                               "/tests/fuzz/corpus/sparkplug/nbirth-aliases-properties"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray whole = f.readAll();
        Payload full, p;
        QVERIFY(decode(whole, &full));
        QCOMPARE(full.metrics.size(), 23u);
        int prefixes = 0;
        for (qsizetype n = 0; n < whole.size(); ++n) {
            QString error;
            if (!decode(whole.first(n), &p, &error)) {
                QVERIFY2(error.contains(QStringLiteral(" at byte ")), qPrintable(error));
                continue;
            }
            ++prefixes;
            QVERIFY(p.metrics.size() <= full.metrics.size());
            QVERIFY(!p.timestampMs || p.timestampMs == full.timestampMs);
            QVERIFY(!p.seq || p.seq == full.seq); // written after the metrics, then uuid
            QVERIFY(p.uuid.isEmpty());
            for (size_t i = 0; i < p.metrics.size(); ++i)
                compare(p.metrics[i], full.metrics[i]);
        }
        // Empty, timestamp only, after each metric, after seq (the uuid cut).
        QCOMPARE(prefixes, 1 + 1 + 23 + 1);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("error");
        QTest::newRow("huge length") << payloadOf({0x12, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F})
                                     << "length beyond the end of the data at byte 1";
        QTest::newRow("timestamp as bytes")
            << payloadOf({0x0A, 0x00}) << "wrong wire type for a known field at byte 0";
        QTest::newRow("datatype as fixed32") << payloadOf({0x12, 0x05, 0x25, 0, 0, 0, 0})
                                             << "metric 0: wrong wire type for a known field "
                                                "at byte 2";
        QTest::newRow("Float in string_value")
            << payloadOf({0x12, 0x08, 0x0A, 0x01, 'm', 0x20, 0x09, 0x7A, 0x01, 'x'})
            << "metric 0 \"m\": datatype Float with a value of another kind at byte 7";
        QTest::newRow("Int32 without value") << payloadOf({0x12, 0x02, 0x20, 0x03})
                                             << "metric 0: no value and not is_null at byte 4";
        QTest::newRow("truncated varint")
            << payloadOf({0x08, 0xFF}) << "truncated varint at byte 1";
        QTest::newRow("11-byte varint")
            << payloadOf({0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01})
            << "varint longer than 10 bytes at byte 1";
        QTest::newRow("truncated double")
            << payloadOf({0x12, 0x03, 0x69, 0, 0}) << "metric 0: truncated fixed64 at byte 3";
        QTest::newRow("wire type 6") << payloadOf({0x3E}) << "invalid wire type at byte 1";
        QTest::newRow("field 0") << payloadOf({0x00}) << "invalid field number at byte 0";
        QTest::newRow("lone end-group") << payloadOf({0x3C}) << "unexpected end-group at byte 1";
        QTest::newRow("open group")
            << payloadOf({0x3B, 0x08, 0x01}) << "truncated varint at byte 3";
        // properties {keys ["Quality"], values [{type String, string_value "x"}]}
        QTest::newRow("Quality as string")
            << payloadOf({0x12, 0x16, 0x4A, 0x10, 0x0A, 0x07, 'Q',  'u', 'a',  'l',  'i',  't',
                          'y',  0x12, 0x05, 0x08, 0x0C, 0x42, 0x01, 'x', 0x20, 0x03, 0x50, 0x01})
            << "metric 0: property Quality without an integer value at byte 20";
        QTest::newRow("larger than 1 MiB")
            << QByteArray(MaxPayloadBytes + 1, 0) << "payload larger than 1 MiB at byte 1048576";
    }
    void malformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, error);
        Payload p;
        QString why;
        QVERIFY(!decode(bytes, &p, &why));
        QCOMPARE(why, error);
        QVERIFY(!decode(bytes, &p)); // no error string wanted: still refused
    }

    void skipsUnknownFieldsAndGroups()
    {
        const QByteArray bytes = payloadOf({
            0x4B, 0x08, 0x05, 0x13, 0x14, 0x4C,                      // group 9 {varint, group 2 {}}
            0x12, 0x15,                                              // metric:
            0x20, 0x0A, 0x69, 0,    0,    0,    0, 0, 0, 0xF8, 0x3F, // Double 1.5
            0xF1, 0x01, 1,    2,    3,    4,    5, 6, 7, 8,          // field 30, fixed64
            0x42, 0x00,                                              // metadata {}
            0x18, 0x07,                                              // seq 7
            0xAD, 0x02, 1,    2,    3,    4,                         // field 37, fixed32
        });
        Payload p;
        QString error;
        QVERIFY2(decode(bytes, &p, &error), qPrintable(error));
        QCOMPARE(p.seq, 7u);
        QCOMPARE(p.metrics.size(), 1u);
        QCOMPARE(p.metrics[0].value, 1.5);
    }

    void tooManyMetrics()
    {
        QByteArray bytes;
        for (int i = 0; i < MaxMetrics; ++i)
            bytes += payloadOf({0x12, 0x00});
        Payload p;
        QVERIFY(decode(bytes, &p));
        QCOMPARE(p.metrics.size(), size_t(MaxMetrics));
        bytes += payloadOf({0x12, 0x00});
        QString error;
        QVERIFY(!decode(bytes, &p, &error));
        QCOMPARE(error, QStringLiteral("more than 65536 metrics at byte 131072"));
    }

    void topics_data()
    {
        QTest::addColumn<QByteArray>("topic");
        QTest::addColumn<MessageType>("type"); // Invalid: refused
        QTest::addColumn<QString>("ids");      // group|node|device|host
        QTest::newRow("NBIRTH") << QByteArray("spBv1.0/Zunyi/NBIRTH/gw-01") << MessageType::NBirth
                                << "Zunyi|gw-01||";
        QTest::newRow("DDATA") << QByteArray("spBv1.0/Zunyi/DDATA/gw-01/泵站1")
                               << MessageType::DData << "Zunyi|gw-01|泵站1|";
        QTest::newRow("NCMD") << QByteArray("spBv1.0/g/NCMD/n") << MessageType::NCmd << "g|n||";
        QTest::newRow("DDEATH") << QByteArray("spBv1.0/g/DDEATH/n/d") << MessageType::DDeath
                                << "g|n|d|";
        QTest::newRow("STATE 3.0")
            << QByteArray("spBv1.0/STATE/scada-1") << MessageType::State << "|||scada-1";
        QTest::newRow("STATE 2.2")
            << QByteArray("STATE/scada-1") << MessageType::State << "|||scada-1";
        QTest::newRow("device on NBIRTH")
            << QByteArray("spBv1.0/g/NBIRTH/n/d") << MessageType::Invalid << "";
        QTest::newRow("no device on DDATA")
            << QByteArray("spBv1.0/g/DDATA/n") << MessageType::Invalid << "";
        QTest::newRow("+ in node") << QByteArray("spBv1.0/g/NDATA/+") << MessageType::Invalid << "";
        QTest::newRow("# in device")
            << QByteArray("spBv1.0/g/DDATA/n/a#") << MessageType::Invalid << "";
        QTest::newRow("empty group")
            << QByteArray("spBv1.0//NDATA/n") << MessageType::Invalid << "";
        QTest::newRow("spAv1.0") << QByteArray("spAv1.0/g/NDATA/n") << MessageType::Invalid << "";
        QTest::newRow("lower case type")
            << QByteArray("spBv1.0/g/ndata/n") << MessageType::Invalid << "";
        QTest::newRow("STATE with device")
            << QByteArray("spBv1.0/STATE/h/x") << MessageType::Invalid << "";
        QTest::newRow("empty host") << QByteArray("spBv1.0/STATE/") << MessageType::Invalid << "";
        QTest::newRow("too deep") << QByteArray("spBv1.0/g/DDATA/n/d/e") << MessageType::Invalid
                                  << "";
        QTest::newRow("empty") << QByteArray() << MessageType::Invalid << "";
    }
    void topics()
    {
        QFETCH(QByteArray, topic);
        QFETCH(MessageType, type);
        QFETCH(QString, ids);
        QString error;
        const std::optional<Topic> t = parseTopic(topic, &error);
        if (type == MessageType::Invalid) {
            QVERIFY(!t);
            QVERIFY(!error.isEmpty());
            return;
        }
        QVERIFY2(t, qPrintable(error));
        QCOMPARE(t->type, type);
        QCOMPARE(QStringList({t->group, t->node, t->device, t->hostId}).join(QLatin1Char('|')),
                 ids);
        QCOMPARE(topicName(*t), topic);
    }
    void topicNames()
    {
        QString error;
        QVERIFY(!parseTopic("spBv1.0/g/DDATA/n", &error));
        QCOMPARE(error, QStringLiteral("DDATA without a device id"));
        QVERIFY(!parseTopic("spBv1.0/g/NBIRTH/n/d", &error));
        QCOMPARE(error, QStringLiteral("NBIRTH with a device id"));
        Topic t{MessageType::NCmd, QStringLiteral("g"), QStringLiteral("n"), {}, {}, false};
        QCOMPARE(topicName(t), QByteArray("spBv1.0/g/NCMD/n"));
    }

    void state()
    {
        QCOMPARE(encodeState({true, 1650006388943}),
                 QByteArray(R"({"online":true,"timestamp":1650006388943})"));
        QCOMPARE(encodeState({false, 5}), QByteArray(R"({"online":false,"timestamp":5})"));
        QCOMPARE(parseState(R"({"online":true,"timestamp":1650006388943})"),
                 HostState({true, 1650006388943}));
        QCOMPARE(parseState(R"( {"timestamp": 7, "online": false} )"), HostState({false, 7}));
        QCOMPARE(parseState("ONLINE"), HostState({true, 0}));
        QCOMPARE(parseState("OFFLINE"), HostState({false, 0}));
        QVERIFY(!parseState("online"));
        QVERIFY(!parseState(R"({"online":"true","timestamp":1})"));
        QVERIFY(!parseState(R"({"online":true,"timestamp":-1})"));
        QVERIFY(!parseState(R"({"online":true,"timestamp":1.5})"));
        QVERIFY(!parseState(R"({"timestamp":1})"));
        QVERIFY(!parseState(""));
    }
};

QTEST_GUILESS_MAIN(tst_Sparkplug)
#include "tst_sparkplug.moc"
