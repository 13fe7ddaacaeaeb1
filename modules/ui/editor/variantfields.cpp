#include "variantfields.h"

#include <core/project.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>

namespace PumpWatch::Ui {

using Graphics::Element;
using Graphics::ElementKind;

namespace {

QDoubleSpinBox* offsetBox(const QString& name, QWidget* parent)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setRange(-10000, 10000);
    box->setDecimals(1);
    box->setKeyboardTracking(false);
    return box;
}

} // namespace

VariantFields::VariantFields(Graphics::DrawingDocument& document, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_form(new QFormLayout(this))
    , m_repeat(new QCheckBox(tr("Once per pump"), this))
    , m_dx(offsetBox(QStringLiteral("offsetX"), this))
    , m_dy(offsetBox(QStringLiteral("offsetY"), this))
    , m_when(new QComboBox(this))
    , m_zone(new QComboBox(this))
{
    m_form->setContentsMargins(0, 0, 0, 0);
    m_repeat->setObjectName(QStringLiteral("repeat"));
    m_repeat->setToolTip(tr("The group's children are drawn once per pump of the station "
                            "({i} in ids and roles is the pump's number)"));
    m_when->setObjectName(QStringLiteral("when"));
    m_when->addItem(tr("Always"), QString());
    m_when->addItem(tr("With a tank"), QStringLiteral("tank"));
    m_when->addItem(tr("Without a tank"), QStringLiteral("!tank"));
    m_zone->setObjectName(QStringLiteral("zone"));
    auto* offsetRow = new QHBoxLayout;
    offsetRow->addWidget(m_dx);
    offsetRow->addWidget(m_dy);
    m_form->addRow(tr("Repeat"), m_repeat);
    m_form->addRow(tr("Offset per pump"), offsetRow);
    m_form->addRow(tr("Shown"), m_when);
    m_form->addRow(tr("Zone"), m_zone);

    connect(m_repeat, &QCheckBox::clicked, this, [this](bool on) {
        commit(tr("repeat"),
               [on](Element& e) { e.repeat = on ? QStringLiteral("pumps") : QString(); });
    });
    const auto commitOffset = [this] {
        const QPointF offset(m_dx->value(), m_dy->value());
        commit(tr("offset"), [offset](Element& e) { e.offset = offset; });
    };
    connect(m_dx, &QDoubleSpinBox::editingFinished, this, commitOffset);
    connect(m_dy, &QDoubleSpinBox::editingFinished, this, commitOffset);
    connect(m_when, &QComboBox::activated, this, [this](int index) {
        const QString when = m_when->itemData(index).toString();
        commit(tr("condition"), [when](Element& e) { e.when = when; });
    });
    connect(m_zone, &QComboBox::activated, this, [this](int index) {
        const QString zone = m_zone->itemData(index).toString();
        commit(tr("zone"), [zone](Element& e) { e.zone = zone; });
    });
    setElement({});
}

void VariantFields::setElement(const QString& id)
{
    m_id = id;
    refresh();
}

void VariantFields::refresh()
{
    const Element* e = m_document.find(m_id);
    const bool group = e && e->kind == ElementKind::Group;
    const QStringList& zones = m_document.drawing().zones;
    const bool zoned = e && (group || !zones.isEmpty() || !e->zone.isEmpty());
    setVisible(group || zoned);
    for (int row = 0; row < 3; ++row)
        m_form->setRowVisible(row, group);
    m_form->setRowVisible(3, zoned);
    if (!e)
        return;

    const QSignalBlocker b1(m_repeat), b2(m_dx), b3(m_dy), b4(m_when), b5(m_zone);
    m_repeat->setChecked(!e->repeat.isEmpty());
    m_dx->setEnabled(!e->repeat.isEmpty());
    m_dy->setEnabled(!e->repeat.isEmpty());
    if (!m_dx->hasFocus() || m_dx->value() != e->offset.x())
        m_dx->setValue(e->offset.x());
    if (!m_dy->hasFocus() || m_dy->value() != e->offset.y())
        m_dy->setValue(e->offset.y());
    int when = m_when->findData(e->when);
    if (when < 0) {
        m_when->addItem(e->when, e->when);
        when = m_when->count() - 1;
    }
    m_when->setCurrentIndex(when);

    m_zone->clear();
    m_zone->addItem(tr("All (no zone)"), QString());
    for (const QString& zone : zones) {
        const Zone z = parseZone(zone);
        m_zone->addItem(
            z == Zone::Invalid ? zone : QStringLiteral("%1 (%2)").arg(zoneDisplayName(z), zone),
            zone);
    }
    int zone = m_zone->findData(e->zone);
    if (zone < 0) {
        m_zone->addItem(tr("%1 (not a zone of the drawing)").arg(e->zone), e->zone);
        zone = m_zone->count() - 1;
    }
    m_zone->setCurrentIndex(zone);
}

void VariantFields::commit(const QString& what, const std::function<void(Element&)>& change)
{
    const Element* e = m_document.find(m_id);
    if (!e)
        return;
    Element changed = *e;
    change(changed);
    if (changed != *e) {
        m_document.replace(m_id, changed, what);
        Q_EMIT edited();
    }
    refresh();
}

} // namespace PumpWatch::Ui
