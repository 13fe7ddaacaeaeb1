// DrawingPreview: the editor's 预览 dock — the drawing being edited as one station will show it,
// live (its values through the workstation's realtime store, ticked at 4 Hz like the process
// graphics panel), rebuilt 300 ms after the last edit. The station is picked by name or pinyin
// among the project's stations; the ones the drawing serves are named above.
//
// "Adjust for this station only" edits the station's override patch, visibly: the selected
// element can be hidden, moved by dx, dy or relabelled for the previewed station only (one undo
// command per change, DrawingDocument::setOverrides), and the station's overrides are listed with
// Remove. The preview shows them at once. GUI thread.
#pragma once

#include "../services.h"

#include <graphics/drawing.h>

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QVBoxLayout;

namespace PumpWatch::Graphics {
class DrawingDocument;
class SymbolLibrary;
class Theme;
} // namespace PumpWatch::Graphics

namespace PumpWatch::Ui {

class StationGraphic;
class StationPicker;

class DrawingPreview : public QWidget {
    Q_OBJECT

public:
    DrawingPreview(Services& services, Graphics::DrawingDocument& document,
                   const Graphics::SymbolLibrary& symbols, const Graphics::Theme& theme,
                   QWidget* parent = nullptr);
    ~DrawingPreview() override;

    /// The previewed station (index into the project's stations), -1 for none.
    int station() const { return m_station; }
    void setStation(int station);
    /// The stations the drawing serves, as the save would leave them.
    void setServed(const std::vector<int>& stations);
    StationGraphic* graphic() const;
    void setTheme(const Graphics::Theme& theme);
    /// The editor's selection: the element the station adjustments apply to.
    void setSelection(const QStringList& ids);
    bool stationOnly() const;
    void setStationOnly(bool on);
    /// The station's patch for `o.element` becomes `o` (removed when `o` changes nothing); one
    /// undo command. False when no station is previewed or nothing changed.
    bool setOverride(const Graphics::Override& o);
    bool removeOverride(const QString& element);
    /// The previewed station's overrides, as the drawing holds them.
    std::vector<Graphics::Override> overrides() const;
    /// Rebuilds the graphic now (otherwise 300 ms after the last edit).
    void rebuild();

private:
    void showOverride(const QString& element);
    void applyFields();
    void updateOverrideList();

    Services& m_services;
    Graphics::DrawingDocument& m_document;
    const Graphics::SymbolLibrary& m_symbols;
    const Graphics::Theme* m_theme;
    int m_station = -1;
    StationPicker* m_picker;
    QLabel* m_served;
    QVBoxLayout* m_graphicBox;
    QPointer<StationGraphic> m_graphic;
    QLabel* m_placeholder;
    QCheckBox* m_stationOnly;
    QGroupBox* m_adjust;
    QComboBox* m_element;
    QCheckBox* m_hide;
    QDoubleSpinBox* m_dx;
    QDoubleSpinBox* m_dy;
    QCheckBox* m_relabel;
    QLineEdit* m_label;
    QListWidget* m_list;
    QPushButton* m_remove;
    QTimer m_debounce;
    QTimer m_clock;
};

} // namespace PumpWatch::Ui
