// The Neuron JSON codec against the messages of Neuron's docs (docs/api/english/mqtt.md, whose
// examples are written here without their trailing commas, which Neuron itself never sends).
#include <core/translator.h>

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTest>

#include <algorithm>
#include <mqtt/neuron.h>

using namespace PumpWatch::Mqtt;
using namespace PumpWatch::Mqtt::Neuron;

namespace {

TagValue number(const char* name, double v)
{
    return {QString::fromUtf8(name), v, {}, ValueKind::Number, 0};
}
TagValue flag(const char* name, bool v)
{
    return {QString::fromUtf8(name), v ? 1.0 : 0.0, {}, ValueKind::Bool, 0};
}
TagValue string(const char* name, const QString& text)
{
    return {QString::fromUtf8(name), 0, text, ValueKind::String, 0};
}
TagValue failed(const char* name, int code)
{
    return {QString::fromUtf8(name), 0, {}, ValueKind::Number, code};
}

Upload parsed(const QByteArray& json)
{
    Upload u;
    QString error;
    if (!parseUpload(json, &u, &error))
        qWarning() << "refused:" << error;
    return u;
}

std::vector<TagValue> byName(std::vector<TagValue> tags)
{
    std::sort(tags.begin(), tags.end(), [](auto& a, auto& b) { return a.name < b.name; });
    return tags;
}

QStringList problems(const Upload& u)
{
    return QStringList(u.problems.begin(), u.problems.end());
}

const QByteArray ValuesDoc = R"({"timestamp":1650006388943,"node":"modbus","group":"grp",
    "values":{"tag0":123},"errors":{"tag1":2014},"metas":{}})";
const QByteArray TagsDoc = R"({"timestamp":1647497389075,"node":"modbus","group":"grp",
    "tags":[{"name":"tag0","value":123},{"name":"tag1","error":2014}]})";
const QByteArray WriteOneDoc = R"({"uuid":"cd32be1b-c8b1-3257-94af-77f847b1ed3e",
    "node":"modbus","group":"grp","tag":"tag0","value":1234})";
const QByteArray WriteTagsDoc = R"({"uuid":"cd32be1b-c8b1-3257-94af-77f847b1ed3e",
    "node":"modbus","group":"grp","tags":[{"tag":"tag0","value":1234},{"tag":"tag1","value":5678}]})";
const QByteArray WriteResponseDoc = R"({"uuid":"cd32be1b-c8b1-3257-94af-77f847b1ed3e","error":0})";

/// A pump station's group as a gateway publishes it: 36 values and 4 errors.
Upload stationGroup()
{
    Upload u{1650006388943, QStringLiteral("pz-s017"), QStringLiteral("fast"), {}, {}, {}};
    for (int i = 0; i < 40; ++i) {
        const QByteArray name = "P" + QByteArray::number(i) + "_pressure";
        if (i % 10 == 9)
            u.tags.push_back(failed(name.constData(), 3015));
        else if (i % 5 == 0)
            u.tags.push_back(flag(name.constData(), i % 2 == 0));
        else
            u.tags.push_back(number(name.constData(), 0.25 + i * 1.37));
    }
    return u;
}

} // namespace

