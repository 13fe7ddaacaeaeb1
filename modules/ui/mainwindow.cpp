#include "mainwindow.h"

#include "alarmpanel.h"
#include "alarmquery.h"
#include "auditviewer.h"
#include "editor/drawingeditors.h"
#include "faceplate.h"
#include "graphicspanel.h"
#include "limiteditor.h"
#include "logindialog.h"
#include "mappanel.h"
#include "passworddialog.h"
#include "querypanel.h"
#include "reportcorrectiondialog.h"
#include "reportpreviewdialog.h"
#include "reportspanel.h"
#include "reporttablemodel.h"
#include "stationdetail.h"
#include "stationgraphic.h"
#include "stationlistview.h"
#include "stationtiles.h"
#include "theme.h"
#include "trendpanel.h"
#include "useradmindialog.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>

#include <algorithm>
#include <cmath>

namespace PumpWatch::Ui {

namespace {
constexpr int LayoutVersion = 5; // 2: the map in the dispatcher layout; 3: process graphics;
                                 // 4: reports; 5: queries

/// Every panel, in the View menu's order: the docks, the menu and the layouts are built from it.
struct PanelSpec {
    const char* name;  ///< the dock's object name, kept in saved layouts
    const char* title; ///< in MainWindow's translation context
};
constexpr PanelSpec Panels[] = {
    {"realtimeList", QT_TRANSLATE_NOOP("PumpWatch::Ui::MainWindow", "Realtime list")},
    {"map", QT_TRANSLATE_NOOP("PumpWatch::Ui::MainWindow", "Map")},
    {"processGraphics", QT_TRANSLATE_NOOP("PumpWatch::Ui::MainWindow", "Process graphics")},
    {"stationOverview", QT_TRANSLATE_NOOP("PumpWatch::Ui::MainWindow", "Station overview")},
    {"stationDetail", QT_TRANSLATE_NOOP("PumpWatch::Ui::MainWindow", "Station detail")},
    {"trends", QT_TRANSLATE_NOOP("PumpWatch::Ui::MainWindow", "Trends")},
    {"alarmPanel", QT_TRANSLATE_NOOP("PumpWatch::Ui::MainWindow", "Alarms")},
    {"alarmRecords", QT_TRANSLATE_NOOP("PumpWatch::Ui::MainWindow", "Alarm records")},
    {"alarmSettings", QT_TRANSLATE_NOOP("PumpWatch::Ui::MainWindow", "Alarm settings")},
    {"reports", QT_TRANSLATE_NOOP("PumpWatch::Ui::MainWindow", "Reports")},
    {"queries", QT_TRANSLATE_NOOP("PumpWatch::Ui::MainWindow", "Queries")},
};

QString userKey(const QString& user, const char* what)
{
    return QStringLiteral("users/") + user + u'/' + QString::fromLatin1(what);
}
} // namespace

MainWindow::MainWindow(Services& services, UserStore& users, QSettings& settings, QWidget* parent)
    : QMainWindow(parent)
    , m_services(services)
    , m_users(users)
    , m_settings(settings)
    , m_stations(services.project, services.store)
    , m_alarms(services)
    , m_clock(new QLabel(this))
    , m_database(new QLabel(this))
    , m_comm(new QLabel(this))
{
    // The platform adds the application's name ("… — PumpWatch"): the title names it once.
    setWindowTitle(services.project.name);
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks | GroupedDragging);
    setDockNestingEnabled(true);

    m_banner = new AlarmBanner(m_alarms, services.session, this);
    auto* bannerBar = new QToolBar(tr("Alarm banner"), this);
    bannerBar->setObjectName(QStringLiteral("alarmBannerBar"));
    bannerBar->setMovable(false);
    bannerBar->setFloatable(false);
    bannerBar->toggleViewAction()->setEnabled(false); // always visible
    bannerBar->addWidget(m_banner);
    m_banner->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    addToolBar(Qt::TopToolBarArea, bannerBar);

    // No central widget: every panel docks (the Panels table), process graphics will too.
    m_tiles = new StationTiles(m_stations, this);

    m_list = new StationListView(services.project, m_stations, this);
    m_alarmPanel = new AlarmPanel(m_alarms, services.session, this);
    m_query = new AlarmQuery(services, this);
    m_detail = new StationDetail(services, this);
    m_trends = new TrendPanel(services, this);
    m_map = new MapPanel(services.project, m_stations, services.tileCache, this);
    m_limits = new LimitEditor(services, this);
    m_graphics = new GraphicsPanel(services, m_alarms, this);
    m_reports = new ReportsPanel(services, this);
    m_queries = new QueryPanel(services, this);
    addPanels();

