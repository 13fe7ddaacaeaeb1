// ValueFormat: what the dispatcher reads in every view — the quantity's precision, no scientific
// notation, no "-0.000", digital points as their state, untrusted values marked.
#include <core/valueformat.h>

#include <QLocale>
#include <QTest>

using namespace PumpWatch;

namespace {
TagDef tag(Quantity quantity, const char* unit)
{
    TagDef t;
    t.quantity = quantity;
    t.unit = QString::fromUtf8(unit);
    return t;
}
} // namespace

class tst_ValueFormat : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void text_data()
    {
        QTest::addColumn<int>("quantity");
        QTest::addColumn<QString>("unit");
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("expected");
        auto row = [](const char* name, Quantity q, const char* unit, double v, const char* e) {
            QTest::newRow(name) << int(q) << QString::fromUtf8(unit) << v << QString::fromUtf8(e);
        };
        row("pressure-raw-float", Quantity::Pressure, "MPa", 0.3986470, "0.399 MPa");
        row("pressure-tiny-negative", Quantity::Pressure, "MPa", -2.874e-06, "0.000 MPa");
        row("pressure-kpa", Quantity::Pressure, "kPa", 398.647, "398.6 kPa");
        row("frequency", Quantity::Frequency, "Hz", 44.8977, "44.9 Hz");
        row("flow", Quantity::Flow, "m³/h", 287.0687, "287.1 m³/h");
        row("totalizer-grouped", Quantity::Totalizer, "m³", 422755.2, "422,755 m³");
        row("level-empty-tank", Quantity::Level, "m", -0.0005, "0.00 m");
        row("energy", Quantity::Energy, "kWh", 69775.07, "69,775 kWh");
        row("power-factor", Quantity::PowerFactor, "", 0.8718069, "0.87");
        row("voltage", Quantity::Voltage, "V", 384.3736, "384 V");
        row("turbidity", Quantity::Turbidity, "NTU", 1.100811, "1.10 NTU");
        row("huge-never-scientific", Quantity::Generic, "", 1.5e12, "1,500,000,000,000.00");
        row("running-on", Quantity::Running, "", 1, "Running");
        row("running-off", Quantity::Running, "", 0, "Stopped");
        row("fault-off", Quantity::Fault, "", 0, "Normal");
        row("fault-on", Quantity::Fault, "", 1, "Fault");
        row("valve-open", Quantity::ValveOpen, "", 1, "Fully open");
        row("power-fail", Quantity::PowerFail, "", 1, "Power failure");
        row("nan", Quantity::Pressure, "MPa", std::nan(""), "—");
    }
    void text()
    {
        QFETCH(int, quantity);
        QFETCH(QString, unit);
        QFETCH(double, value);
        QFETCH(QString, expected);
        const QString got =
            ValueFormat::text(tag(Quantity(quantity), unit.toUtf8().constData()), value);
        QCOMPARE(got, expected);
        QVERIFY2(!got.contains(u'e') || ValueFormat::isDigital(Quantity(quantity)),
                 qPrintable(got));
    }

    void tones()
    {
        QCOMPARE(ValueFormat::tone(tag(Quantity::Running, ""), 1), ValueTone::Active);
        QCOMPARE(ValueFormat::tone(tag(Quantity::Running, ""), 0), ValueTone::Inactive);
        QCOMPARE(ValueFormat::tone(tag(Quantity::Fault, ""), 1), ValueTone::Fault);
        QCOMPARE(ValueFormat::tone(tag(Quantity::Fault, ""), 0), ValueTone::Plain);
        QCOMPARE(ValueFormat::tone(tag(Quantity::Pressure, "MPa"), 1), ValueTone::Plain);
    }

    void shown_data()
    {
        QTest::addColumn<int>("quality");
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("trusted");
        QTest::addColumn<QString>("toolTipHas");
        QTest::newRow("good") << int(Quality::Good) << "0.399 MPa" << true << "";
        QTest::newRow("stale") << int(Quality::UncertainStale) << "0.399 MPa ?" << false << "stale";
        QTest::newRow("comm") << int(Quality::BadCommFailure) << "0.399 MPa ?" << false
                              << "comm failure";
        QTest::newRow("sensor") << int(Quality::BadSensorFault) << "####" << false
                                << "raw value 0.398647";
        QTest::newRow("never") << int(Quality::Unknown) << "—" << false << "no value yet";
    }
    void shown()
    {
        QFETCH(int, quality);
        QFETCH(QString, text);
        QFETCH(bool, trusted);
        QFETCH(QString, toolTipHas);
        const ShownValue s =
            ValueFormat::shown(tag(Quantity::Pressure, "MPa"), 0.398647, Quality(quality));
        QCOMPARE(s.text, text);
        QCOMPARE(s.trusted, trusted);
        QVERIFY2(s.toolTip.contains(toolTipHas), qPrintable(s.toolTip));
    }
};

QTEST_GUILESS_MAIN(tst_ValueFormat)
#include "tst_valueformat.moc"
