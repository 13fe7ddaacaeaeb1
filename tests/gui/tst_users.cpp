// User management as an administrator and the users meet it: lockout after wrong passwords (and
// still locked after a restart), a password set by the administrator changed at the next login,
// a user's own password change, permission edits in force at once on the screen of the user on
// duty, the last administrator kept, and every one of these in the audit log of the database.
#include <alarms/alarmservice.h>
#include <core/clock.h>
#include <core/translator.h>
#include <core/users.h>
#include <history/historyservice.h>
#include <sim/citygenerator.h>
#include <ui/limiteditor.h>
#include <ui/logindialog.h>
#include <ui/passworddialog.h>
#include <ui/services.h>
#include <ui/useradmindialog.h>

#include <QApplication>
#include <QPushButton>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace PumpWatch;

namespace {

/// A small city with a real history service on SQLite: the audit rows land in a file.
struct Desk {
    explicit Desk(const QDir& dir)
        : project([] {
            Sim::CityOptions o;
            o.stations = 2;
            return Sim::CityGenerator::generate(o);
        }())
        , clock(1'795'000'000'000)
        , store(project.tagCount())
        , alarms(project, clock)
        , databasePath(dir.filePath(QStringLiteral("history.sqlite")))
        , history(project, clock,
                  [&] {
                      History::HistoryOptions o;
                      o.database = *History::DatabaseUrl::parse(
                          QStringLiteral("sqlite:") + databasePath, nullptr);
                      o.spoolDirectory = dir.filePath(QStringLiteral("spool"));
                      return o;
                  }())
        , services{project, QString(), QString(), clock,        store,
                   alarms,  nullptr,   &history,  std::nullopt, session}
    {
        history.start();
    }
    ~Desk() { history.stop(); }

    /// "action|target|login|result|old → new|detail" of every audit row, oldest first.
    QStringList audit()
    {
        history.sync();
        QStringList rows;
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("users-audit"));
            db.setDatabaseName(databasePath);
            if (db.open()) {
                QSqlQuery q(db);
                q.exec(QStringLiteral("SELECT action, target, login, result, old_value, "
                                      "new_value, detail, role FROM audit_log ORDER BY id"));
                while (q.next())
                    rows << QStringLiteral("%1|%2|%3|%4|%5 → %6|%7|%8")
                                .arg(q.value(0).toString(), q.value(1).toString(),
                                     q.value(2).toString(), q.value(3).toString(),
                                     q.value(4).toString(), q.value(5).toString(),
                                     q.value(6).toString(), q.value(7).toString());
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("users-audit"));
        return rows;
    }

    const Project project;
    ManualClock clock;
    RealtimeStore store;
    Alarms::AlarmService alarms;
    QString databasePath;
    History::HistoryService history;
    Ui::Session session;
    Ui::Services services;
};

QStringList matching(const QStringList& rows, const QString& prefix)
{
    QStringList out;
    for (const QString& r : rows) {
        if (r.startsWith(prefix))
            out << r;
    }
    return out;
}

} // namespace

