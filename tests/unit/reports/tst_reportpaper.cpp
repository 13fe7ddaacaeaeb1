// The report on paper, read back by independent tools: the sample (two-level merged header,
// 40 days, missing / estimated / corrected cells, totals) written as a PDF and checked with
// poppler-utils — a CJK font embedded, the title and 统计口径 on page 1, the header rows
// repeated on every page, every day on the page the layout put it on, "第 X 页 共 Y 页", the
// signatures with the end of the table — and the print preview's images (same page count,
// the corrected cell green); the .odt checked as a zip (mimetype, merged header cells).
//
// The PDF and the preview pages are left under the build's test-output/report-paper/ for a
// person to look at; PUMPWATCH_UPDATE_DOCS=1 rewrites docs/images/report-print-preview.png.
#include "samplereport.h"

#include <reports/render/odtexport.h>
#include <reports/render/reportpainter.h>

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>

using namespace PumpWatch;
using namespace PumpWatch::Reports;

namespace {

const QString kOutputDir = QStringLiteral(PUMPWATCH_BIN_DIR "/../test-output/report-paper");
const QColor kCorrectedFill(0xc6, 0xef, 0xce);
const QColor kHeaderFill(0xe6, 0xe6, 0xe6);

/// Runs a tool and returns what it printed; empty with a failure message when it fails.
QString run(const QString& program, const QStringList& args, QString* failure)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *failure = program + QLatin1Char(' ') + args.join(QLatin1Char(' ')) +
                   QStringLiteral(" failed: ") + QString::fromUtf8(p.readAllStandardError());
        return {};
    }
    return QString::fromUtf8(p.readAllStandardOutput());
}

/// Pixels of `colour`, each channel within `tolerance` (another renderer rounds differently).
int countColour(const QImage& image, const QColor& colour, int tolerance = 0)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    int n = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x)
            n += std::abs(qRed(line[x]) - colour.red()) <= tolerance &&
                 std::abs(qGreen(line[x]) - colour.green()) <= tolerance &&
                 std::abs(qBlue(line[x]) - colour.blue()) <= tolerance;
    }
    return n;
}

/// A one-line-header report of `days` days and a 合计 row, with `notes` long notes.
Report daysReport(int days, int notes)
{
    Report r;
    r.id = QStringLiteral("days-%1").arg(days);
    r.title = QStringLiteral("测试水量报表");
    r.subtitles = {QStringLiteral("单位：m³")};
    r.columns = {{QStringLiteral("日期"), 12}, {QStringLiteral("水量"), 10}};
    r.rows.push_back({Cell::header(QStringLiteral("日期")), Cell::header(QStringLiteral("水量"))});
    for (int d = 0; d < days; ++d)
        r.rows.push_back({Cell::label(QDate(2015, 8, 1).addDays(d).toString(Qt::ISODate)),
                          Cell::number(100 + d, 0)});
    r.rows.push_back({Cell::label(QStringLiteral("合计"), CellRole::Total),
                      Cell::total(Formula::Sum, {{1, 1, days, 1}}, 0)});
    for (int n = 0; n < notes; ++n)
        r.notes << QStringLiteral("第%1条备注：").arg(n + 1) +
                       QStringLiteral("二号线通讯中断，按线性插值分摊，").repeated(8);
    r.signatures = {{QStringLiteral("制表人"), QStringLiteral("李四")}};
    r.finish();
    return r;
}

} // namespace

class tst_ReportPaper : public QObject {
    Q_OBJECT

    QTranslator m_translator;
    QTemporaryDir m_dir;
    Report m_report = Test::sampleProductionReport();
    QString m_pdf;
    int m_pages = 0;

    /// "第 X 页 共 Y 页": the CJK font's spaces are narrow, and pdftotext may drop them.
    static QRegularExpression footer(int page, int pages)
    {
        return QRegularExpression(
            QStringLiteral("第\\s*%1\\s*页\\s*共\\s*%2\\s*页").arg(page).arg(pages));
    }

