#include "drawingpreview.h"

#include "../stationgraphic.h"
#include "../stationpicker.h"

#include <graphics/editing/drawingdocument.h>
#include <graphics/resolve.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace PumpWatch::Ui {

namespace {

/// An id of the drawing as the expanded drawing names it for the first pump ("pump{i}" → "pump1").
QString expandedId(const QString& id)
{
    QString out = id;
    return out.replace(QStringLiteral("{i}"), QStringLiteral("1"));
}

QString overrideText(const Graphics::Override& o)
{
    QStringList what;
    if (o.hidden)
        what << DrawingPreview::tr("hidden");
    if (o.move)
        what << DrawingPreview::tr("moved %1, %2").arg(o.move->x()).arg(o.move->y());
    if (o.label)
        what << DrawingPreview::tr("label “%1”").arg(*o.label);
    return QStringLiteral("%1: %2").arg(o.element, what.join(QStringLiteral(", ")));
}

} // namespace

DrawingPreview::DrawingPreview(Services& services, Graphics::DrawingDocument& document,
                               const Graphics::SymbolLibrary& symbols, const Graphics::Theme& theme,
                               QWidget* parent)
    : QWidget(parent)
    , m_services(services)
    , m_document(document)
    , m_symbols(symbols)
    , m_theme(&theme)
    , m_picker(new StationPicker(services.project, this))
    , m_served(new QLabel(this))
    , m_graphicBox(new QVBoxLayout)
    , m_placeholder(new QLabel(tr("Pick a station to preview the drawing as it shows it."), this))
    , m_stationOnly(new QCheckBox(tr("Adjust for this station only"), this))
    , m_adjust(new QGroupBox(tr("The selected element at this station"), this))
    , m_element(new QComboBox(this))
    , m_hide(new QCheckBox(tr("Hide"), this))
    , m_dx(new QDoubleSpinBox(this))
    , m_dy(new QDoubleSpinBox(this))
    , m_relabel(new QCheckBox(tr("Label"), this))
    , m_label(new QLineEdit(this))
    , m_list(new QListWidget(this))
    , m_remove(new QPushButton(tr("Remove"), this))
{
    setObjectName(QStringLiteral("drawingPreview"));
    m_picker->setObjectName(QStringLiteral("previewStation"));
    m_picker->setPlaceholderText(tr("Station (name, pinyin or code)"));
    m_stationOnly->setObjectName(QStringLiteral("stationOnly"));
    m_element->setObjectName(QStringLiteral("overrideElement"));
    m_element->setEditable(true);
    m_list->setObjectName(QStringLiteral("stationOverrides"));
    m_served->setWordWrap(true);
    m_list->setMaximumHeight(110); // the graphic gets the room
    m_placeholder->setAlignment(Qt::AlignCenter);
    for (QDoubleSpinBox* box : {m_dx, m_dy}) {
        box->setRange(-5000, 5000);
        box->setDecimals(0);
        box->setSuffix(QStringLiteral(" px"));
    }

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_picker);
    layout->addWidget(m_served);
    m_graphicBox->addWidget(m_placeholder);
    layout->addLayout(m_graphicBox, 1);
    layout->addWidget(m_stationOnly);
    auto* form = new QFormLayout(m_adjust);
    form->addRow(tr("Element"), m_element);
    form->addRow(QString(), m_hide);
    auto* move = new QHBoxLayout;
    move->addWidget(m_dx);
    move->addWidget(m_dy);
    form->addRow(tr("Move dx, dy"), move);
    auto* label = new QHBoxLayout;
    label->addWidget(m_relabel);
    label->addWidget(m_label, 1);
    form->addRow(label);
    auto* apply = new QPushButton(tr("Apply to this station"), m_adjust);
    apply->setObjectName(QStringLiteral("applyOverride"));
    form->addRow(apply);
    layout->addWidget(m_adjust);
    layout->addWidget(new QLabel(tr("This station's adjustments:"), this));
    layout->addWidget(m_list);
    layout->addWidget(m_remove);
    m_adjust->setVisible(false);

    connect(m_picker, &StationPicker::stationChanged, this,
            [this] { setStation(m_services.project.stationIndex(m_picker->stationId())); });
    connect(m_stationOnly, &QCheckBox::toggled, this, [this](bool on) {
        m_adjust->setVisible(on);
        if (on)
            showOverride(m_element->currentText());
    });
    connect(m_element, &QComboBox::currentTextChanged, this, &DrawingPreview::showOverride);
    connect(apply, &QPushButton::clicked, this, &DrawingPreview::applyFields);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem* item = m_list->currentItem())
            removeOverride(item->data(Qt::UserRole).toString());
    });
    connect(&m_document, &Graphics::DrawingDocument::changed, this, [this] { m_debounce.start(); });
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(300);
    connect(&m_debounce, &QTimer::timeout, this, &DrawingPreview::rebuild);
    m_clock.setInterval(250);
    connect(&m_clock, &QTimer::timeout, this, [this] {
        if (m_graphic && m_graphic->isVisible())
            m_graphic->tick(m_services.clock.nowMs());
    });
    m_clock.start();
    updateOverrideList();
}

