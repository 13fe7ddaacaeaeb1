#include "querypanel.h"

#include "querycomparetab.h"
#include "queryhistorytab.h"
#include "queryperiodtab.h"

namespace PumpWatch::Ui {

QueryPanel::QueryPanel(Services& services, QWidget* parent)
    : QTabWidget(parent)
    , m_history(new QueryHistoryTab(services, this))
    , m_compare(new QueryCompareTab(services, this))
    , m_period(new QueryPeriodTab(services, this))
{
    setObjectName(QStringLiteral("queryPanel"));
    addTab(m_history, tr("History query"));
    addTab(m_compare, tr("Comparison"));
    addTab(m_period, tr("Period comparison"));
    setTabToolTip(0, tr("Several quantities over a period: curve, table and statistics"));
    setTabToolTip(1, tr("One quantity at many stations on one chart, ranked"));
    setTabToolTip(2, tr("This period against the previous one and the same period last year"));
}

} // namespace PumpWatch::Ui
