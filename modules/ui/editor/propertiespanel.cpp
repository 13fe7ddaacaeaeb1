#include "propertiespanel.h"

#include "editorlayers.h"
#include "propertyedits.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QDoubleValidator>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QVBoxLayout>

#include <cmath>

namespace PumpWatch::Ui {

using Graphics::DrawingDocument;
using Graphics::Element;
using Graphics::ElementKind;
using Graphics::Layer;

namespace {

QDoubleSpinBox* spin(const QString& name, double min, QWidget* parent)
{
    auto* box = new QDoubleSpinBox(parent);
    box->setObjectName(name);
    box->setRange(min, 100000);
    box->setDecimals(1);
    box->setKeyboardTracking(false);
    return box;
}

QWidget* pair(QWidget* a, QWidget* b, QWidget* parent)
{
    auto* w = new QWidget(parent);
    auto* l = new QHBoxLayout(w);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(a);
    l->addWidget(b);
    return w;
}

void fillLayers(QComboBox* box)
{
    for (Layer layer : EditorLayers::all)
        box->addItem(EditorLayers::displayName(layer), static_cast<int>(layer));
}

/// Shows `value` unless the field already does (the cursor of a focused field stays put) or
/// the engineer is typing over the value it showed last (another change must not eat it).
void showValue(QLineEdit* edit, const QString& value)
{
    const char* const shown = "shownValue";
    const bool typing =
        edit->hasFocus() && edit->isModified() && edit->property(shown).toString() == value;
    edit->setProperty(shown, value);
    if (!typing && edit->text() != value) {
        const QSignalBlocker block(edit);
        edit->setText(value);
    }
}
void showValue(QDoubleSpinBox* box, double value)
{
    if (std::abs(box->value() - value) > 1e-9) {
        const QSignalBlocker block(box);
        box->setValue(value);
    }
}
/// Selects the item with `data`, adding it (as "text") when the list lacks it.
void showValue(QComboBox* box, const QVariant& data, const QString& text = {})
{
    const QSignalBlocker block(box);
    int index = box->findData(data);
    if (index < 0) {
        box->addItem(text.isEmpty() ? data.toString() : text, data);
        index = box->count() - 1;
    }
    if (box->currentIndex() != index)
        box->setCurrentIndex(index);
    if (box->isEditable() && box->currentText() != box->itemText(index))
        box->setEditText(box->itemText(index));
}

} // namespace

PropertiesPanel::PropertiesPanel(DrawingDocument& document, const Project& project, QWidget* parent)
    : QWidget(parent)
    , m_document(document)
    , m_project(project)
    , m_symbols(Graphics::SymbolLibrary::load())
    , m_heading(new QLabel(this))
    , m_refused(new QLabel(this))
{
    auto* content = new QWidget;
    auto* column = new QVBoxLayout(content);
    column->addWidget(m_heading);
    m_refused->setObjectName(QStringLiteral("refused"));
    m_refused->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_refused->setWordWrap(true);
    m_refused->hide();
    column->addWidget(m_refused);

    m_one = new QWidget(content);
    m_form = new QFormLayout(m_one);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_id = new QLineEdit(m_one);
    m_id->setObjectName(QStringLiteral("id"));
    m_idError = new QLabel(m_one);
    m_idError->setStyleSheet(QStringLiteral("color: #c0392b"));
    m_idError->setWordWrap(true);
    m_kind = new QLabel(m_one);
    m_symbol = new QComboBox(m_one);
    m_symbol->setObjectName(QStringLiteral("symbol"));
    if (m_symbols) {
        for (const QString& id : m_symbols->ids())
            m_symbol->addItem(m_symbols->find(id)->displayName(), id);
    }
    m_label = new QLineEdit(m_one);
    m_label->setObjectName(QStringLiteral("label"));
    m_source = new QLineEdit(m_one);
    m_source->setObjectName(QStringLiteral("source"));
    m_source->setPlaceholderText(tr("plan.svg (beside the drawing file)"));
    m_style = new QComboBox(m_one);
    m_style->setObjectName(QStringLiteral("style"));
    m_style->setEditable(true);
    m_style->setInsertPolicy(QComboBox::NoInsert);
    m_style->setToolTip(tr("A colour of the theme, or #rrggbb (the theme should give colours "
                           "their meaning)"));
    m_style->addItem(tr("(usual colour)"), QString());
    for (const QString& role : Graphics::textStyleRoles())
        m_style->addItem(role, role);
    m_layer = new QComboBox(m_one);
    m_layer->setObjectName(QStringLiteral("layer"));
    fillLayers(m_layer);
    m_x = spin(QStringLiteral("x"), -100000, m_one);
    m_y = spin(QStringLiteral("y"), -100000, m_one);
    m_w = spin(QStringLiteral("width"), 1, m_one);
    m_h = spin(QStringLiteral("height"), 1, m_one);
    m_rotation = new QComboBox(m_one);
    m_rotation->setObjectName(QStringLiteral("rotation"));
    m_rotation->setEditable(true);
    m_rotation->setInsertPolicy(QComboBox::NoInsert);
    for (int deg : {0, 90, 180, 270})
        m_rotation->addItem(QString::number(deg), double(deg));
    m_rotation->setValidator(new QDoubleValidator(-360, 360, 1, m_rotation));
    m_mirror = new QCheckBox(tr("Flipped left-right"), m_one);
    m_mirror->setObjectName(QStringLiteral("mirror"));
    m_diameter = new QComboBox(m_one);
    m_diameter->setObjectName(QStringLiteral("diameter"));
    m_diameter->setEditable(true);
    m_diameter->setInsertPolicy(QComboBox::NoInsert);
    m_diameter->addItem(tr("(not given)"), QString());
    for (int dn : {25, 32, 40, 50, 65, 80, 100, 125, 150, 200, 250, 300})
        m_diameter->addItem(QStringLiteral("DN%1").arg(dn), QStringLiteral("DN%1").arg(dn));
    m_open = new QComboBox(m_one);
    m_open->setObjectName(QStringLiteral("open"));
    m_control = new QComboBox(m_one);
    m_control->setObjectName(QStringLiteral("control"));
    m_variants = new VariantFields(document, m_one);
    m_bindings = new BindingEditor(document, project, m_one);

    m_form->addRow(tr("Id"), m_id);
    m_form->addRow(QString(), m_idError);
    m_form->addRow(tr("Kind"), m_kind);
    m_form->addRow(tr("Symbol"), m_symbol);
    m_form->addRow(tr("Label"), m_label);
    m_form->addRow(tr("Picture file"), m_source);
    m_form->addRow(tr("Text colour"), m_style);
    m_form->addRow(tr("Layer"), m_layer);
    m_form->addRow(tr("Position x, y"), pair(m_x, m_y, m_one));
    m_form->addRow(tr("Size w, h"), pair(m_w, m_h, m_one));
    m_form->addRow(tr("Rotation (°)"), m_rotation);
    m_form->addRow(tr("Mirror"), m_mirror);
    m_form->addRow(tr("Pipe diameter"), m_diameter);
    m_form->addRow(tr("Opens"), m_open);
    m_form->addRow(tr("Control object"), m_control);
    m_form->addRow(m_variants);
    m_form->addRow(m_bindings);
    column->addWidget(m_one);

    m_many = new QWidget(content);
    auto* manyForm = new QFormLayout(m_many);
    manyForm->setContentsMargins(0, 0, 0, 0);
    m_manyLayer = new QComboBox(m_many);
    m_manyLayer->setObjectName(QStringLiteral("manyLayer"));
    fillLayers(m_manyLayer);
    m_manyW = spin(QStringLiteral("manyWidth"), 1, m_many);
    m_manyH = spin(QStringLiteral("manyHeight"), 1, m_many);
    m_sameSize = new QPushButton(tr("Same size as the first"), m_many);
    manyForm->addRow(tr("Layer"), m_manyLayer);
    manyForm->addRow(tr("Size w, h"), pair(m_manyW, m_manyH, m_many));
    manyForm->addRow(QString(), m_sameSize);
    column->addWidget(m_many);
    column->addStretch(1);

    // Long symbol and control names must not widen the dock: the lists show them in full.
    for (QComboBox* box : content->findChildren<QComboBox*>()) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(8);
    }
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    connect(m_id, &QLineEdit::editingFinished, this, &PropertiesPanel::commitId);
    connect(m_label, &QLineEdit::editingFinished, this, [this] {
        const QString text = m_label->text();
        commit(tr("label"), [text](Element& e) { e.label = text; });
    });
    connect(m_source, &QLineEdit::editingFinished, this, [this] {
        const QString source = m_source->text().trimmed();
        commit(tr("picture"), [source](Element& e) { e.source = source; });
    });
    const auto commitStyle = [this] {
        const int index = m_style->findText(m_style->currentText());
        const QString style =
            index >= 0 ? m_style->itemData(index).toString() : m_style->currentText().trimmed();
        commit(tr("text colour"), [style](Element& e) { e.style = style; });
    };
    connect(m_style, &QComboBox::activated, this, commitStyle);
    connect(m_style->lineEdit(), &QLineEdit::editingFinished, this, commitStyle);
    connect(m_symbol, &QComboBox::activated, this, [this](int index) {
        const QString symbol = m_symbol->itemData(index).toString();
        commit(tr("symbol"), [symbol](Element& e) { e.symbol = symbol; });
    });
    connect(m_layer, &QComboBox::activated, this, [this](int index) {
        m_document.setLayer(m_ids, static_cast<Layer>(m_layer->itemData(index).toInt()));
        showRefusal();
    });
    connect(m_x, &QDoubleSpinBox::editingFinished, this, &PropertiesPanel::commitPosition);
    connect(m_y, &QDoubleSpinBox::editingFinished, this, &PropertiesPanel::commitPosition);
    connect(m_w, &QDoubleSpinBox::editingFinished, this, &PropertiesPanel::commitSize);
    connect(m_h, &QDoubleSpinBox::editingFinished, this, &PropertiesPanel::commitSize);
    connect(m_rotation, &QComboBox::activated, this, &PropertiesPanel::commitRotation);
    connect(m_rotation->lineEdit(), &QLineEdit::editingFinished, this,
            &PropertiesPanel::commitRotation);
    connect(m_mirror, &QCheckBox::clicked, this, [this] {
        m_document.mirror(m_ids);
        showRefusal();
        refresh();
    });
    const auto commitDiameter = [this] {
        const int index = m_diameter->findText(m_diameter->currentText());
        QString dn = index >= 0 ? m_diameter->itemData(index).toString()
                                : m_diameter->currentText().trimmed().toUpper();
        static const QRegularExpression number(QStringLiteral("^\\d+$"));
        if (number.match(dn).hasMatch())
            dn.prepend(QStringLiteral("DN"));
        commit(tr("diameter"), [dn](Element& e) { e.diameter = dn; });
    };
    connect(m_diameter, &QComboBox::activated, this, commitDiameter);
    connect(m_diameter->lineEdit(), &QLineEdit::editingFinished, this, commitDiameter);
    connect(m_open, &QComboBox::activated, this, [this](int index) {
        const QString open = m_open->itemData(index).toString();
        commit(tr("target"), [open](Element& e) { e.open = open; });
    });
    connect(m_control, &QComboBox::activated, this, [this](int index) {
        const QString control = m_control->itemData(index).toString();
        commit(tr("control object"), [control](Element& e) { e.control = control; });
    });
    connect(m_manyLayer, &QComboBox::activated, this, [this](int index) {
        m_document.setLayer(m_ids, static_cast<Layer>(m_manyLayer->itemData(index).toInt()));
        showRefusal();
    });
    connect(m_manyW, &QDoubleSpinBox::editingFinished, this, &PropertiesPanel::commitManySize);
    connect(m_manyH, &QDoubleSpinBox::editingFinished, this, &PropertiesPanel::commitManySize);
    connect(m_sameSize, &QPushButton::clicked, this, [this] {
        m_document.sameSize(m_ids);
        showRefusal();
    });
    connect(m_variants, &VariantFields::edited, this, &PropertiesPanel::showRefusal);
    connect(m_bindings, &BindingEditor::edited, this, &PropertiesPanel::showRefusal);
    connect(&m_document, &DrawingDocument::changed, this, &PropertiesPanel::refresh);
    setIdError({});
    refresh();
}

