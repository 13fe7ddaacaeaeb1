#include "alarmpanel.h"

#include "theme.h"

#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace PumpWatch::Ui {

namespace {

/// Ctrl+Enter in the note acknowledges (Enter alone starts a new line).
class CtrlEnterAccepts : public QObject {
public:
    explicit CtrlEnterAccepts(QDialog* dialog)
        : QObject(dialog)
        , m_dialog(dialog)
    {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::KeyPress) {
            const auto* key = static_cast<QKeyEvent*>(event);
            if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
                (key->modifiers() & Qt::ControlModifier)) {
                m_dialog->accept();
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }

private:
    QDialog* m_dialog;
};

} // namespace

bool askAcknowledgeNote(QWidget* parent, const QString& what, QString* note)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(AlarmPanel::tr("Acknowledge alarm"));
    auto* text = new QLabel(what, &dialog);
    text->setWordWrap(true);
    auto* edit = new QPlainTextEdit(&dialog);
    edit->setPlaceholderText(AlarmPanel::tr("Handling and result (Ctrl+Enter to acknowledge)"));
    edit->setTabChangesFocus(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(AlarmPanel::tr("Acknowledge"));
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    edit->installEventFilter(new CtrlEnterAccepts(&dialog));
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(text);
    layout->addWidget(edit);
    layout->addWidget(buttons);
    dialog.resize(460, 240);
    edit->setFocus();
    if (dialog.exec() != QDialog::Accepted)
        return false;
    *note = edit->toPlainText().trimmed();
    return true;
}

AlarmPanel::AlarmPanel(AlarmCenter& center, Session& session, QWidget* parent)
    : QWidget(parent)
    , m_center(center)
    , m_session(session)
    , m_table(new QTableView(this))
    , m_ack(new QPushButton(tr("Acknowledge (Enter)"), this))
    , m_ackStation(new QPushButton(tr("Acknowledge station"), this))
    , m_silence(new QPushButton(tr("Silence"), this))
    , m_counts(new QLabel(this))
{
    m_table->setModel(&center.model());
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(24);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    const int widths[] = {120, 140, 130, 130, 90, 170};
    for (int c = 0; c < AlarmListModel::Note; ++c)
        m_table->setColumnWidth(c, widths[c]);
    m_table->installEventFilter(this);

    auto* bar = new QHBoxLayout;
    bar->addWidget(m_ack);
    bar->addWidget(m_ackStation);
    bar->addWidget(m_silence);
    bar->addStretch();
    bar->addWidget(m_counts);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(m_table);

    connect(m_ack, &QPushButton::clicked, this, &AlarmPanel::acknowledgeSelected);
    connect(m_ackStation, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_table->currentIndex();
        const int station = current.data(AlarmListModel::StationRole).toInt();
        QString note;
        if (station >= 0 &&
            askAcknowledgeNote(
                this, current.siblingAtColumn(AlarmListModel::Station).data().toString(), &note))
            m_center.acknowledgeStation(station, note);
    });
    connect(m_silence, &QPushButton::clicked, &m_center, &AlarmCenter::silence);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        const int station = index.data(AlarmListModel::StationRole).toInt();
        if (station >= 0)
            Q_EMIT stationActivated(station);
    });
    connect(&center, &AlarmCenter::recordsChanged, this, &AlarmPanel::updateButtons);
    connect(&center.sound(), &AlarmSound::changed, this, &AlarmPanel::updateButtons);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AlarmPanel::updateButtons);
    connect(&session, &Session::userChanged, this, &AlarmPanel::updateButtons);
    updateButtons();
}

bool AlarmPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_table && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            acknowledgeSelected();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void AlarmPanel::acknowledgeSelected()
{
    std::vector<quint64> keys;
    QStringList what;
    for (const QModelIndex& i : m_table->selectionModel()->selectedRows()) {
        if (!i.data(AlarmListModel::AcknowledgedRole).toBool()) {
            keys.push_back(i.data(AlarmListModel::KeyRole).value<quint64>());
            what << m_center.model().describe(m_center.model().record(i.row()));
        }
    }
    QString note;
    if (keys.empty() || !askAcknowledgeNote(this, what.mid(0, 5).join(u'\n'), &note))
        return;
    for (quint64 key : keys)
        m_center.acknowledge(key, note);
}

void AlarmPanel::updateButtons()
{
    const bool user = m_session.may(Action::AcknowledgeAlarms);
    bool unacked = false;
    for (const QModelIndex& i : m_table->selectionModel()->selectedRows())
        unacked = unacked || !i.data(AlarmListModel::AcknowledgedRole).toBool();
    m_ack->setEnabled(user && unacked);
    m_ackStation->setEnabled(user && m_table->currentIndex().isValid());
    m_silence->setEnabled(user && m_center.sound().isPlaying());
    const AlarmListModel& model = m_center.model();
    m_counts->setText(
        tr("%1 alarms, %2 unacknowledged").arg(model.rowCount()).arg(model.unacknowledgedCount()));
}