    statusBar()->addWidget(m_comm, 1);
    statusBar()->addPermanentWidget(m_database);
    statusBar()->addPermanentWidget(m_clock);

    m_editors = new DrawingEditors(services, this);
    m_editors->setCurrentStation([this] {
        const StationGraphic* g = m_graphics->current();
        return g && m_graphics->isVisible() ? g->station() : -1;
    });
    connect(m_editors, &DrawingEditors::drawingSaved, m_graphics, &GraphicsPanel::reloadDrawings);
    connect(m_graphics, &GraphicsPanel::editRequested, m_editors, &DrawingEditors::openForStation);
    buildMenus();
    updateAccountActions();
    applyLayout(Layout::Dispatcher);

    connect(&m_alarms, &AlarmCenter::recordsChanged, this, [this] {
        m_stations.setAlarms(m_alarms.live());
        raiseAlarmsOnNewAlarm();
    });
    connect(&m_alarms, &AlarmCenter::blink, &m_stations, &StationListModel::setBlink);
    connect(m_list, &StationListView::stationActivated, this, &MainWindow::openStation);
    connect(m_list, &StationListView::stationSelected, m_detail, &StationDetail::setStation);
    connect(m_tiles, &StationTiles::stationActivated, this, &MainWindow::openStation);
    connect(m_tiles, &StationTiles::stationSelected, m_detail, &StationDetail::setStation);
    connect(m_alarmPanel, &AlarmPanel::stationActivated, this, &MainWindow::openStation);
    connect(m_map, &MapPanel::stationActivated, this, &MainWindow::openStation);
    connect(m_map, &MapPanel::stationSelected, m_detail, &StationDetail::setStation);
    connect(m_map, &MapPanel::trendRequested, this, &MainWindow::showTrends);
    connect(&m_alarms, &AlarmCenter::blink, m_map->canvas(), &MapCanvas::setBlink);
    connect(m_detail, &StationDetail::trendRequested, this, &MainWindow::showTrends);
    const auto tagTrend = [this](TagId tag) {
        m_trends->addPen(tag);
        dock(QStringLiteral("trends"))->show();
        dock(QStringLiteral("trends"))->raise();
    };
    connect(m_detail, &StationDetail::tagTrendRequested, this, tagTrend);
    connect(m_graphics, &GraphicsPanel::tagTrendRequested, this, tagTrend);
    connect(m_graphics, &GraphicsPanel::trendRequested, this, &MainWindow::showTrends);
    connect(m_detail, &StationDetail::graphicRequested, this, &MainWindow::openGraphic);
    connect(m_map, &MapPanel::graphicRequested, this, &MainWindow::openGraphic);
    connect(m_list, &StationListView::graphicRequested, this, &MainWindow::openGraphic);
    connect(m_list, &StationListView::trendRequested, this, &MainWindow::showTrends);
    connect(&services.session, &Session::userChanged, this, &MainWindow::userChanged);
    if (services.history) {
        connect(services.history, &History::HistoryService::databaseConnectionChanged, this,
                [this](bool connected, const QString& error) {
                    m_database->setText(connected ? tr("Database connected")
                                                  : tr("Database unavailable: %1").arg(error));
                });
        m_database->setText(
            tr("Database: %1").arg(services.database ? services.database->display() : QString()));
    } else if (services.commStatuses) {
        // A control room's workstation: the servers store history; it reads it with --db.
        m_database->setText(
            services.database
                ? tr("History kept by the servers, read from %1").arg(services.database->display())
                : tr("History kept by the servers (not read here: no --db)"));
    } else {
        m_database->setText(tr("History not stored"));
    }
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, &MainWindow::tick);
    m_tick.start();
    m_alarms.refresh();
    tick();
    if (services.session.user())
        userChanged();
}

MainWindow::~MainWindow()
{
    m_trendHistory.cancel();
    m_dayHistory.cancel();
    waitForListHistory();
}