class tst_Users : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { setUpLanguage(*qApp, QStringLiteral("zh_CN")); }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_desk = std::make_unique<Desk>(QDir(m_dir->path()));
        QString error;
        auto users = UserStore::load(m_dir->filePath(QStringLiteral("users.json")), &error);
        QVERIFY2(users, qPrintable(error));
        m_users = std::move(*users);
        QVERIFY(m_users.set(QStringLiteral("admin"), QStringLiteral("管理员"), Role::Administrator,
                            QStringLiteral("admin-pw-1"), &error, 1000));
        QVERIFY(m_users.set(QStringLiteral("zhangsan"), QStringLiteral("张三"), Role::Operator,
                            QStringLiteral("zhang-pw-1"), &error, 1000));
        QVERIFY2(m_users.save(&error), qPrintable(error));
        m_desk->session.setUser(*m_users.find(u"admin"));
    }

    void cleanup()
    {
        m_desk.reset();
        m_dir.reset();
    }

    /// Five wrong passwords lock the account for the rule's 15 minutes, even against the right
    /// password and across a restart; the lock is audited; an administrator unlocks it.
    void wrongPasswordsLockTheAccount()
    {
        auto login = [&](const QString& password) {
            Ui::LoginDialog dialog(m_users, Ui::LoginDialog::Mode::Login);
            dialog.setClock(&m_desk->clock);
            Ui::auditLogins(m_desk->services, dialog);
            dialog.setUserName(QStringLiteral("zhangsan"));
            dialog.setPassword(password);
            const bool ok = dialog.tryLogin();
            return std::pair{ok, dialog.error()};
        };
        for (int i = 0; i < 4; ++i)
            QVERIFY(!login(QStringLiteral("guess")).first);
        QCOMPARE(m_users.find(u"zhangsan")->failures, 4);
        const auto [fifth, message] = login(QStringLiteral("guess"));
        QVERIFY(!fifth);
        QVERIFY2(message.contains(QStringLiteral("锁定")), qPrintable(message));
        const auto [right, lockedMessage] = login(QStringLiteral("zhang-pw-1"));
        QVERIFY2(!right, "a locked account opens with the right password");
        QVERIFY2(lockedMessage.contains(QStringLiteral("锁定")), qPrintable(lockedMessage));

        // The lock is in the file: a restarted workstation still refuses.
        QString error;
        auto reread = UserStore::load(m_users.path(), &error);
        QVERIFY2(reread, qPrintable(error));
        QVERIFY(reread->find(u"zhangsan")->isLocked(m_desk->clock.nowMs()));
        QCOMPARE(
            reread->authenticate(u"zhangsan", QStringLiteral("zhang-pw-1"), m_desk->clock.nowMs())
                .result,
            LoginResult::Locked);

        const QStringList rows = m_desk->audit();
        QCOMPARE(matching(rows, QStringLiteral("login|workstation|zhangsan|failed")).size(), 6);
        const QStringList locks = matching(rows, QStringLiteral("user.lock|user:zhangsan"));
        QCOMPARE(locks.size(), 1);
        QVERIFY2(locks.front().contains(QStringLiteral("5 wrong passwords")),
                 qPrintable(locks.front()));

        // The administrator unlocks it in the dialog; the user logs in.
        Ui::UserAdminDialog admin(m_desk->services, m_users);
        QVERIFY2(admin.unlock(QStringLiteral("zhangsan")), qPrintable(admin.message()));
        QVERIFY(login(QStringLiteral("zhang-pw-1")).first);
        QCOMPARE(
            matching(m_desk->audit(), QStringLiteral("user.unlock|user:zhangsan|admin|ok")).size(),
            1);

        // Once the lockout time has passed, the right password opens again by itself.
        for (int i = 0; i < 5; ++i)
            login(QStringLiteral("guess"));
        QVERIFY(!login(QStringLiteral("zhang-pw-1")).first);
        m_desk->clock.advanceMs(15 * 60'000 + 1000);
        QVERIFY(login(QStringLiteral("zhang-pw-1")).first);
    }

    /// An administrator adds a user with a first password and resets another's; each must be
    /// changed at the next login before the shift starts, by the password rules.
    void passwordsSetByTheAdministratorAreChangedAtLogin()
    {
        Ui::UserAdminDialog admin(m_desk->services, m_users);
        User wang;
        wang.name = QStringLiteral("wangwu");
        wang.displayName = QStringLiteral("王五");
        wang.department = QStringLiteral("调度中心");
        wang.role = Role::Operator;
        QVERIFY(!admin.addUser(wang, QStringLiteral("short")));
        QVERIFY2(admin.message().contains(QStringLiteral("8")), qPrintable(admin.message()));
        QVERIFY2(admin.addUser(wang, QStringLiteral("first-pw-9")), qPrintable(admin.message()));
        // The table shows the new account and that its password must be changed.
        QTableWidget* table = admin.userTable();
        int row = -1;
        for (int r = 0; r < table->rowCount(); ++r) {
            if (table->item(r, Ui::UserAdminDialog::Login)->text() == u"wangwu")
                row = r;
        }
        QVERIFY(row >= 0);
        QCOMPARE(table->item(row, Ui::UserAdminDialog::Name)->text(), QStringLiteral("王五"));
        QCOMPARE(table->item(row, Ui::UserAdminDialog::Department)->text(),
                 QStringLiteral("调度中心"));
        QCOMPARE(table->item(row, Ui::UserAdminDialog::RoleColumn)->text(),
                 roleDisplayName(Role::Operator));
        QVERIFY2(table->item(row, Ui::UserAdminDialog::State)
                     ->text()
                     .contains(QStringLiteral("修改密码")),
                 qPrintable(table->item(row, Ui::UserAdminDialog::State)->text()));

        Ui::LoginDialog dialog(m_users, Ui::LoginDialog::Mode::Login);
        dialog.setClock(&m_desk->clock);
        Ui::auditLogins(m_desk->services, dialog);
        dialog.setUserName(QStringLiteral("wangwu"));
        dialog.setPassword(QStringLiteral("first-pw-9"));
        QVERIFY(!dialog.tryLogin());
        QVERIFY(dialog.isChangingPassword());
        dialog.setNewPassword(QStringLiteral("wangwu-12345"), QStringLiteral("wangwu-12345"));
        QVERIFY2(!dialog.tryLogin(), "a password containing the login name is accepted");
        QVERIFY2(dialog.error().contains(QStringLiteral("用户名")), qPrintable(dialog.error()));
        dialog.setNewPassword(QStringLiteral("river-7788"), QStringLiteral("river-7788"));
        QVERIFY2(dialog.tryLogin(), qPrintable(dialog.error()));
        QCOMPARE(dialog.user()->name, QStringLiteral("wangwu"));
        QVERIFY(!m_users.find(u"wangwu")->mustChangePassword);
        QVERIFY(m_users.checkPassword(u"wangwu", QStringLiteral("river-7788")));

        // A reset: the old password is gone, the new one must be changed again.
        QVERIFY2(admin.resetPassword(QStringLiteral("wangwu"), QStringLiteral("reset-pw-42")),
                 qPrintable(admin.message()));
        QVERIFY(!m_users.checkPassword(u"wangwu", QStringLiteral("river-7788")));
        QVERIFY(m_users.find(u"wangwu")->mustChangePassword);

        const QStringList rows = m_desk->audit();
        QCOMPARE(matching(rows, QStringLiteral("user.add|user:wangwu|admin|refused")).size(), 1);
        const QStringList added = matching(rows, QStringLiteral("user.add|user:wangwu|admin|ok"));
        QCOMPARE(added.size(), 1);
        QVERIFY2(added.front().contains(QStringLiteral("role=operator name=王五")) &&
                     added.front().endsWith(QStringLiteral("|administrator")),
                 qPrintable(added.front()));
        QCOMPARE(matching(rows, QStringLiteral("user.password|user:wangwu|wangwu|refused")).size(),
                 1);
        QCOMPARE(matching(rows, QStringLiteral("user.password|user:wangwu|wangwu|ok")).size(), 1);
        QCOMPARE(matching(rows, QStringLiteral("user.reset_password|user:wangwu|admin|ok")).size(),
                 1);
        // No password, old or new, is written anywhere in the audit.
        for (const QString& r : rows) {
            for (const char* pw : {"first-pw-9", "river-7788", "reset-pw-42", "wangwu-12345"})
                QVERIFY2(!r.contains(QLatin1StringView(pw)), qPrintable(r));
        }
    }

    /// The user's own change: the current password is asked; the new one follows the rules.
    void aUserChangesTheirOwnPassword()
    {
        m_desk->session.setUser(*m_users.find(u"zhangsan"));
        Ui::PasswordDialog dialog(m_desk->services, m_users);
        dialog.setPasswords(QStringLiteral("wrong"), QStringLiteral("pump-house-3"),
                            QStringLiteral("pump-house-3"));
        QVERIFY(!dialog.tryChange());
        QVERIFY2(dialog.message().contains(QStringLiteral("当前密码")),
                 qPrintable(dialog.message()));
        dialog.setPasswords(QStringLiteral("zhang-pw-1"), QStringLiteral("pump-house-3"),
                            QStringLiteral("pump-house-3"));
        QVERIFY2(dialog.tryChange(), qPrintable(dialog.message()));
        QString error;
        auto reread = UserStore::load(m_users.path(), &error);
        QVERIFY(reread->checkPassword(u"zhangsan", QStringLiteral("pump-house-3")));
        QVERIFY(!reread->checkPassword(u"zhangsan", QStringLiteral("zhang-pw-1")));
        const QStringList rows = m_desk->audit();
        QCOMPARE(
            matching(rows, QStringLiteral("user.password|user:zhangsan|zhangsan|refused")).size(),
            1);
        QCOMPARE(matching(rows, QStringLiteral("user.password|user:zhangsan|zhangsan|ok")).size(),
                 1);
    }

    /// Permission edits are in force at once: the limit table on the administrator's own screen
    /// turns read-only the moment "edit alarm limits" is unticked for administrators, and
    /// editable again when ticked; an operator granted it edits limits at their next login
    /// (no restart), and an operator whose role lost "operate" is refused by the control
    /// service. Each click is one audit row with the role's grants before and after.
    void permissionEditsTakeEffectAtOnce()
    {
        Ui::LimitEditor limits(m_desk->services);
        QVERIFY(limits.model().isEditable());
        Ui::UserAdminDialog dialog(m_desk->services, m_users);
        QTableWidget* grid = dialog.permissionGrid();
        auto cell = [&](Action a, Role r) {
            const int row =
                int(std::find(AllActions.begin(), AllActions.end(), a) - AllActions.begin());
            return grid->item(row, int(r));
        };
        // The check box a person clicks: row "edit alarm limits", column "administrator".
        QCOMPARE(cell(Action::EditAlarmLimits, Role::Administrator)->checkState(), Qt::Checked);
        cell(Action::EditAlarmLimits, Role::Administrator)->setCheckState(Qt::Unchecked);
        QVERIFY(!limits.model().isEditable());
        QVERIFY2(limits.status().contains(actionDisplayName(Action::EditAlarmLimits)),
                 qPrintable(limits.status()));
        cell(Action::EditAlarmLimits, Role::Administrator)->setCheckState(Qt::Checked);
        QVERIFY(limits.model().isEditable());

        // The administrators keep user management: that box cannot be unticked.
        QVERIFY(!(cell(Action::ManageUsers, Role::Administrator)->flags() & Qt::ItemIsEnabled));
        QVERIFY(!dialog.setPermission(Role::Administrator, Action::ManageUsers, false));

        // Operators get limits and lose operate; 张三 takes over the shift at this workstation.
        QCOMPARE(cell(Action::EditAlarmLimits, Role::Operator)->checkState(), Qt::Unchecked);
        cell(Action::EditAlarmLimits, Role::Operator)->setCheckState(Qt::Checked);
        cell(Action::OperateEquipment, Role::Operator)->setCheckState(Qt::Unchecked);
        Ui::LoginDialog login(m_users, Ui::LoginDialog::Mode::Unlock);
        login.setUserName(QStringLiteral("zhangsan"));
        login.setPassword(QStringLiteral("zhang-pw-1"));
        QVERIFY2(login.tryLogin(), qPrintable(login.error()));
        m_desk->session.setUser(*login.user());
        QVERIFY(limits.model().isEditable());
        QVERIFY(!m_desk->session.may(Action::OperateEquipment));
        QVERIFY(!m_desk->session.controlOperator().may(Action::OperateEquipment));
        QVERIFY(m_desk->session.controlOperator().may(Action::ChangeSetpoints));
        // 张三 is no administrator: the dialog left open refuses him.
        QVERIFY(!dialog.setDisabled(QStringLiteral("admin"), true));
        QVERIFY(!m_users.find(u"admin")->disabled);

        // The table survives a restart.
        QString error;
        auto reread = UserStore::load(m_users.path(), &error);
        QVERIFY2(reread, qPrintable(error));
        QVERIFY(reread->permissions().allows(Role::Operator, Action::EditAlarmLimits));
        QVERIFY(!reread->permissions().allows(Role::Operator, Action::OperateEquipment));

        const QStringList rows = m_desk->audit();
        QCOMPARE(
            matching(rows, QStringLiteral("role.permissions|role:administrator|admin|ok")).size(),
            2);
        const QStringList operators =
            matching(rows, QStringLiteral("role.permissions|role:operator|admin|ok"));
        QCOMPARE(operators.size(), 2);
        QVERIFY2(operators[0].contains(QStringLiteral("alarm.ack,control.operate,control.setpoint "
                                                      "→ alarm.ack,control.operate,"
                                                      "control.setpoint,limits.edit")),
                 qPrintable(operators[0]));
        QVERIFY2(operators[1].contains(QStringLiteral("→ alarm.ack,control.setpoint,limits.edit")),
                 qPrintable(operators[1]));
        QCOMPARE(matching(rows, QStringLiteral("role.permissions|role:administrator|admin|refused"))
                     .size(),
                 1);
        QCOMPARE(matching(rows, QStringLiteral("user.disable|user:admin|zhangsan|refused")).size(),
                 1);
    }

    /// Role changes, disabling and the last administrator; a disabled user cannot log in.
    void rolesAndDisablingAreAuditedAndTheLastAdministratorStays()
    {
        Ui::UserAdminDialog dialog(m_desk->services, m_users);
        QVERIFY(!dialog.setDisabled(QStringLiteral("admin"), true));
        QVERIFY2(dialog.message().contains(QStringLiteral("最后")), qPrintable(dialog.message()));
        QVERIFY(!dialog.editUser(QStringLiteral("admin"), QStringLiteral("管理员"), QString(),
                                 Role::Engineer));
        QVERIFY2(dialog.editUser(QStringLiteral("zhangsan"), QStringLiteral("张三"),
                                 QStringLiteral("一泵站"), Role::Engineer),
                 qPrintable(dialog.message()));
        QCOMPARE(m_users.find(u"zhangsan")->role, Role::Engineer);
        QVERIFY2(dialog.setDisabled(QStringLiteral("zhangsan"), true),
                 qPrintable(dialog.message()));
        QCOMPARE(
            m_users.authenticate(u"zhangsan", QStringLiteral("zhang-pw-1"), m_desk->clock.nowMs())
                .result,
            LoginResult::Disabled);
        QVERIFY(dialog.setDisabled(QStringLiteral("zhangsan"), false));
        PasswordPolicy p = m_users.policy();
        p.minLength = 10;
        QVERIFY(dialog.setPolicy(p));

        const QStringList rows = m_desk->audit();
        QCOMPARE(matching(rows, QStringLiteral("user.disable|user:admin|admin|refused")).size(), 1);
        QCOMPARE(matching(rows, QStringLiteral("user.role|user:admin|admin|refused")).size(), 1);
        const QStringList role = matching(rows, QStringLiteral("user.role|user:zhangsan|admin|ok"));
        QCOMPARE(role.size(), 1);
        QVERIFY2(role.front().contains(QStringLiteral("role=operator name=张三 department= → "
                                                      "role=engineer name=张三 department=一泵站")),
                 qPrintable(role.front()));
        QCOMPARE(matching(rows, QStringLiteral("user.disable|user:zhangsan|admin|ok")).size(), 1);
        QCOMPARE(matching(rows, QStringLiteral("user.enable|user:zhangsan|admin|ok")).size(), 1);
        const QStringList policy = matching(rows, QStringLiteral("password.policy|"));
        QCOMPARE(policy.size(), 1);
        QVERIFY2(policy.front().contains(QStringLiteral("minLength=8")) &&
                     policy.front().contains(QStringLiteral("→ minLength=10")),
                 qPrintable(policy.front()));
    }

    /// Without a database nothing could be audited: the dialog changes nothing and says why.
    void withoutADatabaseNothingChanges()
    {
        Ui::Services services = m_desk->services;
        services.history = nullptr;
        Ui::UserAdminDialog dialog(services, m_users);
        QVERIFY(!dialog.canChange());
        QVERIFY(!dialog.setDisabled(QStringLiteral("zhangsan"), true));
        QVERIFY(!m_users.find(u"zhangsan")->disabled);
        QVERIFY2(dialog.message().contains(QStringLiteral("审计")), qPrintable(dialog.message()));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Desk> m_desk;
    UserStore m_users;
};

QTEST_MAIN(tst_Users)
#include "tst_users.moc"