DrawingPreview::~DrawingPreview() = default;

StationGraphic* DrawingPreview::graphic() const
{
    return m_graphic;
}

void DrawingPreview::setStation(int station)
{
    if (station < -1 || station >= int(m_services.project.stations.size()))
        station = -1;
    if (station == m_station && (m_graphic || station < 0))
        return;
    m_station = station;
    if (station >= 0) {
        const QString id = m_services.project.stations[std::size_t(station)].id;
        if (m_picker->stationId() != id)
            m_picker->setStationId(id);
    }
    rebuild();
}

void DrawingPreview::setServed(const std::vector<int>& stations)
{
    QStringList names;
    for (int s : stations) {
        if (names.size() == 8) {
            names << QStringLiteral("…");
            break;
        }
        names << m_services.project.stations[std::size_t(s)].displayName();
    }
    m_served->setText(tr("Serves %n station(s)", nullptr, int(stations.size())) +
                      (names.isEmpty() ? QString() : QStringLiteral(": ") + names.join(u'、')));
}

void DrawingPreview::setTheme(const Graphics::Theme& theme)
{
    m_theme = &theme;
    if (m_graphic)
        m_graphic->setTheme(theme);
}

void DrawingPreview::setSelection(const QStringList& ids)
{
    if (ids.isEmpty())
        return;
    const QString id = expandedId(ids.first());
    if (m_element->findText(id) < 0)
        m_element->addItem(id);
    m_element->setCurrentText(id);
}

bool DrawingPreview::stationOnly() const
{
    return m_stationOnly->isChecked();
}

void DrawingPreview::setStationOnly(bool on)
{
    m_stationOnly->setChecked(on);
}

std::vector<Graphics::Override> DrawingPreview::overrides() const
{
    if (m_station < 0)
        return {};
    const auto& all = m_document.drawing().overrides;
    const auto it = all.find(m_services.project.stations[std::size_t(m_station)].id);
    return it == all.end() ? std::vector<Graphics::Override>() : it->second;
}

bool DrawingPreview::setOverride(const Graphics::Override& o)
{
    if (m_station < 0 || o.element.isEmpty())
        return false;
    std::vector<Graphics::Override> patch = overrides();
    std::erase_if(patch, [&](const Graphics::Override& p) { return p.element == o.element; });
    if (o.hidden || o.move || o.label)
        patch.push_back(o);
    return m_document.setOverrides(m_services.project.stations[std::size_t(m_station)].id, patch);
}

bool DrawingPreview::removeOverride(const QString& element)
{
    Graphics::Override none;
    none.element = element;
    return setOverride(none);
}

void DrawingPreview::showOverride(const QString& element)
{
    const std::vector<Graphics::Override> patch = overrides();
    const auto it = std::find_if(patch.begin(), patch.end(),
                                 [&](const Graphics::Override& o) { return o.element == element; });
    const Graphics::Override o = it == patch.end() ? Graphics::Override() : *it;
    m_hide->setChecked(o.hidden);
    m_dx->setValue(o.move ? o.move->x() : 0);
    m_dy->setValue(o.move ? o.move->y() : 0);
    m_relabel->setChecked(o.label.has_value());
    m_label->setText(o.label.value_or(QString()));
}

void DrawingPreview::applyFields()
{
    Graphics::Override o;
    o.element = m_element->currentText().trimmed();
    o.hidden = m_hide->isChecked();
    if (m_dx->value() != 0 || m_dy->value() != 0)
        o.move = QPointF(m_dx->value(), m_dy->value());
    if (m_relabel->isChecked())
        o.label = m_label->text();
    setOverride(o);
}

void DrawingPreview::updateOverrideList()
{
    m_list->clear();
    for (const Graphics::Override& o : overrides()) {
        auto* item = new QListWidgetItem(overrideText(o), m_list);
        item->setData(Qt::UserRole, o.element);
    }
    m_remove->setEnabled(m_list->count() > 0);
    m_stationOnly->setEnabled(m_station >= 0);
}

void DrawingPreview::rebuild()
{
    m_debounce.stop();
    delete m_graphic;
    updateOverrideList();
    m_placeholder->setVisible(m_station < 0);
    if (m_station < 0)
        return;
    Graphics::ResolvedDrawing resolved =
        Graphics::resolve(m_document.drawing(), m_services.project, m_station);
    const QString current = m_element->currentText();
    m_element->clear();
    for (const Graphics::ResolvedElement& e : resolved.elements)
        m_element->addItem(e.id);
    m_element->setCurrentText(current);
    m_graphic = new StationGraphic(m_services, m_symbols, *m_theme, std::move(resolved), this);
    m_graphic->setObjectName(QStringLiteral("previewGraphic"));
    m_graphic->setMinimumHeight(240);
    m_graphicBox->addWidget(m_graphic);
    m_graphic->refreshAll(m_services.clock.nowMs());
    m_graphic->fitToWindow();
}

} // namespace PumpWatch::Ui