void MainWindow::loadListHistory()
{
    if (!m_services.database)
        return;
    const Project& p = m_services.project;
    const qint64 now = m_services.clock.nowMs();
    History::Query trends;
    History::Query day;
    for (int s = 0; s < m_stations.rowCount(); ++s) {
        for (auto c : {StationListModel::Pressure, StationListModel::Flow}) {
            if (m_stations.tagOf(s, c) != InvalidTagId)
                trends.tags.push_back(m_stations.tagOf(s, c));
        }
        if (m_stations.tagOf(s, StationListModel::Total) != InvalidTagId)
            day.tags.push_back(m_stations.tagOf(s, StationListModel::Total));
    }
    trends.kind = History::QueryKind::Decimated;
    trends.fromMs = now - StationListModel::TrendMinutes * 60'000LL;
    trends.toMs = now;
    trends.buckets = StationListModel::TrendMinutes;
    const QTimeZone zone(p.timeZone.toLatin1());
    day.kind = History::QueryKind::Aggregated;
    day.resolution = History::Resolution::Hour;
    day.fromMs = startOfLocalDayMs(now, zone);
    m_dayStart = day.fromMs;
    day.toMs = now + 1;
    connect(&m_trendHistory, &QFutureWatcher<History::QueryResult>::finished, this, [this] {
        if (m_trendHistory.isCanceled())
            return;
        for (const auto& series : m_trendHistory.result().series) {
            const int station = m_services.project.stationIndexOfTag(series.tag);
            const auto column = series.tag == m_stations.tagOf(station, StationListModel::Pressure)
                                    ? StationListModel::PressureTrend
                                    : StationListModel::FlowTrend;
            for (const History::Bucket& b : series.buckets) {
                if (b.count > 0)
                    m_stations.seedTrend(station, column, b.startMs, (b.min + b.max) / 2);
            }
        }
    });
    connect(&m_dayHistory, &QFutureWatcher<History::QueryResult>::finished, this, [this] {
        if (m_dayHistory.isCanceled())
            return;
        for (const auto& series : m_dayHistory.result().series)
            m_stations.seedDay(m_services.project.stationIndexOfTag(series.tag),
                               daySupplyFromHours(series.rows, m_dayStart));
        m_stations.refresh(m_services.clock.nowMs());
    });
    m_trendHistory.setFuture(History::runQuery(p, *m_services.database, trends));
    m_dayHistory.setFuture(History::runQuery(p, *m_services.database, day));
}

void MainWindow::waitForListHistory()
{
    m_trendHistory.waitForFinished();
    m_dayHistory.waitForFinished();
    QCoreApplication::processEvents();
}

void MainWindow::addPanels()
{
    auto* overview = new QScrollArea(this);
    overview->setWidget(m_tiles);
    overview->setWidgetResizable(true);
    const QHash<QString, QWidget*> widgets{{QStringLiteral("realtimeList"), m_list},
                                           {QStringLiteral("map"), m_map},
                                           {QStringLiteral("stationOverview"), overview},
                                           {QStringLiteral("stationDetail"), m_detail},
                                           {QStringLiteral("trends"), m_trends},
                                           {QStringLiteral("alarmPanel"), m_alarmPanel},
                                           {QStringLiteral("alarmRecords"), m_query},
                                           {QStringLiteral("alarmSettings"), m_limits},
                                           {QStringLiteral("processGraphics"), m_graphics},
                                           {QStringLiteral("reports"), m_reports},
                                           {QStringLiteral("queries"), m_queries}};
    for (const PanelSpec& panel : Panels) {
        auto* dock = new QDockWidget(tr(panel.title), this);
        dock->setObjectName(QString::fromLatin1(panel.name));
        dock->setWidget(widgets.value(dock->objectName()));
        dock->setFeatures(QDockWidget::DockWidgetClosable | QDockWidget::DockWidgetMovable |
                          QDockWidget::DockWidgetFloatable);
        addDockWidget(Qt::LeftDockWidgetArea, dock); // applyLayout() arranges them
    }
}

void MainWindow::raiseAlarmsOnNewAlarm()
{
    std::vector<quint64> keys;
    for (const auto& r : m_alarms.live()) {
        if (r.isAnnunciated() && !r.isAcknowledged())
            keys.push_back(r.key);
    }
    std::sort(keys.begin(), keys.end());
    const bool anyNew = std::any_of(keys.begin(), keys.end(), [this](quint64 k) {
        return !std::binary_search(m_knownAlarms.begin(), m_knownAlarms.end(), k);
    });
    m_knownAlarms = std::move(keys);
    if (!anyNew)
        return;
    QDockWidget* alarms = dock(QStringLiteral("alarmPanel"));
    alarms->show();
    alarms->raise();
}

QDockWidget* MainWindow::dock(const QString& objectName) const
{
    return findChild<QDockWidget*>(objectName);
}