void PropertiesPanel::setSelection(const QStringList& ids)
{
    if (ids == m_ids)
        return;
    m_ids = ids;
    setIdError({});
    m_id->setModified(false); // what was typed belonged to the element before
    m_label->setModified(false);
    refresh();
}

void PropertiesPanel::refresh()
{
    QStringList present;
    for (const QString& id : std::as_const(m_ids)) {
        if (m_document.find(id))
            present << id;
    }
    const Element* one = present.size() == 1 ? m_document.find(present.front()) : nullptr;
    m_one->setVisible(one);
    m_many->setVisible(present.size() > 1);
    m_bindings->setElement(one ? one->id : QString());
    m_variants->setElement(one ? one->id : QString());
    if (one)
        showOne(*one);
    else if (present.size() > 1)
        showMany();
    else
        m_heading->setText(tr("Nothing selected"));
}

QRectF PropertiesPanel::shownBox(const Element& e) const
{
    if (e.kind == ElementKind::Pipe || e.kind == ElementKind::Group)
        return Graphics::Edits::bounds(e);
    return {e.position, e.size};
}

void PropertiesPanel::showOne(const Element& e)
{
    static const char* const kinds[] = {QT_TR_NOOP("Symbol"), QT_TR_NOOP("Pipe"),
                                        QT_TR_NOOP("Value"),  QT_TR_NOOP("Bar"),
                                        QT_TR_NOOP("Text"),   QT_TR_NOOP("Button / link"),
                                        QT_TR_NOOP("Group"),  QT_TR_NOOP("Picture")};
    const auto k = static_cast<std::size_t>(e.kind);
    const QString kind = k < std::size(kinds) ? tr(kinds[k]) : Graphics::elementKindCode(e.kind);
    m_heading->setText(tr("%1 %2").arg(kind, e.id));
    m_kind->setText(kind);
    showValue(m_id, e.id);
    const bool symbol = e.kind == ElementKind::Symbol;
    const bool pipe = e.kind == ElementKind::Pipe;
    const bool link = e.kind == ElementKind::Link;
    const bool group = e.kind == ElementKind::Group;
    m_form->setRowVisible(m_symbol, symbol);
    if (symbol)
        showValue(m_symbol, e.symbol);
    const bool image = e.kind == ElementKind::Image;
    m_form->setRowVisible(m_label, !pipe && !group && !image);
    showValue(m_label, e.label);
    m_form->setRowVisible(m_source, image);
    showValue(m_source, e.source);
    m_form->setRowVisible(m_style, Graphics::hasTextStyle(e.kind));
    if (Graphics::hasTextStyle(e.kind) && !m_style->lineEdit()->hasFocus())
        showValue(m_style, e.style);
    showValue(m_layer, static_cast<int>(e.effectiveLayer()));
    const QRectF box = shownBox(e);
    showValue(m_x, box.x());
    showValue(m_y, box.y());
    showValue(m_w, box.width());
    showValue(m_h, box.height());
    m_form->setRowVisible(m_rotation, !pipe && !group);
    m_form->setRowVisible(m_mirror, symbol);
    if (!m_rotation->lineEdit()->hasFocus())
        showValue(m_rotation, e.rotationDeg, QString::number(e.rotationDeg));
    {
        const QSignalBlocker block(m_mirror);
        m_mirror->setChecked(e.mirrored);
    }
    m_form->setRowVisible(m_diameter, pipe);
    if (pipe && !m_diameter->lineEdit()->hasFocus())
        showValue(m_diameter, e.diameter);

    m_form->setRowVisible(m_open, link);
    if (link) {
        const QSignalBlocker block(m_open);
        m_open->clear();
        m_open->addItem(tr("Trend of its bound values"), QStringLiteral("trend"));
        for (const GraphicRef& g : m_project.graphics) {
            if (g.id != m_document.drawing().id)
                m_open->addItem(tr("Drawing %1").arg(g.id), QStringLiteral("drawing:") + g.id);
        }
        showValue(m_open, e.open);
    }

    const bool controlled = symbol || e.kind == ElementKind::Value;
    m_form->setRowVisible(m_control, controlled);
    if (controlled) {
        const QSignalBlocker block(m_control);
        m_control->clear();
        m_control->addItem(tr("(none)"), QString());
        bool pumps = false;
        for (const StationTemplate& t : m_project.templates) {
            if (t.id != m_document.drawing().templateId)
                continue;
            static const QRegularExpression pump(QStringLiteral("^pump\\[\\d+\\]$"));
            for (const ControlDef& c : t.controls) {
                if (pump.match(c.object).hasMatch() && !pumps) {
                    pumps = true;
                    m_control->addItem(tr("Each pump (pump[i])"), QStringLiteral("pump[i]"));
                }
                m_control->addItem(QStringLiteral("%1 (%2)").arg(c.name, c.object), c.object);
            }
        }
        showValue(m_control, e.control);
    }
}

