// VariantFields: what makes one drawing serve every station of its template, edited visibly —
// a group repeated per pump (按泵重复, with the offset between copies), shown only with or
// without a tank (显示条件), and a group or element bound to one zone's device (分区). Part of
// the properties panel; each change is one DrawingDocument::replace command. GUI thread.
#pragma once

#include <graphics/editing/drawingdocument.h>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QFormLayout;

namespace PumpWatch::Ui {

class VariantFields : public QWidget {
    Q_OBJECT

public:
    explicit VariantFields(Graphics::DrawingDocument& document, QWidget* parent = nullptr);

    /// Shows the fields of the element `id` (empty: none); hides itself when it has none.
    void setElement(const QString& id);
    /// Shows the element's values again (after a change of the document).
    void refresh();

Q_SIGNALS:
    /// An edit was tried (DrawingDocument::refusal() says whether it was refused).
    void edited();

private:
    void commit(const QString& what, const std::function<void(Graphics::Element&)>& change);

    Graphics::DrawingDocument& m_document;
    QString m_id;
    QFormLayout* m_form;
    QCheckBox* m_repeat;
    QDoubleSpinBox* m_dx;
    QDoubleSpinBox* m_dy;
    QComboBox* m_when;
    QComboBox* m_zone;
};

} // namespace PumpWatch::Ui
