// Read planning: the fewest requests within the limits, overlapping bits kept together, the
// split that isolates an exception range, and decoding from a block's answer.
#include <acquisition/readplan.h>
#include <core/registercodec.h>
#include <sim/citygenerator.h>

#include <QTest>

using namespace PumpWatch;
using namespace PumpWatch::Acquisition;

namespace {

ReadItem item(TagId tag, AddressArea area, int start, int count, qint8 bit = -1)
{
    ReadItem i;
    i.tag = tag;
    i.location.area = area;
    i.location.start = static_cast<quint16>(start);
    i.location.count = static_cast<quint16>(count);
    i.location.bit = bit;
    i.type = count == 2 ? DataType::Float32 : bit >= 0 ? DataType::Bool : DataType::UInt16;
    return i;
}

/// "HR0+53" per block, for compact comparisons.
QStringList describe(const std::vector<ReadBlock>& blocks)
{
    QStringList out;
    for (const ReadBlock& b : blocks) {
        const char* p = b.area == AddressArea::Coil            ? "CO"
                        : b.area == AddressArea::DiscreteInput ? "DI"
                        : b.area == AddressArea::InputRegister ? "IR"
                                                               : "HR";
        out << QStringLiteral("%1%2+%3").arg(QLatin1String(p)).arg(b.start).arg(b.count);
    }
    return out;
}

constexpr auto HR = AddressArea::HoldingRegister;

} // namespace