    /// The text of one page (1-based) of `pdf` (the sample's) as pdftotext lays it out.
    QString pageText(int page, QString pdf = {})
    {
        if (pdf.isEmpty())
            pdf = m_pdf;
        QString failure;
        const QString n = QString::number(page);
        const QString text = run(QStringLiteral("pdftotext"),
                                 {QStringLiteral("-layout"), QStringLiteral("-f"), n,
                                  QStringLiteral("-l"), n, pdf, QStringLiteral("-")},
                                 &failure);
        if (!failure.isEmpty())
            qWarning().noquote() << failure;
        return text;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The workstation's language: the footer and the signature block are tr() strings.
        QVERIFY(m_translator.load(QStringLiteral(":/i18n/pumpwatch_zh_CN.qm")));
        QCoreApplication::installTranslator(&m_translator);
        for (const char* tool : {"pdftotext", "pdffonts", "pdfinfo", "pdftoppm", "unzip"})
            QVERIFY2(!QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty(),
                     qPrintable(QStringLiteral("%1 is missing: run installer/install-deps.sh")
                                    .arg(QString::fromLatin1(tool))));
        QVERIFY(m_report.check().isEmpty());
        QVERIFY(m_dir.isValid());
        m_pdf = m_dir.filePath(QStringLiteral("report.pdf"));
        QString error;
        QVERIFY2(writePdf(m_report, m_pdf, &error), qPrintable(error));
        m_pages = ReportPainter(m_report).pageCount();
        QDir().mkpath(kOutputDir);
        QFile::remove(kOutputDir + QStringLiteral("/report.pdf"));
        QFile::copy(m_pdf, kOutputDir + QStringLiteral("/report.pdf"));
    }

    void cleanupTestCase() { QCoreApplication::removeTranslator(&m_translator); }

