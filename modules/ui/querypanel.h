// QueryPanel: the 查询 dock — 综合查询 (tags over a period: curve, table, statistics), 对比查询
// (one quantity at many stations, ranked) and 同比/环比 (a measure against the period before
// and last year, 可比口径), one tab each. Every logged-in user may query; the queries read
// history on pool threads (queryjob.h) and never write. GUI thread.
#pragma once

#include "services.h"

#include <QTabWidget>

namespace PumpWatch::Ui {

class QueryCompareTab;
class QueryHistoryTab;
class QueryPeriodTab;

class QueryPanel : public QTabWidget {
    Q_OBJECT

public:
    explicit QueryPanel(Services& services, QWidget* parent = nullptr);

    QueryHistoryTab* historyTab() const { return m_history; }
    QueryCompareTab* compareTab() const { return m_compare; }
    QueryPeriodTab* periodTab() const { return m_period; }

private:
    QueryHistoryTab* m_history;
    QueryCompareTab* m_compare;
    QueryPeriodTab* m_period;
};

} // namespace PumpWatch::Ui