void MainWindow::buildMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&Workstation"));
    QAction* lockAction = file->addAction(tr("&Lock / change user"), this, &MainWindow::lock);
    lockAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_passwordAction =
        file->addAction(tr("Change &password…"), this, &MainWindow::openPasswordChange);
    m_userAdminAction =
        file->addAction(tr("&Users and permissions…"), this, &MainWindow::openUserAdmin);
    m_auditAction = file->addAction(tr("&Audit trail…"), this, &MainWindow::openAudit);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q)); // asks; see requestExit()

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (const PanelSpec& panel : Panels)
        view->addAction(dock(QString::fromLatin1(panel.name))->toggleViewAction());
    view->addSeparator();
    view->addAction(tr("Dispatcher layout"), this, [this] { applyLayout(Layout::Dispatcher); });
    view->addAction(tr("Engineer layout"), this, [this] { applyLayout(Layout::Engineer); });
    view->addAction(tr("Save layout as mine"), this, &MainWindow::saveUserLayout);
    view->addSeparator();
    QAction* full = view->addAction(tr("Full screen"));
    full->setShortcut(QKeySequence(Qt::Key_F11));
    full->setCheckable(true);
    connect(full, &QAction::toggled, this,
            [this](bool on) { on ? showFullScreen() : showNormal(); });
    QMenu* theme = view->addMenu(tr("Theme"));
    auto* themes = new QActionGroup(this);
    for (ThemeKind kind : {ThemeKind::Dark, ThemeKind::Light}) {
        QAction* a =
            theme->addAction(kind == ThemeKind::Dark ? tr("Dark (control room)") : tr("Light"));
        a->setCheckable(true);
        a->setChecked(parseTheme(m_settings.value(QStringLiteral("theme")).toString()) == kind);
        themes->addAction(a);
        connect(a, &QAction::triggered, this, [this, kind] {
            if (auto* app = qobject_cast<QApplication*>(QCoreApplication::instance()))
                applyTheme(*app, kind);
            m_settings.setValue(QStringLiteral("theme"), themeCode(kind));
        });
    }
    QMenu* language = view->addMenu(tr("Language"));
    auto* languages = new QActionGroup(this);
    for (const auto& [code, name] : {std::pair{QStringLiteral("zh_CN"), QStringLiteral("中文")},
                                     std::pair{QStringLiteral("en"), QStringLiteral("English")}}) {
        QAction* a = language->addAction(name);
        a->setCheckable(true);
        a->setChecked(m_settings.value(QStringLiteral("language"), QStringLiteral("zh_CN")) ==
                      code);
        languages->addAction(a);
        connect(a, &QAction::triggered, this, [this, code] {
            m_settings.setValue(QStringLiteral("language"), code);
            QMessageBox::information(this, tr("Language"),
                                     tr("The language changes at the next start."));
        });
    }

    QMenu* alarms = menuBar()->addMenu(tr("&Alarms"));
    alarms->addAction(tr("Active alarms"), this, [this] {
        dock(QStringLiteral("alarmPanel"))->show();
        dock(QStringLiteral("alarmPanel"))->raise();
        m_alarmPanel->table()->setFocus();
    });
    alarms->addAction(tr("Alarm records"), this, [this] {
        dock(QStringLiteral("alarmRecords"))->show();
        dock(QStringLiteral("alarmRecords"))->raise();
    });
    alarms->addAction(tr("Silence horn"), QKeySequence(Qt::CTRL | Qt::Key_M), &m_alarms,
                      &AlarmCenter::silence);

    // 工程: the engineer's tools; the editor gates itself (engineers and administrators).
    QMenu* project = menuBar()->addMenu(tr("&Project"));
    project->setToolTipsVisible(true); // why 画面编辑… is disabled
    project->addAction(m_editors->action());

    QMenu* reports = menuBar()->addMenu(tr("&Reports"));
    reports->addAction(tr("Reports…"), QKeySequence(Qt::CTRL | Qt::Key_R), this,
                       &MainWindow::openReports);
    // 查询: every logged-in role may query history.
    QMenu* queries = menuBar()->addMenu(tr("&Queries"));
    queries->addAction(tr("History query…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Q), this,
                       [this] { openQueries(0); });
    queries->addAction(tr("Comparison…"), this, [this] { openQueries(1); });
    queries->addAction(tr("Period comparison…"), this, [this] { openQueries(2); });
}

void MainWindow::openQueries(int tab)
{
    m_queries->setCurrentIndex(tab);
    QDockWidget* d = dock(QStringLiteral("queries"));
    d->show();
    d->raise();
}

void MainWindow::openReports()
{
    QDockWidget* d = dock(QStringLiteral("reports"));
    d->show();
    d->raise();
}