    void pageCountAgrees()
    {
        QString failure;
        const QString info = run(QStringLiteral("pdfinfo"), {m_pdf}, &failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        const auto match = QRegularExpression(QStringLiteral("Pages:\\s+(\\d+)")).match(info);
        QVERIFY2(match.hasMatch(), qPrintable(info));
        QCOMPARE(match.captured(1).toInt(), m_pages);
        QVERIFY2(m_pages >= 2, "40 days on A4 landscape at 9 pt take more than one page");
        QCOMPARE(static_cast<int>(previewPages(m_report, 40).size()), m_pages);
        // A4 landscape.
        QVERIFY2(info.contains(
                     QRegularExpression(QStringLiteral("Page size:\\s+84[12](\\.\\d+)? x 595"))),
                 qPrintable(info));
        QVERIFY2(info.contains(QStringLiteral("供排水公司日产量报表")), qPrintable(info));
    }

    void everyBodyRowOnOnePage()
    {
        const ReportPainter paper(m_report);
        int next = m_report.headerRows;
        for (int p = 0; p < paper.pageCount(); ++p) {
            const auto [first, end] = paper.bodyRows(p);
            QCOMPARE(first, next);
            QVERIFY2(end > first, "every page carries rows of the table");
            next = end;
        }
        QCOMPARE(next, m_report.rowCount());
    }

    void signaturesStayWithTheTable_data()
    {
        QTest::addColumn<int>("days");
        QTest::addColumn<int>("notes");
        QTest::addColumn<bool>("readPdf");
        // Every length from one page to four, with short and tall end blocks; the PDF is read
        // back around the lengths where the table ends at the bottom of a page.
        for (int notes : {0, 6}) {
            for (int days = 1; days <= 100; ++days)
                QTest::addRow("%d days, %d notes", days, notes)
                    << days << notes << (days % 5 == 0 || (days >= 24 && days <= 30));
        }
    }
    void signaturesStayWithTheTable()
    {
        QFETCH(int, days);
        QFETCH(int, notes);
        QFETCH(bool, readPdf);
        const Report report = daysReport(days, notes);
        QVERIFY(report.check().isEmpty());
        const ReportPainter paper(report);
        int next = report.headerRows;
        for (int p = 0; p < paper.pageCount(); ++p) {
            const auto [first, end] = paper.bodyRows(p);
            QCOMPARE(first, next);
            QVERIFY2(end > first, qPrintable(QStringLiteral("page %1 has no rows").arg(p + 1)));
            next = end;
        }
        QCOMPARE(next, report.rowCount());
        if (!readPdf)
            return;
        const QString pdf = m_dir.filePath(QStringLiteral("days.pdf"));
        QString error;
        QVERIFY2(writePdf(report, pdf, &error), qPrintable(error));
        QFile::remove(kOutputDir + QStringLiteral("/days.pdf")); // the last one stays to look at
        QFile::copy(pdf, kOutputDir + QStringLiteral("/days.pdf"));
        const QString text = pageText(paper.pageCount(), pdf);
        QVERIFY(text.contains(footer(paper.pageCount(), paper.pageCount())));
        QVERIFY(text.contains(QStringLiteral("制表人：李四")));
        const QString lastDay = QDate(2015, 8, 1).addDays(days - 1).toString(Qt::ISODate);
        QVERIFY2(text.contains(lastDay), qPrintable(text));
        QVERIFY(text.contains(QRegularExpression(QStringLiteral("合计\\s+\\d+"))));
        // Nothing runs into the footer: the last lines are the signatures, then the footer.
        const QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        const auto last = std::find_if(lines.rbegin(), lines.rend(), [](const QString& l) {
            return !l.trimmed().isEmpty() && !l.contains(QLatin1Char('\f'));
        });
        QVERIFY(last != lines.rend());
        QVERIFY2(last->contains(QRegularExpression(QStringLiteral("第\\s*\\d+\\s*页"))),
                 qPrintable(text));
        QVERIFY2((last + 1)->contains(QStringLiteral("制表人")), qPrintable(text));
        if (paper.pageCount() > 1)
            QVERIFY(!pageText(paper.pageCount() - 1, pdf).contains(QStringLiteral("制表人")));
    }

    void cjkFontEmbedded()
    {
        QString failure;
        const QString fonts = run(QStringLiteral("pdffonts"), {m_pdf}, &failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        const QStringList lines = fonts.split(QLatin1Char('\n'), Qt::SkipEmptyParts).mid(2);
        QVERIFY2(!lines.isEmpty(), qPrintable(fonts));
        bool cjk = false;
        for (const QString& line : lines) {
            // name type… encoding emb sub uni object ID: emb is the fifth field from the end.
            const QStringList f = line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
            QVERIFY2(f.size() >= 6 && f[f.size() - 5] == QStringLiteral("yes"),
                     qPrintable(QStringLiteral("not embedded: ") + line));
            cjk |= line.contains(QStringLiteral("CJK"));
        }
        QVERIFY2(cjk, qPrintable(fonts));
    }

    void firstPage()
    {
        const QString text = pageText(1);
        QVERIFY2(text.contains(QStringLiteral("供排水公司日产量报表")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("统计口径：每日08:00至次日08:00")));
        QVERIFY(text.contains(QStringLiteral("单位：m³")));
        // Read as ideographs (水 U+6C34), not as the Kangxi radicals sharing their glyphs
        // (⽔ U+2F54), which Qt's PDF engine writes in its ToUnicode maps by itself.
        const QRegularExpression radicals(QStringLiteral("[\\x{2E80}-\\x{2FDF}]"));
        QVERIFY2(!text.contains(radicals), qPrintable(text));
        QVERIFY(text.contains(footer(1, m_pages)));
        QVERIFY(text.contains(QStringLiteral("北郊水厂")));
        QVERIFY(text.contains(QStringLiteral("南老线")));
        QVERIFY2(!text.contains(QStringLiteral("制表人")), "the signatures are on the last page");
    }

    void headerRepeated_data()
    {
        QTest::addColumn<int>("page");
        for (int p = 2; p <= m_pages; ++p)
            QTest::addRow("page %d", p) << p;
    }
    void headerRepeated()
    {
        QFETCH(int, page);
        const QString text = pageText(page);
        for (const char* header : {"北郊水厂", "南郊水厂", "二号线", "一号线", "南南线", "小计"})
            QVERIFY2(text.contains(QString::fromUtf8(header)), header);
        QVERIFY(text.contains(footer(page, m_pages)));
        QVERIFY2(!text.contains(QStringLiteral("统计口径")), "the subtitles are on page 1 only");
    }

    void rowsWhereTheLayoutPutThem()
    {
        const ReportPainter paper(m_report);
        for (int p = 0; p < paper.pageCount(); ++p) {
            const QString text = pageText(p + 1);
            const auto [first, end] = paper.bodyRows(p);
            for (int r = m_report.headerRows; r < m_report.rowCount(); ++r) {
                const QString label = m_report.cell(r, 0).displayText();
                if (!label.startsWith(QStringLiteral("2015-")))
                    continue; // 合计 is also a header
                // A row of the table: the subtitle and the cells' comments name days too.
                const bool found =
                    text.contains(QRegularExpression(QStringLiteral("^\\s*%1\\s+\\d").arg(label),
                                                     QRegularExpression::MultilineOption));
                QVERIFY2(found == (r >= first && r < end),
                         qPrintable(QStringLiteral("%1 on page %2").arg(label).arg(p + 1)));
            }
        }
    }

    void missingIsBlank()
    {
        // 2015-08-03 南老线 has no data: its row has one number fewer than the day after.
        const auto numbersOf = [](const QString& text, const QString& day) {
            for (const QString& line : text.split(QLatin1Char('\n'))) {
                if (line.trimmed().startsWith(day))
                    return static_cast<int>(
                        line.split(QLatin1Char(' '), Qt::SkipEmptyParts).size());
            }
            return -1;
        };
        const QString text = pageText(1);
        QCOMPARE(numbersOf(text, QStringLiteral("2015-08-04")), 8);
        QCOMPARE(numbersOf(text, QStringLiteral("2015-08-03")), 7);
    }

    void lastPage()
    {
        const QString text = pageText(m_pages);
        for (const char* word : {"制表人：李四", "审核人：", "批准人：",
                                 "制表时间：2015-09-10 08:30", "备注：", "最小", "平均"})
            QVERIFY2(text.contains(QString::fromUtf8(word)), qPrintable(text));
        QVERIFY(text.contains(footer(m_pages, m_pages)));
        // The marks used are named, and the corrected cell's comment is readable on paper.
        QVERIFY(text.contains(QStringLiteral("绿底")));
        QVERIFY(text.contains(QStringLiteral("42063 → 42123")));
    }

    void previewShowsFills()
    {
        const std::vector<QImage> pages = previewPages(m_report, 100);
        QCOMPARE(static_cast<int>(pages.size()), m_pages);
        QCOMPARE(pages[0].width(), qRound(297 / 25.4 * 100));
        // The corrected cell (2015-08-10, on page 1) is green, and nothing else is.
        QVERIFY(countColour(pages[0], kCorrectedFill) > 100);
        for (size_t p = 1; p < pages.size(); ++p) {
            QCOMPARE(countColour(pages[p], kCorrectedFill), 0);
            QVERIFY2(countColour(pages[p], kHeaderFill) > 1000, "header rows on every page");
        }
        for (size_t p = 0; p < pages.size(); ++p)
            pages[p].save(kOutputDir + QStringLiteral("/preview-%1.png").arg(p + 1));
        if (qEnvironmentVariableIntValue("PUMPWATCH_UPDATE_DOCS"))
            QVERIFY(previewPages(m_report, 110)[0].save(
                QStringLiteral(PUMPWATCH_SOURCE_DIR "/docs/images/report-print-preview.png")));
    }

    void pdfRenderedByPoppler()
    {
        // Another renderer's view of the PDF: the corrected cell's green on page 1 only, the
        // header shading on every page.
        for (int page = 1; page <= m_pages; ++page) {
            QString failure;
            const QString prefix = m_dir.filePath(QStringLiteral("poppler-%1").arg(page));
            run(QStringLiteral("pdftoppm"),
                {QStringLiteral("-r"), QStringLiteral("60"), QStringLiteral("-png"),
                 QStringLiteral("-singlefile"), QStringLiteral("-f"), QString::number(page),
                 QStringLiteral("-l"), QString::number(page), m_pdf, prefix},
                &failure);
            QVERIFY2(failure.isEmpty(), qPrintable(failure));
            const QImage image(prefix + QStringLiteral(".png"));
            QVERIFY(!image.isNull());
            const int green = countColour(image, kCorrectedFill, 3);
            QVERIFY2(page == 1 ? green > 50 : green == 0, qPrintable(QString::number(green)));
            QVERIFY(countColour(image, kHeaderFill, 3) > 500);
        }
    }

    void unwritable()
    {
        QString error;
        const QString path = m_dir.filePath(QStringLiteral("no/such/dir/report"));
        QVERIFY(!writePdf(m_report, path + QStringLiteral(".pdf"), &error));
        QVERIFY(!error.isEmpty());
        error.clear();
        QVERIFY(!writeOdt(m_report, path + QStringLiteral(".odt"), &error));
        QVERIFY(!error.isEmpty());
    }

    void odt()
    {
        const QString path = m_dir.filePath(QStringLiteral("report.odt"));
        QString error;
        QVERIFY2(writeOdt(m_report, path, &error), qPrintable(error));
        QFile::remove(kOutputDir + QStringLiteral("/report.odt"));
        QFile::copy(path, kOutputDir + QStringLiteral("/report.odt"));
        QString failure;
        // ODF: the first entry is "mimetype", which names the document type.
        const QString entries =
            run(QStringLiteral("unzip"), {QStringLiteral("-Z1"), path}, &failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(entries.section(QLatin1Char('\n'), 0, 0), QStringLiteral("mimetype"));
        const QString mimetype =
            run(QStringLiteral("unzip"), {QStringLiteral("-p"), path, QStringLiteral("mimetype")},
                &failure);
        QCOMPARE(mimetype, QStringLiteral("application/vnd.oasis.opendocument.text"));
        const QString content =
            run(QStringLiteral("unzip"),
                {QStringLiteral("-p"), path, QStringLiteral("content.xml")}, &failure);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QVERIFY(content.contains(QStringLiteral("供排水公司日产量报表")));
        QVERIFY(content.contains(QStringLiteral("统计口径：每日08:00至次日08:00")));
        // 北郊水厂 over its three columns, 日期 over the two header rows.
        QVERIFY(content.contains(QStringLiteral("table:number-columns-spanned=\"3\"")));
        QVERIFY(content.contains(QStringLiteral("table:number-rows-spanned=\"2\"")));
        QVERIFY(content.contains(QStringLiteral("42123")));
        QVERIFY(content.contains(QStringLiteral("李四")));
        QVERIFY(content.contains(QStringLiteral("备注：")));
        QVERIFY2(content.contains(QStringLiteral("#c6efce"), Qt::CaseInsensitive),
                 "the corrected cell is green");
    }
};

QTEST_MAIN(tst_ReportPaper)
#include "tst_reportpaper.moc"
