#include <core/quantity.h>

#include <QTest>

using namespace PumpWatch;

Q_DECLARE_METATYPE(Quantity)
Q_DECLARE_METATYPE(Aggregation)

class tst_Quantity : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void units_data()
    {
        QTest::addColumn<Quantity>("quantity");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("symbol"); // empty: not a unit of the quantity
        QTest::addColumn<double>("toCanonical");
        QTest::newRow("MPa") << Quantity::Pressure << "MPa"
                             << "MPa" << 1.0;
        QTest::newRow("seed Kg") << Quantity::Pressure << "Kg"
                                 << "kgf/cm²" << 0.0980665;
        QTest::newRow("kPa") << Quantity::Pressure << "kPa"
                             << "kPa" << 0.001;
        QTest::newRow("m3/h ascii") << Quantity::Flow << "m3/h"
                                    << "m³/h" << 1.0;
        QTest::newRow("seed M3/h") << Quantity::Flow << "M3/h"
                                   << "m³/h" << 1.0;
        QTest::newRow("L/s") << Quantity::Flow << "L/s"
                             << "L/s" << 3.6;
        QTest::newRow("seed KWh") << Quantity::Energy << "KWh"
                                  << "kWh" << 1.0;
        QTest::newRow("du") << Quantity::Energy << "度"
                            << "kWh" << 1.0;
        QTest::newRow("celsius sign") << Quantity::Temperature << "℃"
                                      << "°C" << 1.0;
        QTest::newRow("power factor") << Quantity::PowerFactor << ""
                                      << "" << 1.0;
        QTest::newRow("flow unit on pressure") << Quantity::Pressure << "m³/h" << QString() << 0.0;
        QTest::newRow("unknown") << Quantity::Level << "furlong" << QString() << 0.0;
    }

    void units()
    {
        QFETCH(Quantity, quantity);
        QFETCH(QString, text);
        QFETCH(QString, symbol);
        QFETCH(double, toCanonical);
        const Unit* unit = findUnit(quantity, text);
        if (symbol.isNull()) {
            QVERIFY(!unit);
            return;
        }
        QVERIFY(unit);
        QCOMPARE(QString::fromUtf8(unit->symbol), symbol);
        QCOMPARE(unit->toCanonical, toCanonical);
    }

    void aggregation_data()
    {
        QTest::addColumn<Quantity>("quantity");
        QTest::addColumn<Aggregation>("aggregation");
        QTest::newRow("totalizer is a counter") << Quantity::Totalizer << Aggregation::Counter;
        QTest::newRow("energy is a counter") << Quantity::Energy << Aggregation::Counter;
        QTest::newRow("pressure") << Quantity::Pressure << Aggregation::Instantaneous;
        QTest::newRow("pump running") << Quantity::Running << Aggregation::State;
        QTest::newRow("power failure") << Quantity::PowerFail << Aggregation::State;
    }

    void aggregation()
    {
        QFETCH(Quantity, quantity);
        QFETCH(Aggregation, aggregation);
        QCOMPARE(quantityInfo(quantity).aggregation, aggregation);
    }

    void codesRoundTrip()
    {
        for (const QuantityInfo& info : allQuantities()) {
            if (info.quantity == Quantity::Unknown)
                continue;
            QCOMPARE(quantityFromCode(quantityCode(info.quantity)), info.quantity);
            QVERIFY2(info.aggregation != Aggregation::Unknown, info.code);
            // Every quantity except generic numbers has its canonical unit in the unit table.
            if (info.quantity != Quantity::Generic)
                QVERIFY2(findUnit(info.quantity, QString::fromUtf8(info.canonicalUnit)), info.code);
        }
        QCOMPARE(quantityFromCode(u"pressur"), Quantity::Unknown);
    }

    void symbolsForMessages()
    {
        QCOMPARE(unitSymbols(Quantity::Flow), QStringLiteral("m³/h, L/s"));
    }
};

QTEST_APPLESS_MAIN(tst_Quantity)
#include "tst_quantity.moc"
