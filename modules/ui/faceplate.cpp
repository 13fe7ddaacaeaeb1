#include "faceplate.h"

#include <core/valueformat.h>

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace PumpWatch::Ui {
namespace {

using Control::Cause;
using Control::Step;

QString coloured(const QString& text, const char* colour)
{
    return QStringLiteral("<span style='color:%1'>%2</span>")
        .arg(QLatin1StringView(colour), text.toHtmlEscaped());
}

} // namespace

Faceplate::Faceplate(Services& services, const Control::ControlAddress& address,
                     std::vector<TagId> values, QWidget* parent)
    : QDialog(parent)
    , m_services(services)
    , m_address(address)
    , m_step(new QLabel(this))
    , m_reason(new QLabel(this))
    , m_again(new QFrame(this))
    , m_againButton(new QPushButton(tr("Confirm"), m_again))
    , m_confirm(new QFrame(this))
    , m_confirmText(new QLabel(m_confirm))
    , m_execute(new QPushButton(tr("Execute"), m_confirm))
    , m_cancel(new QPushButton(tr("Cancel"), m_confirm))
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("faceplate"));
    setMinimumWidth(420);
    const Project& p = services.project;
    const Station& station = p.stations[std::size_t(address.station)];
    m_def = services.control ? services.control->control(address) : nullptr;
    const QString objectName = m_def ? m_def->name : address.object;
    setWindowTitle(tr("%1 · %2").arg(station.displayName(), objectName));

    auto* layout = new QVBoxLayout(this);
    auto* title =
        new QLabel(QStringLiteral("<b>%1</b> · %2")
                       .arg(station.displayName().toHtmlEscaped(), objectName.toHtmlEscaped()),
                   this);
    layout->addWidget(title);

    auto* form = new QFormLayout;
    if (m_def) {
        const Device& device = station.devices[std::size_t(address.device)];
        m_feedback = p.findTag(station.id, device.id, m_def->feedback);
        m_values.push_back(m_feedback);
    }
    for (const TagId t : values) {
        if (t != m_feedback && t != InvalidTagId)
            m_values.push_back(t);
    }
    for (const TagId t : m_values) {
        auto* value = new QLabel(this);
        value->setTextFormat(Qt::RichText);
        form->addRow(tr("%1:").arg(p.tag(t).name), value);
        m_valueLabels.push_back(value);
    }
    layout->addLayout(form);
    m_step->setObjectName(QStringLiteral("step"));
    m_step->setWordWrap(true);
    layout->addWidget(m_step);

    auto* commands = new QHBoxLayout;
    if (m_def && m_def->kind == ControlKind::Setpoint) {
        const TagDef& def = p.tag(
            p.findTag(station.id, station.devices[std::size_t(address.device)].id, m_def->command));
        m_setpoint = new QDoubleSpinBox(this);
        m_setpoint->setDecimals(ValueFormat::decimals(def.quantity, def.unit));
        m_setpoint->setRange(m_def->min.value_or(-1e9), m_def->max.value_or(1e9));
        m_setpoint->setSuffix(u' ' + def.unit);
        m_set = new QPushButton(tr("Set"), this);
        commands->addWidget(m_setpoint);
        commands->addWidget(m_set);
        connect(m_set, &QPushButton::clicked, this, [this] { request(m_setpoint->value()); });
        const TagValue now = services.store.value(m_feedback);
        if (now.quality != Quality::Unknown)
            m_setpoint->setValue(now.value);
    } else if (m_def) {
        const bool pump = m_def->kind == ControlKind::Pump;
        m_on = new QPushButton(pump ? tr("Start") : tr("Open"), this);
        m_off = new QPushButton(pump ? tr("Stop") : tr("Close", "a valve"), this);
        commands->addWidget(m_on);
        commands->addWidget(m_off);
        connect(m_on, &QPushButton::clicked, this, [this] { request(1); });
        connect(m_off, &QPushButton::clicked, this, [this] { request(0); });
    }
    commands->addStretch();
    auto* trend = new QPushButton(tr("Trend"), this);
    auto* close = new QPushButton(tr("Close", "the window"), this);
    commands->addWidget(trend);
    commands->addWidget(close);
    connect(close, &QPushButton::clicked, this, &QDialog::close);
    connect(trend, &QPushButton::clicked, this, [this] {
        // The first analog value (a pump's frequency, the setpoint), else the feedback.
        for (const TagId t : m_values) {
            if (!ValueFormat::isDigital(m_services.project.tag(t).quantity)) {
                Q_EMIT trendRequested(t);
                return;
            }
        }
        if (!m_values.empty())
            Q_EMIT trendRequested(m_values.front());
    });
    layout->addLayout(commands);

    // A setpoint step beyond the allowed one: the same value typed a second time.
    auto* againLayout = new QHBoxLayout(m_again);
    againLayout->setContentsMargins(0, 0, 0, 0);
    againLayout->addWidget(new QLabel(tr("Type the new value again:"), m_again));
    m_againBox = new QDoubleSpinBox(m_again);
    if (m_setpoint) {
        m_againBox->setDecimals(m_setpoint->decimals());
        m_againBox->setRange(m_setpoint->minimum(), m_setpoint->maximum());
        m_againBox->setSuffix(m_setpoint->suffix());
    }
    againLayout->addWidget(m_againBox);
    againLayout->addWidget(m_againButton);
    m_again->hide();
    connect(m_againButton, &QPushButton::clicked, this, [this] {
        if (std::abs(m_againBox->value() - m_pending) > 1e-9) {
            m_reason->setText(
                coloured(tr("The two values differ; nothing was selected."), "#e53935"));
            return;
        }
        m_again->hide();
        request(m_pending, true);
    });
    layout->addWidget(m_again);

    // Select → confirm: the bar shows what will be written and how long the selection holds.
    m_confirm->setObjectName(QStringLiteral("confirm"));
    m_confirm->setFrameShape(QFrame::StyledPanel);
    auto* confirmLayout = new QHBoxLayout(m_confirm);
    m_confirmText->setWordWrap(true);
    confirmLayout->addWidget(m_confirmText, 1);
    confirmLayout->addWidget(m_execute);
    confirmLayout->addWidget(m_cancel);
    m_confirm->hide();
    connect(m_execute, &QPushButton::clicked, this, &Faceplate::execute);
    connect(m_cancel, &QPushButton::clicked, this, &Faceplate::cancelSelection);
    layout->addWidget(m_confirm);

    m_reason->setObjectName(QStringLiteral("reason"));
    m_reason->setTextFormat(Qt::RichText);
    m_reason->setWordWrap(true);
    layout->addWidget(m_reason);

    if (services.control) {
        connect(services.control, &Control::ControlService::changed, this, [this](int s) {
            if (s == m_address.station)
                refresh();
        });
    }
    connect(&services.session, &Session::userChanged, this, &Faceplate::refresh);
    connect(m_timer, &QTimer::timeout, this, &Faceplate::refresh);
    m_timer->start(500); // the countdowns and the values
    refresh();
}