void MainWindow::applyLayout(Layout layout)
{
    std::vector<QDockWidget*> all;
    for (const PanelSpec& panel : Panels) {
        QDockWidget* d = dock(QString::fromLatin1(panel.name));
        d->setFloating(false);
        removeDockWidget(d);
        all.push_back(d);
    }
    QDockWidget* list = dock(QStringLiteral("realtimeList"));
    QDockWidget* map = dock(QStringLiteral("map"));
    QDockWidget* overview = dock(QStringLiteral("stationOverview"));
    QDockWidget* detail = dock(QStringLiteral("stationDetail"));
    QDockWidget* trends = dock(QStringLiteral("trends"));
    QDockWidget* alarmPanel = dock(QStringLiteral("alarmPanel"));
    QDockWidget* records = dock(QStringLiteral("alarmRecords"));
    QDockWidget* settings = dock(QStringLiteral("alarmSettings"));
    QDockWidget* graphics = dock(QStringLiteral("processGraphics"));
    QDockWidget* reports = dock(QStringLiteral("reports"));
    QDockWidget* queries = dock(QStringLiteral("queries"));
    // Dispatcher: the list and the map side by side, the alarms below with a station's detail
    // beside them. Engineer: the list and the detail, the trends large below.
    const bool dispatcher = layout == Layout::Dispatcher;
    QDockWidget* topRight = dispatcher ? map : detail;
    QDockWidget* bottomLeft = dispatcher ? alarmPanel : trends;
    QDockWidget* bottomRight = dispatcher ? detail : alarmPanel;
    addDockWidget(Qt::TopDockWidgetArea, list);
    splitDockWidget(list, topRight, Qt::Horizontal);
    addDockWidget(Qt::BottomDockWidgetArea, bottomLeft);
    splitDockWidget(bottomLeft, bottomRight, Qt::Horizontal);
    tabifyDockWidget(topRight, graphics);
    tabifyDockWidget(list, reports); // a report wants the wide side; the list stays in front
    tabifyDockWidget(reports, queries);
    if (dispatcher) {
        tabifyDockWidget(map, overview);
        tabifyDockWidget(alarmPanel, records);
        tabifyDockWidget(records, settings);
        tabifyDockWidget(detail, trends);
    } else {
        tabifyDockWidget(detail, map);
        tabifyDockWidget(map, overview);
        tabifyDockWidget(alarmPanel, records);
        tabifyDockWidget(records, settings);
    }
    for (QDockWidget* d : all)
        d->show(); // removeDockWidget() hid them
    for (QDockWidget* d : {list, topRight, bottomLeft, bottomRight})
        d->raise();
    const int w = width();
    const int h = height();
    const int left = w * (dispatcher ? 58 : 55) / 100;
    resizeDocks({list, topRight}, {left, w - left}, Qt::Horizontal);
    resizeDocks({bottomLeft, bottomRight}, {left, w - left}, Qt::Horizontal);
    resizeDocks({list, bottomLeft}, {h * 60 / 100, h * 40 / 100}, Qt::Vertical);
    // The map shows every station once its dock has its size.
    QTimer::singleShot(0, m_map, [this] { m_map->canvas()->zoomToAll(); });
}

void MainWindow::applyDefaultLayout()
{
    const std::optional<User>& user = m_services.session.user();
    applyLayout(user && user->role == Role::Engineer ? Layout::Engineer : Layout::Dispatcher);
}

bool MainWindow::restoreUserLayout()
{
    const std::optional<User>& user = m_services.session.user();
    if (!user)
        return false;
    m_layoutUser = user->name;
    const QByteArray geometry = m_settings.value(userKey(user->name, "geometry")).toByteArray();
    const QByteArray state = m_settings.value(userKey(user->name, "state")).toByteArray();
    const bool placed = !geometry.isEmpty() && restoreGeometry(geometry);
    if (state.isEmpty() || !restoreState(state, LayoutVersion))
        applyDefaultLayout();
    m_list->restoreState(m_settings.value(userKey(user->name, "listColumns")).toByteArray());
    return placed;
}

void MainWindow::saveUserLayout()
{
    if (m_layoutUser.isEmpty())
        return;
    m_settings.setValue(userKey(m_layoutUser, "geometry"), saveGeometry());
    m_settings.setValue(userKey(m_layoutUser, "state"), saveState(LayoutVersion));
    m_settings.setValue(userKey(m_layoutUser, "listColumns"), m_list->saveState());
    m_settings.sync();
}

void MainWindow::updateAccountActions()
{
    m_passwordAction->setEnabled(m_services.session.user().has_value());
    m_userAdminAction->setEnabled(m_services.session.may(Action::ManageUsers));
    m_auditAction->setEnabled(m_services.session.may(Action::ViewAudit));
}