void PropertiesPanel::showMany()
{
    m_heading->setText(tr("%n elements selected", nullptr, int(m_ids.size())));
    const Element* first = m_document.find(m_ids.front());
    if (!first)
        return;
    showValue(m_manyLayer, static_cast<int>(first->effectiveLayer()));
    showValue(m_manyW, shownBox(*first).width());
    showValue(m_manyH, shownBox(*first).height());
}

void PropertiesPanel::commit(const QString& what, const std::function<void(Element&)>& change)
{
    if (m_ids.size() != 1)
        return;
    const Element* e = m_document.find(m_ids.front());
    if (!e)
        return;
    Element changed = *e;
    change(changed);
    if (changed != *e)
        m_document.replace(e->id, changed, what);
    showRefusal();
    refresh();
}

void PropertiesPanel::commitId()
{
    if (m_ids.size() != 1)
        return;
    const QString from = m_ids.front();
    const QString to = m_id->text().trimmed();
    if (to == from) {
        setIdError({});
        return;
    }
    if (!PropertyEdits::isValidId(to))
        setIdError(tr("An id is a letter or _ followed by letters, digits, _ or -."));
    else if (m_document.find(to))
        setIdError(tr("Another element already has the id %1.").arg(to));
    else if (m_document.apply(
                 DrawingDocument::EditKind::Property, tr("Rename %1 to %2").arg(from, to),
                 [&](Graphics::Drawing& d) { return PropertyEdits::rename(d, from, to); })) {
        setIdError({});
        m_ids = {to};
        refresh();
        Q_EMIT elementRenamed(from, to);
        return;
    } else {
        setIdError(m_document.refusal());
    }
    showValue(m_id, from);
}

