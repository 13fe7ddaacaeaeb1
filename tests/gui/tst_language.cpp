// The user interface language as the workstation sets it up (setUpLanguage, --lang): Qt's own
// strings — the buttons of every dialog, the calendar's month and day names — follow it as
// PumpWatch's do, Chinese by default and English with --lang en, whatever the system locale
// (the tests run under C.UTF-8).
#include <core/translator.h>

#include <QApplication>
#include <QCalendarWidget>
#include <QDialogButtonBox>
#include <QPushButton>
#include <QTest>
#include <QToolButton>

using namespace PumpWatch;

class tst_Language : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void qtFollowsTheLanguage_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("cancel");
        QTest::addColumn<QString>("save");
        QTest::addColumn<QString>("november");
        QTest::addColumn<QString>("monday");
        QTest::addColumn<QString>("ours"); // a PumpWatch string
        QTest::newRow("zh_CN") << "zh_CN"
                               << "取消"
                               << "保存"
                               << "十一月"
                               << "周一"
                               << "用户";
        QTest::newRow("en") << "en"
                            << "Cancel"
                            << "Save"
                            << "November"
                            << "Mon"
                            << "User";
        QTest::newRow("zh_CN again") << "zh_CN"
                                     << "取消"
                                     << "保存"
                                     << "十一月"
                                     << "周一"
                                     << "用户";
    }

    void qtFollowsTheLanguage()
    {
        QFETCH(QString, language);
        QFETCH(QString, cancel);
        QFETCH(QString, save);
        QFETCH(QString, november);
        QFETCH(QString, monday);
        QFETCH(QString, ours);
        QVERIFY(setUpLanguage(*qApp, language));

        QDialogButtonBox buttons(QDialogButtonBox::Ok | QDialogButtonBox::Save |
                                 QDialogButtonBox::Cancel);
        QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text(), cancel);
        QCOMPARE(buttons.button(QDialogButtonBox::Save)->text().remove(u'&'), save);
        QCOMPARE(QCoreApplication::translate("PumpWatch::Ui::LoginDialog", "User"), ours);

        QCOMPARE(QLocale().standaloneMonthName(11), november);
        QCalendarWidget calendar;
        calendar.setSelectedDate(QDate(2026, 11, 18));
        calendar.setFirstDayOfWeek(Qt::Monday);
        calendar.show();
        QVERIFY(QTest::qWaitForWindowExposed(&calendar));
        // The month the calendar shows in its navigation bar, and its first weekday column.
        const auto* month =
            calendar.findChild<QToolButton*>(QStringLiteral("qt_calendar_monthbutton"));
        QVERIFY(month);
        QCOMPARE(month->text(), november);
        QCOMPARE(calendar.locale().dayName(1, QLocale::ShortFormat), monday);
    }
};

QTEST_MAIN(tst_Language)
#include "tst_language.moc"