class tst_Neuron : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void valuesFormat()
    {
        const Upload u = parsed(R"({"timestamp":1650006388943,"node":"modbus","group":"grp",
            "values":{"tag0":123,"b":true,"c":false,"f":-1.25,"s":"run 运行"},
            "errors":{"tag1":2014,"t3":3015},"metas":{"tag0":{"q":1}}})");
        QCOMPARE(u.timestampMs, 1650006388943);
        QCOMPARE(u.node, QStringLiteral("modbus"));
        QCOMPARE(u.group, QStringLiteral("grp"));
        QCOMPARE(u.format, Format::Values);
        // Values then errors, each by name.
        const std::vector<TagValue> want{
            flag("b", true),     flag("c", false),   number("f", -1.25),  string("s", "run 运行"),
            number("tag0", 123), failed("t3", 3015), failed("tag1", 2014)};
        QCOMPARE(u.tags, want);
        QCOMPARE(problems(u), QStringList());
    }

    void tagsFormat()
    {
        const Upload u = parsed(R"({"timestamp":1647497389075,"node":"modbus","group":"grp",
            "tags":[{"name":"z","value":1.5},{"name":"tag1","error":2014},
                    {"name":"on","value":true,"q":3},{"name":"tag0","value":"abc"}]})");
        QCOMPARE(u.timestampMs, 1647497389075);
        QCOMPARE(u.format, Format::Tags);
        const std::vector<TagValue> want{number("z", 1.5), failed("tag1", 2014), flag("on", true),
                                         string("tag0", "abc")};
        QCOMPARE(u.tags, want);
        QCOMPARE(problems(u), QStringList());
    }

    void ecpFormat()
    {
        const Upload u = parsed(R"({"timestamp":1647497389075,"node":"modbus","group":"grp",
            "tags":[{"name":"tag_boolean","value":true,"type":1},
                    {"name":"tag_int32_","value":123,"type":2},
                    {"name":"tag_float","value":1.23,"type":3},
                    {"name":"tag_string","value":"abcd","type":4}]})");
        QCOMPARE(u.format, Format::Ecp);
        const std::vector<TagValue> want{flag("tag_boolean", true), number("tag_int32_", 123),
                                         number("tag_float", 1.23), string("tag_string", "abcd")};
        QCOMPARE(u.tags, want);
    }

    /// The simulator's messages are the ones Neuron's docs show, key for key.
    void encodesAsNeuronDoes()
    {
        Upload u{1650006388943,
                 QStringLiteral("modbus"),
                 QStringLiteral("grp"),
                 {number("tag0", 123), failed("tag1", 2014)},
                 {},
                 {}};
        QCOMPARE(QJsonDocument::fromJson(encodeUpload(u, Format::Values)),
                 QJsonDocument::fromJson(ValuesDoc));
        QCOMPARE(encodeUpload(u, Format::Values),
                 QByteArray(R"({"timestamp":1650006388943,"node":"modbus","group":"grp",)"
                            R"("values":{"tag0":123},"errors":{"tag1":2014},"metas":{}})"));
        u.timestampMs = 1647497389075;
        QCOMPARE(QJsonDocument::fromJson(encodeUpload(u, Format::Tags)),
                 QJsonDocument::fromJson(TagsDoc));
        QCOMPARE(
            encodeUpload(u, Format::Tags),
            QByteArray(R"({"timestamp":1647497389075,"node":"modbus","group":"grp",)"
                       R"("tags":[{"name":"tag0","value":123},{"name":"tag1","error":2014}]})"));
        QCOMPARE(encodeUpload(u, Format::Ecp),
                 QByteArray(R"({"timestamp":1647497389075,"node":"modbus","group":"grp",)"
                            R"("tags":[{"name":"tag0","value":123,"type":2}]})"));
    }

    void roundTrip_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("values") << int(Format::Values);
        QTest::newRow("tags") << int(Format::Tags);
        QTest::newRow("ecp") << int(Format::Ecp);
    }

    void roundTrip()
    {
        QFETCH(int, format);
        Upload u = stationGroup();
        u.tags.push_back(number("tiny", 1e-7));
        u.tags.push_back(number("big", 1e300));
        u.tags.push_back(number("third", 1.0 / 3));
        u.tags.push_back(number("negative zero", -0.0));
        u.tags.push_back(number("2^53+2", 9007199254740994.0));
        u.tags.push_back(string("quotes \"and\" \\", QStringLiteral("a\"b\\c\n\t\x01 泵站 😀")));
        u.tags.push_back(string("empty", QString()));
        // A JSON escape can name a lone surrogate, which UTF-8 cannot carry: written back as one.
        u.tags.push_back(number("", 7));
        u.tags.back().name =
            QStringLiteral("lone ") + QChar(0xd800) + QStringLiteral(" end ") + QChar(0xdc00);
        const QByteArray json = encodeUpload(u, Format(format));
        QVERIFY(QJsonDocument::fromJson(json).isObject());
        Upload back;
        QString error;
        QVERIFY2(parseUpload(json, &back, &error), qPrintable(error));
        QCOMPARE(back.timestampMs, u.timestampMs);
        QCOMPARE(back.node, u.node);
        QCOMPARE(back.group, u.group);
        QCOMPARE(back.format, Format(format));
        if (Format(format) == Format::Ecp)
            std::erase_if(u.tags, [](const TagValue& t) { return t.error != 0; });
        QCOMPARE(byName(back.tags), byName(u.tags));
        QCOMPARE(problems(back), QStringList());
    }

    void writeRequestAsDocumented()
    {
        WriteRequest one{QStringLiteral("cd32be1b-c8b1-3257-94af-77f847b1ed3e"),
                         QStringLiteral("modbus"),
                         QStringLiteral("grp"),
                         {{QStringLiteral("tag0"), 1234, {}, ValueKind::Number}}};
        QCOMPARE(QJsonDocument::fromJson(encodeWriteRequest(one)),
                 QJsonDocument::fromJson(WriteOneDoc));
        QCOMPARE(encodeWriteRequest(one),
                 QByteArray(R"({"uuid":"cd32be1b-c8b1-3257-94af-77f847b1ed3e","node":"modbus",)"
                            R"("group":"grp","tag":"tag0","value":1234})"));
        WriteRequest several = one;
        several.tags.push_back({QStringLiteral("tag1"), 5678, {}, ValueKind::Number});
        QCOMPARE(QJsonDocument::fromJson(encodeWriteRequest(several)),
                 QJsonDocument::fromJson(WriteTagsDoc));

        WriteRequest back;
        QString error;
        QVERIFY2(parseWriteRequest(WriteOneDoc, &back, &error), qPrintable(error));
        QCOMPARE(back, one);
        QVERIFY2(parseWriteRequest(WriteTagsDoc, &back, &error), qPrintable(error));
        QCOMPARE(back, several);
    }

    void writeValues_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("json");
        const auto number = int(ValueKind::Number), flag = int(ValueKind::Bool);
        QTest::newRow("bool on is true, not 1") << flag << 1.0 << QString() << QByteArray("true");
        QTest::newRow("bool off is false") << flag << 0.0 << QString() << QByteArray("false");
        QTest::newRow("whole without .0") << number << 1234.0 << QString() << QByteArray("1234");
        QTest::newRow("negative whole") << number << -20.0 << QString() << QByteArray("-20");
        QTest::newRow("setpoint") << number << 0.35 << QString() << QByteArray("0.35");
        QTest::newRow("shortest, not 0.1000…01") << number << 0.1 << QString() << QByteArray("0.1");
        QTest::newRow("beyond 2^53") << number << 1e20 << QString() << QByteArray("1e+20");
        QTest::newRow("nan is null") << number << qQNaN() << QString() << QByteArray("null");
        QTest::newRow("string") << int(ValueKind::String) << 0.0 << QStringLiteral("自动\"1\"")
                                << QByteArray("\"自动\\\"1\\\"\"");
    }

    void writeValues()
    {
        QFETCH(int, kind);
        QFETCH(double, value);
        QFETCH(QString, text);
        QFETCH(QByteArray, json);
        const WriteRequest r{QStringLiteral("u1"),
                             QStringLiteral("n"),
                             QStringLiteral("g"),
                             {{QStringLiteral("t"), value, text, ValueKind(kind)}}};
        QCOMPARE(encodeWriteRequest(r),
                 R"({"uuid":"u1","node":"n","group":"g","tag":"t","value":)" + json + "}");
        WriteRequest back;
        QString error;
        QCOMPARE(parseWriteRequest(encodeWriteRequest(r), &back, &error), !qIsNaN(value));
        if (!qIsNaN(value))
            QCOMPARE(back, r);
    }

    void writeResponse()
    {
        WriteResponse r;
        QString error;
        QVERIFY2(parseWriteResponse(WriteResponseDoc, &r, &error), qPrintable(error));
        QCOMPARE(r, (WriteResponse{QStringLiteral("cd32be1b-c8b1-3257-94af-77f847b1ed3e"), 0}));
        QCOMPARE(encodeWriteResponse(r), WriteResponseDoc);
        const WriteResponse refused{QStringLiteral("x"), 3004};
        QCOMPARE(encodeWriteResponse(refused), QByteArray(R"({"uuid":"x","error":3004})"));
        QVERIFY(parseWriteResponse(encodeWriteResponse(refused), &r, &error));
        QCOMPARE(r, refused);
    }

    void refused_data()
    {
        QTest::addColumn<int>("kind"); // 0 upload, 1 write request, 2 write response
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("error");
        const auto upload = [](const char* row, const QByteArray& json, const char* error) {
            QTest::newRow(row) << 0 << json << QString::fromUtf8(error);
        };
        upload("empty", "", "not JSON at offset 0: illegal value");
        upload("truncated", "{\"timestamp\":1650006388943,\"no",
               "not JSON at offset 31: unterminated string");
        upload("an array", "[1]", "not a JSON object");
        upload("1e400", R"({"timestamp":1,"node":"n","group":"g","values":{"a":1e400}})",
               "not JSON at offset 57: illegal number");
        upload("no timestamp", R"({"node":"n","group":"g","values":{}})", "missing timestamp");
        upload("timestamp string",
               R"({"timestamp":"1650006388943","node":"n","group":"g","values":{}})",
               "timestamp is a string, not a number");
        upload("timestamp fraction",
               R"({"timestamp":1650006388943.5,"node":"n","group":"g","values":{}})",
               "timestamp 1650006388943.5 is not milliseconds since 1970");
        upload("timestamp negative", R"({"timestamp":-1,"node":"n","group":"g","values":{}})",
               "timestamp -1 is not milliseconds since 1970");
        upload("timestamp in µs",
               R"({"timestamp":1650006388943000,"node":"n","group":"g","values":{}})",
               "timestamp 1650006388943000 is not milliseconds since 1970");
        upload("no node", R"({"timestamp":1,"group":"g","values":{}})", "missing node");
        upload("empty group", R"({"timestamp":1,"node":"n","group":"","values":{}})",
               "group is empty, not a name");
        upload("node number", R"({"timestamp":1,"node":7,"group":"g","values":{}})",
               "node is a number, not a name");
        upload("neither", R"({"timestamp":1,"node":"n","group":"g","metas":{}})",
               "neither values nor tags");
        upload("both", R"({"timestamp":1,"node":"n","group":"g","values":{},"tags":[]})",
               "both tags and values: not a Neuron format");
        upload("tags object", R"({"timestamp":1,"node":"n","group":"g","tags":{"a":1}})",
               "tags is an object, not an array");
        upload("values array", R"({"timestamp":1,"node":"n","group":"g","values":[1]})",
               "values is an array, not an object");
        upload("errors null", R"({"timestamp":1,"node":"n","group":"g","errors":null})",
               "errors is null, not an object");
        const QByteArray oversize = R"({"timestamp":1,"node":"n","group":"g","values":{}})" +
                                    QByteArray(MaxPayloadBytes, ' ');
        upload("oversize", oversize,
               "message of 1048626 bytes is larger than 1048576 bytes; not read");

        const auto request = [](const char* row, const QByteArray& json, const char* error) {
            QTest::newRow(row) << 1 << json << QString::fromUtf8(error);
        };
        request("request without uuid", R"({"node":"n","group":"g","tag":"t","value":1})",
                "missing uuid");
        request("request without value", R"({"uuid":"u","node":"n","group":"g","tag":"t"})",
                "tag 't': no value");
        request("request with array value",
                R"({"uuid":"u","node":"n","group":"g","tag":"t","value":[1]})",
                "tag 't': value is an array");
        request("request with no tags", R"({"uuid":"u","node":"n","group":"g","tags":[]})",
                "no tags to write");
        request("request tags[1] not a tag",
                R"({"uuid":"u","node":"n","group":"g","tags":[{"tag":"a","value":1},2]})",
                "tags[1] is a number, not a tag");

        const auto response = [](const char* row, const QByteArray& json, const char* error) {
            QTest::newRow(row) << 2 << json << QString::fromUtf8(error);
        };
        response("response without error", R"({"uuid":"u"})", "missing error");
        response("response error string", R"({"uuid":"u","error":"0"})",
                 "error is a string, not a number");
        response("response error negative", R"({"uuid":"u","error":-1})",
                 "error -1 is not a Neuron error code");
        response("response error fraction", R"({"uuid":"u","error":0.5})",
                 "error 0.5 is not a Neuron error code");
        response("response uuid number", R"({"uuid":1,"error":0})", "uuid is a number, not a name");
    }

    void refused()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, json);
        QFETCH(QString, error);
        QString why;
        Upload u;
        WriteRequest w;
        WriteResponse r;
        const bool ok = kind == 0   ? parseUpload(json, &u, &why)
                        : kind == 1 ? parseWriteRequest(json, &w, &why)
                                    : parseWriteResponse(json, &r, &why);
        QVERIFY(!ok);
        QCOMPARE(why, error);
        QVERIFY(u.tags.empty() && w.tags.empty() && r.error == 0);
    }

    void largestAccepted()
    {
        QByteArray json = R"({"timestamp":1,"node":"n","group":"g","values":{"a":1}})";
        json += QByteArray(MaxPayloadBytes - json.size(), ' ');
        Upload u;
        QString error;
        QVERIFY2(parseUpload(json, &u, &error), qPrintable(error));
        QCOMPARE(u.tags, std::vector<TagValue>{number("a", 1)});
    }

    void tagProblems_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<std::vector<TagValue>>("tags");
        QTest::addColumn<QStringList>("problems");
        QTest::newRow("value kinds we do not read")
            << QByteArray(R"("values":{"a":null,"b":[1,2],"c":{"x":1},"ok":2})")
            << std::vector<TagValue>{number("ok", 2)}
            << QStringList{"tag 'a': value is null; skipped", "tag 'b': value is an array; skipped",
                           "tag 'c': value is an object; skipped"};
        QTest::newRow("value and error, format 0")
            << QByteArray(R"("values":{"a":1,"b":2},"errors":{"a":3015,"b":"x"})")
            << std::vector<TagValue>{number("b", 2), failed("a", 3015)}
            << QStringList{"tag 'a': both a value and an error; taken as the error",
                           "tag 'b': error is a string, not a number; skipped"};
        QTest::newRow("bad error codes, format 0")
            << QByteArray(R"("errors":{"a":0,"b":-3,"c":2.5,"d":1e10,"":3000})")
            << std::vector<TagValue>{}
            << QStringList{"an error without a tag name; skipped",
                           "tag 'a': error 0 without a value; skipped",
                           "tag 'b': error -3 is not a Neuron error code; skipped",
                           "tag 'c': error 2.5 is not a Neuron error code; skipped",
                           "tag 'd': error 10000000000 is not a Neuron error code; skipped"};
        QTest::newRow("format 1")
            << QByteArray(R"("tags":[{"name":"a","value":1},{"name":"a","value":2},3,{"value":1},
                {"name":"","value":1},{"name":"b","value":5,"error":3000},{"name":"c"},
                {"name":"d","value":7,"error":0},{"name":"e","error":0},{"name":"f","value":{}}])")
            << std::vector<TagValue>{number("a", 1), failed("b", 3000), number("d", 7)}
            << QStringList{"tags[2] is a number, not a tag; skipped",
                           "tags[3] has no name; skipped",
                           "tags[4] has no name; skipped",
                           "tag 'b': both a value and an error; taken as the error",
                           "tag 'c': neither value nor error; skipped",
                           "tag 'e': neither value nor error; skipped",
                           "tag 'f': value is an object; skipped",
                           "tag 'a' again at tags[1]; the first kept"};
        QTest::newRow("long name cut")
            << QByteArray(R"("values":{")" + QByteArray(100, 'x') + R"(":null})")
            << std::vector<TagValue>{}
            << QStringList{"tag '" + QString(64, 'x') + "…': value is null; skipped"};
    }

    void tagProblems()
    {
        QFETCH(QByteArray, body);
        QFETCH(std::vector<TagValue>, tags);
        QFETCH(QStringList, problems);
        Upload u;
        QString error;
        QVERIFY2(parseUpload(R"({"timestamp":5,"node":"n","group":"g",)" + body + "}", &u, &error),
                 qPrintable(error));
        QCOMPARE(u.tags, tags);
        QCOMPARE(::problems(u), problems);
    }

    /// A message cut anywhere (a broker or gateway dropping bytes) is refused, with a reason.
    void truncatedAtEveryByte_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("json");
        QTest::newRow("format 0") << 0 << encodeUpload(stationGroup(), Format::Values);
        QTest::newRow("format 1") << 0 << encodeUpload(stationGroup(), Format::Tags);
        QTest::newRow("write one") << 1 << WriteOneDoc;
        QTest::newRow("write several") << 1 << WriteTagsDoc;
        QTest::newRow("write response") << 2 << WriteResponseDoc;
    }

    void truncatedAtEveryByte()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, json);
        for (qsizetype n = 0; n <= json.size(); ++n) {
            const QByteArrayView cut(json.constData(), n);
            QString error;
            Upload u;
            WriteRequest w;
            WriteResponse r;
            const bool ok = kind == 0   ? parseUpload(cut, &u, &error)
                            : kind == 1 ? parseWriteRequest(cut, &w, &error)
                                        : parseWriteResponse(cut, &r, &error);
            if (n == json.size()) {
                QVERIFY2(ok, qPrintable(error));
            } else {
                QVERIFY2(!ok, qPrintable(QString::number(n)));
                QVERIFY(error.startsWith(QStringLiteral("not JSON at offset ")));
            }
        }
    }

    void errorTexts()
    {
        QCOMPARE(errorText(3000), QStringLiteral("read failure"));
        QCOMPARE(errorText(3002), QStringLiteral("plugin disconnected"));
        QCOMPARE(errorText(3015), QStringLiteral("device no response"));
        QCOMPARE(errorText(2201), QStringLiteral("tag does not exist"));
        QCOMPARE(errorText(2014), QStringLiteral("Neuron error 2014"));

        int argc = 1;
        char arg0[] = "tst";
        char* argv[] = {arg0, nullptr};
        QCoreApplication app(argc, argv);
        QVERIFY(PumpWatch::installTranslators(app, QLocale(QLocale::Chinese, QLocale::China)));
        QCOMPARE(errorText(3000), QStringLiteral("读取失败"));
        QCOMPARE(errorText(3002), QStringLiteral("插件未连接"));
        QCOMPARE(errorText(3015), QStringLiteral("设备无响应"));
        QCOMPARE(errorText(2201), QStringLiteral("测点不存在"));
        QCOMPARE(errorText(3004), QStringLiteral("测点不可写"));
        QCOMPARE(errorText(9999), QStringLiteral("Neuron 错误 9999"));
        Upload u;
        QString error;
        QVERIFY(!parseUpload(R"({"node":"n","group":"g","values":{}})", &u, &error));
        QCOMPARE(error, QStringLiteral("缺少 timestamp"));
    }

    /// Information, not a limit: the host reads about 2000 of these a second.
    void parseSpeed_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("format 0") << int(Format::Values);
        QTest::newRow("format 1") << int(Format::Tags);
    }

    void parseSpeed()
    {
        QFETCH(int, format);
        const QByteArray json = encodeUpload(stationGroup(), Format(format));
        constexpr int Runs = 4000;
        Upload u;
        QString error;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < Runs; ++i)
            QVERIFY(parseUpload(json, &u, &error));
        const double us = double(timer.nsecsElapsed()) / Runs / 1000;
        QCOMPARE(u.tags.size(), std::size_t(40));
        qInfo("40 tags, %lld bytes: %.1f µs a message", qlonglong(json.size()), us);
    }
};

QTEST_APPLESS_MAIN(tst_Neuron)
#include "tst_neuron.moc"
