// The login dialog as the dispatcher meets it at the start of a shift: a wrong password says so
// below the fields without squeezing them, and the user who logged in last is already chosen.
#include <core/translator.h>
#include <core/users.h>
#include <ui/logindialog.h>

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace PumpWatch;

class tst_Login : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        setUpLanguage(*qApp, QStringLiteral("zh_CN"));
        QString error;
        auto users = UserStore::load(m_dir.filePath(QStringLiteral("users.json")), &error);
        QVERIFY2(users, qPrintable(error));
        m_users = std::move(*users);
        // A low iteration count keeps the test quick; the KDF is the same.
        QVERIFY(m_users.set(QStringLiteral("zhangsan"), QStringLiteral("张三"), Role::Operator,
                            QStringLiteral("pw-zhang"), &error, 1000));
        QVERIFY(m_users.set(QStringLiteral("lisi"), QStringLiteral("李四"), Role::Engineer,
                            QStringLiteral("pw-li"), &error, 1000));
        QVERIFY(m_users.set(QStringLiteral("wangwu"), QStringLiteral("王五"), Role::Operator,
                            QStringLiteral("pw-wang"), &error, 1000));
    }

    /// Guessing gets slower: a right password typed straight after a wrong one is refused until
    /// the back-off has passed, and the wait grows with each failure up to 5 s.
    void wrongPasswordsBackOff()
    {
        Ui::LoginDialog dialog(m_users, Ui::LoginDialog::Mode::Login);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        dialog.setUserName(QStringLiteral("lisi"));
        dialog.setPassword(QStringLiteral("guess"));
        QVERIFY(!dialog.tryLogin());
        QCOMPARE(dialog.retryDelayMs(), 500);
        dialog.setPassword(QStringLiteral("pw-li"));
        QVERIFY(!dialog.tryLogin()); // too soon, even with the right password
        QVERIFY(!dialog.user());
        QVERIFY2(dialog.error().contains(QStringLiteral("稍候")), qPrintable(dialog.error()));
        // The event loop runs meanwhile; once the wait is over the right password opens.
        QElapsedTimer waited;
        waited.start();
        QTRY_VERIFY_WITH_TIMEOUT(
            dialog.findChild<QPushButton*>(QStringLiteral("login")) &&
                dialog.findChild<QPushButton*>(QStringLiteral("login"))->isEnabled(),
            3000);
        QVERIFY(waited.elapsed() >= 300);
        dialog.setPassword(QStringLiteral("pw-li"));
        QVERIFY(dialog.tryLogin());
        QCOMPARE(dialog.user()->name, QStringLiteral("lisi"));

        Ui::LoginDialog again(m_users, Ui::LoginDialog::Mode::Login);
        again.setUserName(QStringLiteral("lisi"));
        for (int expected : {500, 1000, 1500}) {
            QTRY_VERIFY(again.findChild<QPushButton*>(QStringLiteral("login"))->isEnabled());
            again.setPassword(QStringLiteral("guess"));
            QVERIFY(!again.tryLogin());
            QCOMPARE(again.retryDelayMs(), expected);
        }
    }

    void anErrorKeepsTheFieldsAsTheyWere_data()
    {
        QTest::addColumn<Ui::LoginDialog::Mode>("mode");
        QTest::addColumn<bool>("hint");
        QTest::newRow("start") << Ui::LoginDialog::Mode::Login << false;
        QTest::newRow("start, demo hint") << Ui::LoginDialog::Mode::Login << true;
        QTest::newRow("locked, demo hint") << Ui::LoginDialog::Mode::Unlock << true;
    }

    void anErrorKeepsTheFieldsAsTheyWere()
    {
        QFETCH(Ui::LoginDialog::Mode, mode);
        QFETCH(bool, hint);
        Ui::LoginDialog dialog(m_users, mode);
        if (hint)
            dialog.setHint(QStringLiteral("演示账号：zhangsan（值班员），lisi（工程师），admin"
                                          "（管理员）；密码：demo"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto* name = dialog.findChild<QComboBox*>(QStringLiteral("userName"));
        auto* password = dialog.findChild<QLineEdit*>(QStringLiteral("password"));
        QVERIFY(name && password);
        const QRect nameBefore = name->geometry();
        const QRect passwordBefore = password->geometry();
        QVERIFY(nameBefore.height() >= name->sizeHint().height());
        QVERIFY(passwordBefore.height() >= password->sizeHint().height());
        if (qEnvironmentVariableIsSet("PUMPWATCH_LOGIN_PNG"))
            dialog.grab().save(qEnvironmentVariable("PUMPWATCH_LOGIN_PNG") +
                               QStringLiteral("-before.png"));

        dialog.setUserName(QStringLiteral("zhangsan"));
        dialog.setPassword(QStringLiteral("wrong"));
        QVERIFY(!dialog.tryLogin());
        QVERIFY(!dialog.error().isEmpty());
        QCoreApplication::processEvents();
        if (qEnvironmentVariableIsSet("PUMPWATCH_LOGIN_PNG"))
            dialog.grab().save(qEnvironmentVariable("PUMPWATCH_LOGIN_PNG") +
                               QStringLiteral("-error.png"));
        QCOMPARE(name->geometry(), nameBefore);
        QCOMPARE(password->geometry(), passwordBefore);
        // The message is whole on screen, below the fields.
        auto* error = dialog.findChild<QLabel*>(QStringLiteral("error"));
        QVERIFY(error && error->isVisible());
        QVERIFY(error->geometry().top() >= password->geometry().bottom());
        QVERIFY(error->height() >= error->heightForWidth(error->width()));
    }

    void theLastUserIsChosen()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("workstation.ini")), QSettings::IniFormat);
        {
            Ui::LoginDialog first(m_users, Ui::LoginDialog::Mode::Login, &settings);
            first.setUserName(QStringLiteral("lisi"));
            first.setPassword(QStringLiteral("pw-li"));
            QVERIFY(first.tryLogin());
        }
        // The next start, with what the workstation wrote to its settings file.
        settings.sync();
        QSettings reread(m_dir.filePath(QStringLiteral("workstation.ini")), QSettings::IniFormat);
        Ui::LoginDialog next(m_users, Ui::LoginDialog::Mode::Login, &reread);
        auto* name = next.findChild<QComboBox*>(QStringLiteral("userName"));
        QVERIFY(name);
        QCOMPARE(name->currentData().toString(), QStringLiteral("lisi"));
        QCOMPARE(name->currentText(), QStringLiteral("lisi (李四)"));
        next.setPassword(QStringLiteral("pw-li"));
        QVERIFY(next.tryLogin());
        QCOMPARE(next.user()->name, QStringLiteral("lisi"));

        // A failed attempt chooses nobody; the next login does.
        Ui::LoginDialog failed(m_users, Ui::LoginDialog::Mode::Login, &reread);
        failed.setUserName(QStringLiteral("wangwu"));
        failed.setPassword(QStringLiteral("wrong"));
        QVERIFY(!failed.tryLogin());
        QCOMPARE(Ui::LoginDialog(m_users, Ui::LoginDialog::Mode::Login, &reread)
                     .findChild<QComboBox*>(QStringLiteral("userName"))
                     ->currentData()
                     .toString(),
                 QStringLiteral("lisi"));
    }

private:
    QTemporaryDir m_dir;
    UserStore m_users;
};

QTEST_MAIN(tst_Login)
#include "tst_login.moc"