class tst_ReadPlan : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void plan_data()
    {
        QTest::addColumn<std::vector<ReadItem>>("items");
        QTest::addColumn<int>("maxGap");
        QTest::addColumn<QStringList>("expected");

        QTest::newRow("adjacent merge")
            << std::vector{item(0, HR, 0, 2), item(1, HR, 2, 2)} << 16 << QStringList{"HR0+4"};
        QTest::newRow("gap within limit")
            << std::vector{item(0, HR, 0, 2), item(1, HR, 12, 2)} << 10 << QStringList{"HR0+14"};
        QTest::newRow("gap beyond limit") << std::vector{item(0, HR, 0, 2), item(1, HR, 13, 2)}
                                          << 10 << QStringList{"HR0+2", "HR13+2"};
        QTest::newRow("unsorted input")
            << std::vector{item(0, HR, 50, 1), item(1, HR, 0, 2)} << 100 << QStringList{"HR0+51"};
        QTest::newRow("120 register cap") << std::vector{item(0, HR, 0, 2), item(1, HR, 100, 2),
                                                         item(2, HR, 118, 2), item(3, HR, 120, 2)}
                                          << 100 << QStringList{"HR0+120", "HR120+2"};
        QTest::newRow("areas never mix")
            << std::vector{item(0, HR, 0, 1), item(1, AddressArea::InputRegister, 1, 1),
                           item(2, AddressArea::Coil, 0, 1), item(3, AddressArea::Coil, 7, 1)}
            << 16 << QStringList{"CO0+8", "IR1+1", "HR0+1"};
        QTest::newRow("bits of one word stay together")
            << std::vector{item(0, HR, 50, 1, 0), item(1, HR, 50, 1, 1), item(2, HR, 50, 1, 15)}
            << 0 << QStringList{"HR50+1"};
        QTest::newRow("no gap allowed")
            << std::vector{item(0, HR, 0, 1), item(1, HR, 1, 1), item(2, HR, 3, 1)} << 0
            << QStringList{"HR0+2", "HR3+1"};
    }

    void plan()
    {
        QFETCH(std::vector<ReadItem>, items);
        QFETCH(int, maxGap);
        QFETCH(QStringList, expected);
        ReadPlanOptions options;
        options.maxGapRegisters = maxGap;
        options.maxGapBits = maxGap;
        const std::vector<ReadBlock> blocks = planReads(items, options);
        QCOMPARE(describe(blocks), expected);
        std::size_t tags = 0;
        for (const ReadBlock& b : blocks) {
            QVERIFY(b.count <= 120);
            tags += b.items.size();
        }
        QCOMPARE(tags, items.size());
    }

    void standardTemplateIsOneRequest()
    {
        // The simulated pump house: 37 tags over VB1000..VB1105 become one 53-register read.
        Sim::CityOptions options;
        options.stations = 1;
        const Project p = Sim::CityGenerator::generate(options);
        const std::vector<ReadBlock> blocks = planReads(readItems(p, 0, 0), {});
        QCOMPARE(describe(blocks), QStringList{"HR0+53"});
        QCOMPARE(blocks[0].items.size(), std::size_t{37});
    }

    void splitIsolatesTheBadRange()
    {
        // Ten floats at HR0..HR19; HR8..HR9 answers an exception. Splitting the block that
        // fails, again and again, leaves the bad float alone and every other float readable.
        std::vector<ReadItem> items;
        for (TagId t = 0; t < 10; ++t)
            items.push_back(item(t, HR, static_cast<int>(t) * 2, 2));
        std::vector<ReadBlock> plan = planReads(items, {});
        QCOMPARE(plan.size(), std::size_t{1});
        auto fails = [](const ReadBlock& b) { return b.start <= 8 && b.start + b.count > 8; };
        int splits = 0;
        for (bool again = true; again;) {
            again = false;
            for (std::size_t i = 0; i < plan.size(); ++i) {
                if (!fails(plan[i]))
                    continue;
                if (auto halves = splitBlock(plan[i])) {
                    plan[i] = halves->first;
                    plan.push_back(halves->second);
                    ++splits;
                    again = true;
                }
            }
        }
        QVERIFY(splits <= 4); // log2(10) rounded up
        int badTags = 0;
        std::size_t tags = 0;
        for (const ReadBlock& b : plan) {
            tags += b.items.size();
            if (fails(b)) {
                badTags += static_cast<int>(b.items.size());
                QCOMPARE(b.start, quint16{8});
                QCOMPARE(b.count, quint16{2});
            }
        }
        QCOMPARE(badTags, 1);
        QCOMPARE(tags, std::size_t{10});
    }

    void sharedWordCannotSplit()
    {
        const ReadBlock b = planReads({item(0, HR, 50, 1, 0), item(1, HR, 50, 1, 3)}, {}).front();
        QVERIFY(!splitBlock(b));
    }

    void decodeAtOffsets()
    {
        // A block from HR10: a CDAB float at HR12, a bit at HR14.5 and a scaled uint16 at HR15.
        ReadItem f = item(1, HR, 12, 2);
        f.order = WordOrder::CDAB;
        ReadItem bit = item(2, HR, 14, 1, 5);
        ReadItem scaled = item(3, HR, 15, 1);
        scaled.scale = {0.1, -5.0};
        const ReadBlock block = planReads({f, bit, scaled}, {}).front();
        QCOMPARE(block.start, quint16{12});
        std::vector<quint16> regs(block.count, 0);
        RegisterCodec::encode(123.45, DataType::Float32, WordOrder::CDAB, {regs.data(), 2});
        regs[2] = 1u << 5;
        regs[3] = 1234;
        QCOMPARE(decodeItem(block, block.items[0], regs), double(123.45f));
        QCOMPARE(decodeItem(block, block.items[1], regs), 1.0);
        QCOMPARE(decodeItem(block, block.items[2], regs), 1234 * 0.1 - 5.0);
    }

    void coilsDecodeOnePerEntry()
    {
        const ReadBlock block =
            planReads({item(0, AddressArea::Coil, 3, 1), item(1, AddressArea::Coil, 5, 1)}, {})
                .front();
        const std::vector<quint16> bits = {1, 0, 0};
        QCOMPARE(decodeItem(block, block.items[0], bits), 1.0);
        QCOMPARE(decodeItem(block, block.items[1], bits), 0.0);
    }
};

QTEST_GUILESS_MAIN(tst_ReadPlan)
#include "tst_readplan.moc"