void MainWindow::openAudit()
{
    if (!m_services.session.may(Action::ViewAudit))
        return;
    auto* viewer = new AuditViewer(m_services, this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->show();
}

void MainWindow::openUserAdmin()
{
    if (!m_services.session.may(Action::ManageUsers))
        return;
    UserAdminDialog dialog(m_services, m_users, this);
    dialog.exec();
}

void MainWindow::openPasswordChange()
{
    if (!m_services.session.user())
        return;
    PasswordDialog dialog(m_services, m_users, this);
    dialog.exec();
}

void MainWindow::userChanged()
{
    updateAccountActions();
    // The same user again (a permission edit, their own password): the layout stays.
    const std::optional<User>& user = m_services.session.user();
    if (user && user->name == m_layoutUser) {
        updateStatus();
        return;
    }
    saveUserLayout();
    restoreUserLayout();
    updateStatus();
}

void MainWindow::lock()
{
    saveUserLayout();
    const Alarms::Actor before = m_services.session.actor();
    auditWorkstation(m_services, before, QStringLiteral("lock"), QStringLiteral("ok"));
    LoginDialog dialog(m_users, LoginDialog::Mode::Unlock, &m_settings, this);
    dialog.setHint(m_demoHint);
    if (m_services.session.user())
        dialog.setUserName(m_services.session.user()->name);
    // Every attempt is audited: the same user unlocks, another one takes over (the one before
    // is logged out), a wrong password is a failed login under the name typed.
    auditLogins(m_services, dialog);
    connect(&dialog, &LoginDialog::loggedIn, this, [this, before](const Alarms::Actor& who) {
        if (who.login == before.login) {
            auditWorkstation(m_services, who, QStringLiteral("unlock"), QStringLiteral("ok"));
        } else {
            if (!before.login.isEmpty())
                auditWorkstation(m_services, before, QStringLiteral("logout"), QStringLiteral("ok"),
                                 QStringLiteral("next=") + who.login);
            auditWorkstation(m_services, who, QStringLiteral("login"), QStringLiteral("ok"));
        }
    });
    // The alarms keep flashing and sounding behind the dialog; only a login closes it.
    while (dialog.exec() != QDialog::Accepted) {
    }
    if (dialog.user()->name != m_layoutUser || !m_services.session.user())
        m_services.session.setUser(*dialog.user());
}

void MainWindow::openStation(int station)
{
    m_detail->setStation(station);
    m_trends->showStation(station);
    QDockWidget* d = dock(QStringLiteral("stationDetail"));
    d->show();
    d->raise();
}

void MainWindow::openGraphic(int station)
{
    m_graphics->openStation(station);
    QDockWidget* d = dock(QStringLiteral("processGraphics"));
    d->show();
    d->raise();
}

void MainWindow::showTrends(int station)
{
    m_trends->showStation(station);
    dock(QStringLiteral("trends"))->show();
    dock(QStringLiteral("trends"))->raise();
}

void MainWindow::tick()
{
    const qint64 now = m_services.clock.nowMs();
    if (m_services.acquisition)
        m_stations.setCommStatuses(m_services.acquisition->deviceStatuses());
    else if (m_services.commStatuses)
        m_stations.setCommStatuses(m_services.commStatuses());
    m_stations.refresh(now);
    m_list->refreshed();
    m_detail->refresh();
    m_trends->refresh();
    if (m_map->isVisible())
        m_map->refresh();
    m_clock->setText(
        QDateTime::fromMSecsSinceEpoch(now, QTimeZone(m_services.project.timeZone.toLatin1()))
            .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    updateStatus();
}

void MainWindow::updateStatus()
{
    int online = 0;
    int offline = 0;
    for (int r = 0; r < m_stations.rowCount(); ++r) {
        const bool cut = m_stations.isOffline(r);
        offline += cut;
        online += !cut && m_stations.state(r) != StationState::Unknown;
    }
    const QString comm = tr("%1 stations: %2 online, %3 offline")
                             .arg(m_stations.rowCount())
                             .arg(online)
                             .arg(offline);
    const QString link = m_services.linkProblem ? m_services.linkProblem() : QString();
    m_comm->setText(link.isEmpty() ? comm : link + QStringLiteral("  |  ") + comm);
    // A broken realtime link is the first thing a dispatcher must see: every value is old.
    m_comm->setStyleSheet(link.isEmpty() ? QString()
                                         : QStringLiteral("color: white; background: #b00020; "
                                                          "font-weight: bold; padding: 0 6px;"));
}

void MainWindow::auditExit(const QString& result, const QString& detail)
{
    auditWorkstation(m_services, m_services.session.actor(), QStringLiteral("exit"), result,
                     detail);
}

bool MainWindow::requestExit()
{
    const std::optional<User>& user = m_services.session.user();
    if (!m_services.session.may(Action::ExitWorkstation)) {
        auditExit(QStringLiteral("refused"),
                  QStringLiteral("needs ") + actionCode(Action::ExitWorkstation));
        QMessageBox::warning(
            this, tr("Exit"),
            tr("%1 may not close the workstation: someone with the permission “%2” must log in "
               "to exit (Ctrl+L). The alarms stay watched while it runs.")
                .arg(user ? user->displayName : tr("Nobody logged in"),
                     actionDisplayName(Action::ExitWorkstation)));
        return false;
    }
    QStringList critical;
    for (const auto& r : m_alarms.live()) {
        if (r.isAnnunciated() && !r.isAcknowledged() && r.severity == Alarms::Severity::Critical)
            critical << m_alarms.model().describe(r);
    }
    QString text = tr("Close PumpWatch? Alarms are no longer shown or sounded on this "
                      "workstation until it is started again.");
    if (!critical.isEmpty()) {
        text += QStringLiteral("\n\n") +
                tr("%n critical alarm(s) not acknowledged:", nullptr,
                   static_cast<int>(critical.size())) +
                u'\n' + critical.mid(0, 8).join(u'\n');
        if (critical.size() > 8)
            text += u'\n' + tr("and %n more", nullptr, static_cast<int>(critical.size() - 8));
    }
    QMessageBox box(QMessageBox::Question, tr("Exit"), text, QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("exitConfirmation"));
    QPushButton* yes = box.addButton(tr("Exit"), QMessageBox::AcceptRole);
    QPushButton* no = box.addButton(tr("Keep running"), QMessageBox::RejectRole);
    box.setDefaultButton(no);
    box.exec();
    const bool exit = box.clickedButton() == yes;
    auditExit(exit ? QStringLiteral("ok") : QStringLiteral("cancelled"),
              QStringLiteral("%1 unacknowledged critical").arg(critical.size()));
    return exit;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // Who may exit is asked first; then an editor with unsaved changes asks (保存/放弃/取消),
    // and 取消 keeps the workstation open.
    if (!requestExit() || !m_editors->closeAll()) {
        event->ignore();
        return;
    }
    saveUserLayout();
    event->accept();
}

bool MainWindow::snapshot(const QString& dir, QString* error)
{
    if (!QDir().mkpath(dir)) {
        *error = tr("%1: cannot create the folder").arg(dir);
        return false;
    }
    auto save = [&](QWidget* w, const QString& name) {
        const QString path = QDir(dir).filePath(name + QStringLiteral(".png"));
        if (!w->grab().save(path)) {
            *error = tr("%1: cannot write the image").arg(path);
            return false;
        }
        return true;
    };
    if (!save(this, QStringLiteral("workstation")))
        return false;
    for (QDockWidget* d : findChildren<QDockWidget*>()) {
        if (!d->isVisible())
            d->show();
        d->raise();
        QCoreApplication::processEvents();
        if (!save(d, QStringLiteral("panel-") + d->objectName()))
            return false;
    }
    if (!save(m_banner, QStringLiteral("panel-alarmBanner")))
        return false;
    if (StationGraphic* g = m_graphics->current()) {
        const QString path = QDir(dir).filePath(QStringLiteral("graphic.png"));
        if (!g->image().save(path)) {
            *error = tr("%1: cannot write the image").arg(path);
            return false;
        }
        // A pump's faceplate, as a click on it opens it.
        g->activate(u"pump2");
        QCoreApplication::processEvents();
        if (QWidget* f = m_graphics->faceplate()) {
            const bool saved = save(f, QStringLiteral("faceplate"));
            f->close();
            if (!saved)
                return false;
        }
    }
    if (!snapshotReports(dir, error))
        return false;
    // The administrator's pages, as an administrator sees them: the users and the role
    // permissions (the dispatcher on duty comes back afterwards).
    {
        const std::optional<User> onDuty = m_services.session.user();
        for (const User& u : m_users.users()) {
            if (m_users.may(u, Action::ManageUsers)) {
                m_services.session.setUser(u);
                break;
            }
        }
        UserAdminDialog admin(m_services, m_users, this);
        admin.show();
        QCoreApplication::processEvents();
        if (!save(&admin, QStringLiteral("users"))) {
            if (onDuty)
                m_services.session.setUser(*onDuty);
            return false;
        }
        admin.tabs()->setCurrentIndex(1);
        QCoreApplication::processEvents();
        const bool saved = save(&admin, QStringLiteral("users-permissions"));
        admin.close();
        if (onDuty)
            m_services.session.setUser(*onDuty);
        if (!saved)
            return false;
    }
    // What the images show, as text for checks and the guide: the banner and the list's rows.
    {
        QString shown = QStringLiteral("banner\t") + m_banner->alarmText() + u'\n';
        const QAbstractItemModel* list = m_list->table()->model();
        for (int r = 0; r < list->rowCount(); ++r) {
            QStringList cells{QStringLiteral("list")};
            for (int c :
                 {StationListModel::Name, StationListModel::District, StationListModel::Pressure,
                  StationListModel::Flow, StationListModel::Comm, StationListModel::TodaySupply})
                cells << list->index(r, c).data().toString();
            shown += cells.join(u'\t') + u'\n';
        }
        QFile text(QDir(dir).filePath(QStringLiteral("snapshot.txt")));
        if (!text.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            text.write(shown.toUtf8()) < 0) {
            *error = tr("%1: cannot write the file").arg(text.fileName());
            return false;
        }
    }

    // The map at three levels of detail: the whole city, names, and cards around the station
    // on show (the first in alarm), floated to a screen's size.
    QDockWidget* mapDock = dock(QStringLiteral("map"));
    mapDock->setFloating(true);
    mapDock->resize(1400, 900);
    mapDock->show();
    m_map->waitForLayers();
    m_map->refresh();
    QCoreApplication::processEvents();
    // Cards around the station in the worst alarm (the detail's when none is).
    int station = std::max(0, m_detail->station());
    StationState worst = StationState::Normal;
    for (const MapStation& s : m_map->canvas()->stations()) {
        if (s.state > worst && !s.offline) {
            worst = s.state;
            station = s.station;
        }
    }
    const std::pair<double, const char*> views[] = {
        {0, "map-all"}, {13.0, "map-names"}, {16.0, "map-cards"}};
    for (const auto& [zoom, name] : views) {
        if (zoom == 0)
            m_map->canvas()->zoomToAll();
        else
            m_map->canvas()->flyTo(station, zoom);
        QCoreApplication::processEvents();
        if (!save(mapDock, QString::fromLatin1(name)))
            return false;
    }
    mapDock->setFloating(false);
    return true;
}

bool MainWindow::snapshotReports(const QString& dir, QString* error)
{
    if (!m_reports->model().hasReport())
        return true;
    auto save = [&](QWidget* w, const QString& name) {
        const QString path = QDir(dir).filePath(name + QStringLiteral(".png"));
        if (!w->grab().save(path)) {
            *error = tr("%1: cannot write the image").arg(path);
            return false;
        }
        return true;
    };
    // The panel floated to a screen's size, as a report clerk reads a whole report.
    QDockWidget* d = dock(QStringLiteral("reports"));
    d->setFloating(true);
    d->resize(1500, 1000);
    d->show();
    d->raise();
    QCoreApplication::processEvents();
    bool saved = save(d, QStringLiteral("reports"));
    if (ReportPreviewDialog* preview = saved ? m_reports->preview() : nullptr) {
        preview->resize(1200, 880);
        QCoreApplication::processEvents();
        saved = save(preview, QStringLiteral("report-preview"));
        preview->close();
    }
    // The correction dialog as an administrator fills it in for the first line's first value.
    const Reports::Report& report = m_reports->model().report();
    for (int r = report.headerRows; saved && r < report.rowCount(); ++r) {
        const auto& row = report.rows[static_cast<size_t>(r)];
        const auto it = std::find_if(row.begin(), row.end(), [](const Reports::Cell& c) {
            return !c.key.isEmpty() && c.isNumber();
        });
        if (it == row.end())
            continue;
        const int column = static_cast<int>(it - row.begin());
        ReportCorrectionDialog correction(m_reports->cellPlace(r, column), *it, this);
        correction.setMethod(Reports::CorrectionMethod::PairedMeter);
        correction.setValue(std::round(*it->value * 1.05));
        correction.setReason(tr("The outlet meter's signal cable was loose and it undercounted; "
                                "the value is the inlet meter's."));
        correction.show();
        QCoreApplication::processEvents();
        saved = save(&correction, QStringLiteral("report-correction"));
        break;
    }
    d->setFloating(false);
    return saved;
}

} // namespace PumpWatch::Ui
