// PropertiesPanel: the properties of what is selected in the drawing editor, edited the way an
// engineer expects of a CAD tool — every field change is ONE undo command of the document
// (DrawingDocument::replace named by the property, or setBox, rotate, mirror, setLayer),
// committed when the field is left or Enter is pressed, never per keystroke. For one element:
// id (renamed with its pipe ends, refused when taken), kind, symbol, label, layer, position and
// size, rotation, mirror, a pipe's diameter, a link's target, the faceplate's control object,
// a group's variants (VariantFields) and the bindings (BindingEditor). For several: their
// layer and a common size. The panel follows the document (undo included) without taking the
// focus or the cursor from the field being typed in. GUI thread.
//
//     auto* properties = new PropertiesPanel(document, project, this);
//     connect(view, &EditorView::selectionChanged, properties,
//             [=] { properties->setSelection(view->selectedIds()); });
#pragma once

#include "bindingeditor.h"
#include "variantfields.h"

#include <graphics/symbols/symbollibrary.h>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;

namespace PumpWatch::Ui {

class PropertiesPanel : public QWidget {
    Q_OBJECT

public:
    PropertiesPanel(Graphics::DrawingDocument& document, const Project& project,
                    QWidget* parent = nullptr);

    /// The canvas's selection: element ids at any depth.
    void setSelection(const QStringList& ids);
    QStringList selection() const { return m_ids; }
    BindingEditor* bindings() const { return m_bindings; }

Q_SIGNALS:
    /// The id of a selected element was changed here: the view selects it by its new id.
    void elementRenamed(const QString& from, const QString& to);

private:
    void refresh();
    void showOne(const Graphics::Element& e);
    void showMany();
    /// A property of the one element: copy, `change`, replace (one command named `what`).
    void commit(const QString& what, const std::function<void(Graphics::Element&)>& change);
    void commitId();
    void setIdError(const QString& error);
    /// Says why the document refused the last edit (Edits::validate), or nothing.
    void showRefusal();
    void commitPosition();
    void commitSize();
    void commitRotation();
    void commitManySize();
    QRectF shownBox(const Graphics::Element& e) const;

    Graphics::DrawingDocument& m_document;
    const Project& m_project;
    std::optional<Graphics::SymbolLibrary> m_symbols;
    QStringList m_ids;

    QLabel* m_heading;
    QLabel* m_refused;
    QWidget* m_one;
    QFormLayout* m_form;
    QLineEdit* m_id;
    QLabel* m_idError;
    QLabel* m_kind;
    QComboBox* m_symbol;
    QLineEdit* m_label;
    QLineEdit* m_source;
    QComboBox* m_style;
    QComboBox* m_layer;
    QDoubleSpinBox* m_x;
    QDoubleSpinBox* m_y;
    QDoubleSpinBox* m_w;
    QDoubleSpinBox* m_h;
    QComboBox* m_rotation;
    QCheckBox* m_mirror;
    QComboBox* m_diameter;
    QComboBox* m_open;
    QComboBox* m_control;
    VariantFields* m_variants;
    BindingEditor* m_bindings;

    QWidget* m_many;
    QComboBox* m_manyLayer;
    QDoubleSpinBox* m_manyW;
    QDoubleSpinBox* m_manyH;
    QPushButton* m_sameSize;
};

} // namespace PumpWatch::Ui
