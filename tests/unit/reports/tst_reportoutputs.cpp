// The exact figures of reports built from known history (knownhistory.h) in every output: the
// CSV, the .xlsx as openpyxl reads it (numbers as numbers, totals as formulas with their cached
// values), the PDF as pdftotext reads it and the .odt's content. The production day 2026-11-20
// of 北郊水厂 二号线 is 1713.333 m³ (a gap interpolated), the other lines 1680; the energy
// report's S5 used 504 kWh, 0.300 kWh/m³, 162 / 246 / 96 kWh at peak / flat / valley, ¥338.40.
#include "knownhistory.h"

#include <reports/csvexport.h>
#include <reports/render/odtexport.h>
#include <reports/render/reportpainter.h>
#include <reports/reportbuilder.h>
#include <reports/xlsxexport.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace PumpWatch;
using namespace PumpWatch::Reports;
using namespace PumpWatch::Test::Known;

namespace {

QByteArray run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning().noquote() << program << args << "failed:" << p.readAllStandardError();
        return {};
    }
    return p.readAllStandardOutput();
}

/// "A1"-style name of grid cell (row, column) under the title and subtitles.
QString sheetRef(const Report& r, int row, int column)
{
    return QChar(u'A' + column) + QString::number(1 + int(r.subtitles.size()) + row + 1);
}

} // namespace

class tst_ReportOutputs : public QObject {
    Q_OBJECT

    QTemporaryDir m_tmp;
    Report m_production;
    Report m_energy;
    int m_day20 = -1; ///< the production report's row of 2026-11-20
    int m_s5 = -1;    ///< the energy report's row of S5

    QString file(const char* name) const { return m_tmp.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        const Project project = Test::Known::project();
        QString error;
        const auto url = *History::DatabaseUrl::parse(
            QStringLiteral("sqlite:") + m_tmp.filePath(QStringLiteral("h.db")), &error);
        QVERIFY2(write(project, url, m_tmp.filePath(QStringLiteral("spool")), &error),
                 qPrintable(error));
        History::HistoryReader reader(project, url);
        QVERIFY2(reader.open(&error), qPrintable(error));
        ReportBuilder builder(project, reader);
        const ReportOptions options{End + 5000, QStringLiteral("李四")};
        auto production =
            builder.production({ReportPeriod::Month, QDate(2026, 11, 1)}, options, &error);
        QVERIFY2(production, qPrintable(error));
        m_production = *production;
        auto energy = builder.energy({ReportPeriod::Day, QDate(2026, 11, 20)}, options, &error);
        QVERIFY2(energy, qPrintable(error));
        m_energy = *energy;
        for (int i = 0; i < m_production.rowCount(); ++i) {
            if (m_production.cell(i, 0).text == QStringLiteral("2026-11-20"))
                m_day20 = i;
        }
        for (int i = 0; i < m_energy.rowCount(); ++i) {
            if (m_energy.cell(i, 0).text == QStringLiteral("(A)澳门路口"))
                m_s5 = i;
        }
        QVERIFY(m_day20 > 0 && m_s5 > 0);
        QCOMPARE(m_production.cell(m_day20, 1).displayText(), QStringLiteral("1713"));
    }

    void csv()
    {
        QString error;
        QVERIFY2(writeCsv(m_production, file("p.csv"), &error), qPrintable(error));
        QFile f(file("p.csv"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY2(
            text.contains(QStringLiteral("\r\n2026-11-20,1713,1680,3393,1680,1680,3360,6753\r\n")),
            qPrintable(text.left(2000)));
        QVERIFY(text.contains(QStringLiteral("\r\n2026-11-18,,,,,,,\r\n"))); // blank, not 0
        QVERIFY2(writeCsv(m_energy, file("e.csv"), &error), qPrintable(error));
        QFile e(file("e.csv"));
        QVERIFY(e.open(QIODevice::ReadOnly));
        const QString energy = QString::fromUtf8(e.readAll());
        QVERIFY2(energy.contains(QStringLiteral(
                     "(A)澳门路口,504.0,1680,0.300,750.0,37.0,162.0,246.0,96.0,338.40,")),
                 qPrintable(energy));
    }

    void xlsx()
    {
        QString error;
        QVERIFY2(writeXlsx(m_production, file("p.xlsx"), &error), qPrintable(error));
        const QJsonObject facts =
            QJsonDocument::fromJson(
                run(QStringLiteral("/usr/bin/python3"),
                    {QStringLiteral(PUMPWATCH_SOURCE_DIR "/tests/unit/reports/check_xlsx.py"),
                     file("p.xlsx")}))
                .object();
        const QJsonObject cells = facts[u"sheets"].toArray().at(0).toObject()[u"cells"].toObject();
        const auto cell = [&](int row, int column) {
            return cells[sheetRef(m_production, row, column)].toObject();
        };
        QVERIFY(!cells.isEmpty());
        QCOMPARE(cell(m_day20, 0)[u"value"].toString(), QStringLiteral("2026-11-20"));
        QVERIFY(qAbs(cell(m_day20, 1)[u"value"].toDouble() -
                     (1680.0 + 200.0 * 50 / 150 - 40.0 * 50 / 60)) < 1e-6);
        QCOMPARE(cell(m_day20, 2)[u"value"].toDouble(), 1680.0);
        QCOMPARE(cell(m_day20, 1)[u"format"].toString(), QStringLiteral("0"));
        const QJsonObject total = cell(m_day20, 7);
        QVERIFY2(total[u"value"].toString().startsWith(QStringLiteral("=SUM(")),
                 qPrintable(total[u"value"].toString()));
        QVERIFY(qAbs(total[u"cached"].toDouble() - *m_production.cell(m_day20, 7).value) < 1e-6);
        QVERIFY(qAbs(total[u"recomputed"].toDouble() - total[u"cached"].toDouble()) < 1e-6);
        QVERIFY(cell(m_day20 - 2, 1)[u"value"].isNull()); // 11-18: blank, not 0
        QVERIFY(cell(m_day20, 1)[u"comment"].toString().contains(QStringLiteral("11-21 07:10")));
    }

    void pdfAndOdt()
    {
        QString error;
        QVERIFY2(writePdf(m_energy, file("e.pdf"), &error), qPrintable(error));
        const QString text =
            QString::fromUtf8(run(QStringLiteral("pdftotext"),
                                  {QStringLiteral("-layout"), file("e.pdf"), QStringLiteral("-")}));
        QVERIFY(!text.isEmpty());
        // The S5 row: kWh, m³, kWh/m³, kWh/(km³·MPa), efficiency, peak / flat / valley kWh, cost.
        const QString s5 =
            text.section(QStringLiteral("(A)澳门路口"), 1).section(u'\n', 0, 0).simplified();
        QVERIFY2(
            s5.startsWith(QStringLiteral("504.0 1680 0.300 750.0 37.0 162.0 246.0 96.0 338.40")),
            qPrintable(s5));
        QVERIFY2(writeOdt(m_production, file("p.odt"), &error), qPrintable(error));
        const QString content =
            QString::fromUtf8(run(QStringLiteral("unzip"), {QStringLiteral("-p"), file("p.odt"),
                                                            QStringLiteral("content.xml")}));
        QVERIFY(content.contains(QStringLiteral(">6753<")));
        QVERIFY(content.contains(QStringLiteral(">1713<")));
    }
};

QTEST_MAIN(tst_ReportOutputs)
#include "tst_reportoutputs.moc"