AlarmBanner::AlarmBanner(AlarmCenter& center, Session& session, QWidget* parent)
    : QFrame(parent)
    , m_center(center)
    , m_session(session)
    , m_counts(new QLabel(this))
    , m_latest(new QLabel(this))
    , m_horn(new QLabel(this))
    , m_user(new QLabel(this))
    , m_ack(new QPushButton(tr("Acknowledge"), this))
    , m_silence(new QPushButton(tr("Silence"), this))
{
    setObjectName(QStringLiteral("alarmBanner"));
    m_latest->setTextInteractionFlags(Qt::NoTextInteraction);
    m_latest->setMinimumWidth(300);
    QFont bold = font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    m_counts->setFont(bold);
    m_latest->setFont(bold);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 3, 8, 3);
    layout->addWidget(m_counts);
    layout->addWidget(m_latest, 1);
    layout->addWidget(m_horn);
    layout->addWidget(m_ack);
    layout->addWidget(m_silence);
    layout->addSpacing(12);
    layout->addWidget(m_user);
    connect(&center, &AlarmCenter::recordsChanged, this, &AlarmBanner::update);
    connect(&center, &AlarmCenter::blink, this, &AlarmBanner::update);
    connect(&center.sound(), &AlarmSound::changed, this, &AlarmBanner::update);
    connect(&session, &Session::userChanged, this, &AlarmBanner::update);
    connect(m_silence, &QPushButton::clicked, &center, &AlarmCenter::silence);
    connect(m_ack, &QPushButton::clicked, this, [this] {
        QString note;
        const quint64 key = m_latestKey;
        for (const auto& r : m_center.live()) {
            if (r.key == key && askAcknowledgeNote(this, m_center.model().describe(r), &note)) {
                m_center.acknowledge(key, note);
                break;
            }
        }
    });
    update();
}

QString AlarmBanner::alarmText() const
{
    return m_latest->text();
}

void AlarmBanner::paintEvent(QPaintEvent* event)
{
    // Painted here rather than through the palette: the application's style sheet and the
    // tool bar around the banner would otherwise decide its background.
    QPainter p(this);
    p.fillRect(rect(), m_fill);
    QFrame::paintEvent(event);
}

void AlarmBanner::update()
{
    int critical = 0;
    int warning = 0;
    // The newest unacknowledged alarm of the highest priority: four critical alarms are never
    // hidden behind a newer warning.
    const Alarms::AlarmRecord* shown = nullptr;
    for (const auto& r : m_center.live()) {
        if (!r.isAnnunciated() || r.isAcknowledged())
            continue;
        (r.severity == Alarms::Severity::Critical ? critical : warning) += 1;
        if (!shown || r.severity > shown->severity ||
            (r.severity == shown->severity &&
             (r.startMs > shown->startMs || (r.startMs == shown->startMs && r.key > shown->key))))
            shown = &r;
    }
    m_latestKey = shown ? shown->key : 0;
    m_counts->setText(tr("Unacknowledged: %1 critical · %2 warning").arg(critical).arg(warning));
    m_latest->setText(shown ? m_center.model().describe(*shown) : tr("No unacknowledged alarm"));
    const QString cause = shown ? Alarms::AlarmText::cause(shown->detail) : QString();
    m_latest->setToolTip(!shown            ? QString()
                         : cause.isEmpty() ? m_center.model().describe(*shown)
                                           : m_center.model().describe(*shown) + u'\n' + cause);
    QColor text = QPalette().color(QPalette::WindowText);
    if (shown) {
        const StationState priority = shown->severity == Alarms::Severity::Critical
                                          ? StationState::Critical
                                          : StationState::Warning;
        // Bright and dim in the priority's own colour: it never looks like "no alarm".
        m_fill = stateColour(priority);
        if (!m_center.blinkPhase())
            m_fill = m_fill.darker(160);
        text = stateTextColour(priority);
        if (!m_center.blinkPhase() && priority == StationState::Warning)
            text = Qt::white;
    } else {
        m_fill = QPalette().color(QPalette::Window).darker(115);
    }
    for (QLabel* l : {m_counts, m_latest, m_horn, m_user}) {
        QPalette lp = l->palette();
        lp.setColor(QPalette::WindowText, text);
        l->setPalette(lp);
    }
    QFrame::update();
    const AlarmSound& sound = m_center.sound();
    if (sound.isPlaying())
        m_horn->setText(tr("Horn sounding"));
    else if (sound.isSilenced())
        m_horn->setText(
            tr("Horn silenced by %1 at %2")
                .arg(sound.silencedBy(), QDateTime::fromMSecsSinceEpoch(sound.silencedAtMs())
                                             .toString(QStringLiteral("HH:mm"))));
    else
        m_horn->clear();
    m_ack->setEnabled(shown && m_session.may(Action::AcknowledgeAlarms));
    m_silence->setEnabled(sound.isPlaying() && m_session.may(Action::AcknowledgeAlarms));
    m_user->setText(m_session.user()
                        ? tr("On duty: %1 (%2)")
                              .arg(m_session.userName(), roleDisplayName(m_session.user()->role))
                        : tr("Locked"));
}

} // namespace PumpWatch::Ui
