// MainWindow: the workstation shell. Every panel docks and floats — realtime list, map, station
// overview, alarms, alarm records, alarm settings, station detail, trends, reports (one table
// builds the docks, the View menu and the layouts); the alarm banner stays on top whatever is
// closed, and a new alarm brings the alarm list forward. Closing needs a role and a confirmation
// naming the unacknowledged critical alarms, and is audited. The layout (docks, list columns,
// theme) is saved per user and restored at login; two named layouts arrange it for a dispatcher or
// an engineer; F11 goes full screen for a video wall, and floating panels can live on other
// monitors. Ctrl+L locks the screen; logging in as someone else changes the user.
#pragma once

#include "alarmcenter.h"
#include "services.h"
#include "stationlistmodel.h"

#include <history/historyreader.h>

#include <QFutureWatcher>
#include <QMainWindow>
#include <QTimer>

class QDockWidget;
class QLabel;
class QSettings;

namespace PumpWatch::Ui {

class AlarmBanner;
class AlarmPanel;
class AlarmQuery;
class DrawingEditors;
class GraphicsPanel;
class LimitEditor;
class MapPanel;
class QueryPanel;
class ReportsPanel;
class StationDetail;
class StationListView;
class StationTiles;
class TrendPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    enum class Layout : quint8 { Dispatcher, Engineer };

    MainWindow(Services& services, UserStore& users, QSettings& settings,
               QWidget* parent = nullptr);
    ~MainWindow() override;

    void applyLayout(Layout layout);
    /// The layout for the session user's role (engineer or dispatcher).
    void applyDefaultLayout();
    /// The session user's saved layout; the layout for the role when there is none. False when
    /// no window geometry was saved (a first start: show it maximised).
    bool restoreUserLayout();
    void saveUserLayout();
    /// Shows the unlock dialog until someone logs in; the layout follows the user.
    void lock();
    void openStation(int station);
    /// Shows the station's process graphic in its dock.
    void openGraphic(int station);
    /// Pulls comm status and the realtime snapshot into the panels (the 1 s tick).
    void tick();
    /// Renders the window and each panel to DIR/*.png; false with `error`.
    bool snapshot(const QString& dir, QString* error);
    void setDemoHint(const QString& hint) { m_demoHint = hint; }
    /// Reads the sparklines' last hours and today's first totalizer values from history (on a
    /// pool thread); the list fills them in when they arrive.
    void loadListHistory();
    /// Waits for loadListHistory() (tests, snapshots).
    void waitForListHistory();

    StationListModel& stations() { return m_stations; }
    AlarmCenter& alarmCenter() { return m_alarms; }
    StationListView* stationList() const { return m_list; }
    AlarmPanel* alarmPanel() const { return m_alarmPanel; }
    AlarmQuery* alarmQuery() const { return m_query; }
    StationDetail* stationDetail() const { return m_detail; }
    TrendPanel* trends() const { return m_trends; }
    LimitEditor* limitEditor() const { return m_limits; }
    MapPanel* map() const { return m_map; }
    GraphicsPanel* graphics() const { return m_graphics; }
    DrawingEditors* drawingEditors() const { return m_editors; }
    ReportsPanel* reports() const { return m_reports; }
    /// Brings the reports dock forward.
    void openReports();
    /// 用户管理 (with the permission "users.manage"), 修改密码 (any user logged in).
    void openUserAdmin();
    void openPasswordChange();
    /// 审计日志 (with the permission "audit.view"): filters, export, the chain's check.
    void openAudit();
    QueryPanel* queries() const { return m_queries; }
    /// Brings the queries dock forward at `tab`: 0 综合查询, 1 对比查询, 2 同比/环比.
    void openQueries(int tab = 0);
    QDockWidget* dock(const QString& objectName) const;
    AlarmBanner* banner() const { return m_banner; }

    /// Whether the session user may close the workstation (the permission "workstation.exit",
    /// engineers and administrators by default: an operator hands over, never closes), and if
    /// so asks, naming the unacknowledged critical alarms. Every attempt is audited. True: close.
    bool requestExit();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void addPanels();
    /// The reports panel floated, its print preview and a correction dialog, as images.
    bool snapshotReports(const QString& dir, QString* error);
    /// A new alarm brings the alarm list to the front, whatever is tabbed over it.
    void raiseAlarmsOnNewAlarm();
    void auditExit(const QString& result, const QString& detail);
    void buildMenus();
    void userChanged();
    void updateAccountActions();
    /// The station's pressure and flow in the trend dock, brought to the front.
    void showTrends(int station);
    void updateStatus();

    Services& m_services;
    UserStore& m_users;
    QAction* m_userAdminAction = nullptr;
    QAction* m_passwordAction = nullptr;
    QAction* m_auditAction = nullptr;
    QSettings& m_settings;
    StationListModel m_stations;
    AlarmCenter m_alarms;
    StationListView* m_list;
    AlarmPanel* m_alarmPanel;
    AlarmQuery* m_query;
    StationDetail* m_detail;
    TrendPanel* m_trends;
    LimitEditor* m_limits;
    MapPanel* m_map;
    GraphicsPanel* m_graphics;
    DrawingEditors* m_editors;
    ReportsPanel* m_reports;
    QueryPanel* m_queries;
    StationTiles* m_tiles;
    AlarmBanner* m_banner;
    QLabel* m_clock;
    QLabel* m_database;
    QLabel* m_comm;
    QTimer m_tick;
    QFutureWatcher<History::QueryResult> m_trendHistory;
    QFutureWatcher<History::QueryResult> m_dayHistory;
    QString m_layoutUser; ///< whose layout is on screen
    QString m_demoHint;
    qint64 m_dayStart = 0;              ///< local midnight of the day history was asked for
    std::vector<quint64> m_knownAlarms; ///< keys of the annunciated alarms already seen
};

} // namespace PumpWatch::Ui
