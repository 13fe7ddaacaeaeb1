#include <core/jsonwriter.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace PumpWatch;

class tst_JsonWriter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void layout()
    {
        JsonWriter w;
        w.beginObject();
        w.key("id");
        w.value(u"S0001");
        w.key("location");
        w.beginObject(JsonWriter::Inline);
        w.key("lat");
        w.value(27.7256);
        w.key("lon");
        w.value(106.9272);
        w.endObject();
        w.key("tags");
        w.beginArray();
        w.beginObject(JsonWriter::Inline);
        w.key("key");
        w.value(u"a");
        w.endObject();
        w.endArray();
        w.key("empty");
        w.beginArray();
        w.endArray();
        w.endObject();
        QCOMPARE(w.finish(), QByteArray("{\n"
                                        "    \"id\": \"S0001\",\n"
                                        "    \"location\": {\"lat\": 27.7256, \"lon\": 106.9272},\n"
                                        "    \"tags\": [\n"
                                        "        {\"key\": \"a\"}\n"
                                        "    ],\n"
                                        "    \"empty\": []\n"
                                        "}\n"));
    }

    void numbers_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("shortest, not 0.10000000000000001") << 0.1 << QByteArray("0.1");
        QTest::newRow("integral") << 1000.0 << QByteArray("1000");
        QTest::newRow("negative") << -0.25 << QByteArray("-0.25");
        QTest::newRow("gain") << 0.0980665 << QByteArray("0.0980665");
        QTest::newRow("tiny") << 1e-7 << QByteArray("1e-07");
        QTest::newRow("nan is null") << std::nan("") << QByteArray("null");
    }

    void numbers()
    {
        QFETCH(double, value);
        QFETCH(QByteArray, text);
        JsonWriter w;
        w.value(value);
        QCOMPARE(w.finish(), text + '\n');
    }

    void stringsReadBack_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("chinese") << QStringLiteral("(S)深圳路口(新)");
        QTest::newRow("quotes and backslash") << QStringLiteral("a\"b\\c");
        QTest::newRow("controls") << QStringLiteral("line\nbreak\ttab\x01");
        QTest::newRow("outside the BMP") << QString::fromUtf8("泵房 \xF0\x9F\x92\xA7");
    }

    void stringsReadBack()
    {
        QFETCH(QString, text);
        JsonWriter w;
        w.beginObject();
        w.key("s");
        w.value(text);
        w.endObject();
        const QJsonDocument doc = QJsonDocument::fromJson(w.finish());
        QCOMPARE(doc.object().value(u"s").toString(), text);
    }
};

QTEST_APPLESS_MAIN(tst_JsonWriter)
#include "tst_jsonwriter.moc"