Faceplate::~Faceplate()
{
    // A selection left behind would hold the object against everyone for its 30 s.
    if (!m_services.control)
        return;
    const Control::Operator me = m_services.session.controlOperator();
    const Control::ControlState st = m_services.control->state(m_address);
    if (st.step == Step::Selected && st.holder.isSameHolder(me))
        m_services.control->cancel(me, m_address);
}

QString Faceplate::reasonText() const
{
    return m_reason->text();
}

QString Faceplate::stepText() const
{
    return m_step->text();
}

QString Faceplate::commandText(double value) const
{
    if (!m_def)
        return {};
    switch (m_def->kind) {
    case ControlKind::Pump:
        return value != 0 ? tr("start %1").arg(m_def->name) : tr("stop %1").arg(m_def->name);
    case ControlKind::Valve:
        return value != 0 ? tr("open %1").arg(m_def->name) : tr("close %1").arg(m_def->name);
    case ControlKind::Setpoint:
        break;
    }
    const TagDef& def = m_services.project.tag(m_feedback);
    return tr("set %1 to %2").arg(m_def->name, ValueFormat::text(def, value));
}

void Faceplate::refresh()
{
    const Project& p = m_services.project;
    const qint64 now = m_services.clock.nowMs();
    const Station& station = p.stations[std::size_t(m_address.station)];
    const qint64 staleMs =
        ValueFormat::staleAfterMs(station.devices[std::size_t(m_address.device)].settings.pollMs);
    for (std::size_t i = 0; i < m_values.size(); ++i) {
        const TagDef& def = p.tag(m_values[i]);
        const TagValue v = m_services.store.value(m_values[i]);
        const bool stale = v.quality == Quality::Good && now - v.timestampMs > staleMs;
        const ShownValue shown = ValueFormat::shown(
            def, v.value, ValueFormat::effectiveQuality(v.quality, false, stale));
        QString text = v.quality == Quality::Unknown ? QStringLiteral("—") : shown.text;
        m_valueLabels[i]->setText(shown.trusted ? text.toHtmlEscaped() : coloured(text, "#9e9e9e"));
        m_valueLabels[i]->setToolTip(shown.toolTip);
    }

    Control::ControlService* control = m_services.control;
    const Control::Operator me = m_services.session.controlOperator();
    const Control::ControlState st = control ? control->state(m_address) : Control::ControlState{};
    const qint64 left = std::max<qint64>(0, (st.untilMs - now + 999) / 1000);
    QString step;
    switch (st.step) {
    case Step::Idle:
        step = tr("Ready");
        break;
    case Step::Selected:
        step = tr("Selected by %1: %2 (%3 s left)")
                   .arg(st.holder.name, commandText(st.value))
                   .arg(left);
        break;
    case Step::Executing:
        step = tr("Executing %1: waiting for feedback (%2 s left)")
                   .arg(commandText(st.value))
                   .arg(left);
        break;
    case Step::Done:
        step = coloured(tr("Done: %1").arg(commandText(st.value)), "#43a047");
        break;
    case Step::Failed:
        step =
            coloured(tr("Failed: %1 — %2").arg(commandText(st.value), st.last.message), "#e53935");
        break;
    }
    m_step->setText(step);

    const bool mine = st.step == Step::Selected && st.holder.isSameHolder(me);
    if (st.step != m_lastStep) { // a new step: what was said about the last one is done
        m_lastStep = st.step;
        m_reason->setProperty("outcome", false);
        if (st.step != Step::Idle)
            m_again->hide();
    }
    m_confirm->setVisible(mine);
    if (mine)
        m_confirmText->setText(tr("Confirm: %1? (%2 s)").arg(commandText(st.value)).arg(left));
    const Control::Outcome allowed =
        control ? control->check(me, m_address)
                : Control::Outcome{Cause::NotPermitted, tr("control is not available")};
    const bool enabled = allowed.ok() && !mine;
    for (QWidget* w : {static_cast<QWidget*>(m_on), static_cast<QWidget*>(m_off),
                       static_cast<QWidget*>(m_set), static_cast<QWidget*>(m_setpoint)}) {
        if (w)
            w->setEnabled(enabled);
    }
    // Start is not offered to a running pump, nor stop to a stopped one (open/close alike).
    const TagValue feedback = m_services.store.value(m_feedback);
    if (m_on && feedback.quality == Quality::Good) {
        m_on->setEnabled(enabled && feedback.value == 0);
        m_off->setEnabled(enabled && feedback.value != 0);
    }
    // An interlock refuses one command and not the other: told before the click, not after.
    QString interlock;
    if (m_on && enabled) {
        for (const auto& [button, value] : {std::pair{m_on, 1.0}, std::pair{m_off, 0.0}}) {
            const Control::Outcome o = control->check(me, m_address, value);
            if (o.cause != Cause::Interlock)
                continue;
            button->setEnabled(false);
            if (interlock.isEmpty())
                interlock = tr("%1 not possible — %2").arg(button->text(), o.message);
        }
    }
    if (m_reason->property("outcome").toBool())
        return; // a refusal just made stays until the next step
    if (!allowed.ok() && !mine)
        m_reason->setText(coloured(allowed.message, "#757575"));
    else if (!interlock.isEmpty())
        m_reason->setText(coloured(interlock, "#757575"));
    else if (allowed.ok())
        m_reason->clear();
}

void Faceplate::showOutcome(const Control::Outcome& outcome)
{
    m_reason->setProperty("outcome", !outcome.ok());
    m_reason->setText(outcome.ok() ? QString() : coloured(outcome.message, "#e53935"));
}

void Faceplate::request(double value, bool stepConfirmed)
{
    if (!m_services.control)
        return;
    m_again->hide();
    const Control::Outcome o = m_services.control->select(m_services.session.controlOperator(),
                                                          m_address, value, stepConfirmed);
    if (o.cause == Cause::StepTooBig) {
        m_pending = value;
        m_againBox->setValue(m_againBox->minimum());
        m_again->show();
    }
    showOutcome(o);
    refresh();
}

void Faceplate::execute()
{
    if (!m_services.control)
        return;
    showOutcome(m_services.control->operate(m_services.session.controlOperator(), m_address));
    refresh();
}

void Faceplate::cancelSelection()
{
    if (!m_services.control)
        return;
    showOutcome(m_services.control->cancel(m_services.session.controlOperator(), m_address));
    refresh();
}

} // namespace PumpWatch::Ui