void PropertiesPanel::setIdError(const QString& error)
{
    m_idError->setText(error);
    m_refused->hide();
    m_form->setRowVisible(m_idError, !error.isEmpty());
}

void PropertiesPanel::commitPosition()
{
    const Element* e = m_ids.size() == 1 ? m_document.find(m_ids.front()) : nullptr;
    if (!e)
        return;
    const QPointF delta = QPointF(m_x->value(), m_y->value()) - shownBox(*e).topLeft();
    if (!delta.isNull())
        m_document.move(m_ids, delta);
    showRefusal();
    refresh();
}

void PropertiesPanel::commitSize()
{
    const Element* e = m_ids.size() == 1 ? m_document.find(m_ids.front()) : nullptr;
    if (!e)
        return;
    const QRectF box = shownBox(*e);
    const QSizeF size(m_w->value(), m_h->value());
    if (size != box.size())
        m_document.setBox(e->id, QRectF(box.topLeft(), size));
    showRefusal();
    refresh();
}

void PropertiesPanel::commitRotation()
{
    const Element* e = m_ids.size() == 1 ? m_document.find(m_ids.front()) : nullptr;
    if (!e)
        return;
    bool ok = false;
    const double wanted = QLocale().toDouble(m_rotation->currentText(), &ok);
    if (!ok) {
        showValue(m_rotation, e->rotationDeg, QString::number(e->rotationDeg));
        return;
    }
    const double delta = std::fmod(wanted - e->rotationDeg + 720.0, 360.0);
    if (std::abs(delta) > 1e-9)
        m_document.rotate(m_ids, delta);
    showRefusal();
    refresh();
}

void PropertiesPanel::commitManySize()
{
    const QSizeF size(m_manyW->value(), m_manyH->value());
    QStringList resize;
    for (const QString& id : std::as_const(m_ids)) {
        const Element* e = m_document.find(id);
        if (e && e->kind != ElementKind::Pipe && shownBox(*e).size() != size)
            resize << id;
    }
    if (resize.isEmpty())
        return;
    m_document.undoStack()->beginMacro(tr("Resize %n elements", nullptr, int(resize.size())));
    for (const QString& id : std::as_const(resize))
        m_document.setBox(id, QRectF(shownBox(*m_document.find(id)).topLeft(), size));
    m_document.undoStack()->endMacro();
    showRefusal();
    refresh();
}

void PropertiesPanel::showRefusal()
{
    const QString why = m_document.refusal();
    m_refused->setText(why.isEmpty() ? QString() : tr("Not changed: %1").arg(why));
    m_refused->setVisible(!why.isEmpty());
}

} // namespace PumpWatch::Ui
