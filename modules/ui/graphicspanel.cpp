#include "graphicspanel.h"

#include "alarmcenter.h"
#include "editor/drawingstore.h"
#include "editor/sceneexport.h"
#include "faceplate.h"
#include "stationgraphic.h"

#include <QComboBox>
#include <QCursor>
#include <QDebug>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QScreen>
#include <QStandardPaths>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace PumpWatch::Ui {

GraphicsPanel::GraphicsPanel(Services& services, AlarmCenter& alarms, QWidget* parent)
    : QWidget(parent)
    , m_services(services)
    , m_alarms(alarms)
    , m_drawings(Graphics::DrawingLibrary::load(services.project))
    , m_tabs(new QTabWidget(this))
    , m_themeBox(new QComboBox(this))
    , m_message(new QLabel(this))
    , m_edit(new QToolButton(this))
{
    setObjectName(QStringLiteral("graphicsPanel"));
    for (const Diagnostic& d : m_drawings.diagnostics())
        qWarning().noquote() << d.toString();
    QString error;
    m_symbols = Graphics::SymbolLibrary::load(QStringLiteral(":/symbols"), &error);
    if (!m_symbols)
        qWarning().noquote() << tr("symbol library: %1").arg(error);
    for (const QString& id : Graphics::Theme::builtInIds()) {
        if (auto theme = Graphics::Theme::builtIn(id, &error)) {
            m_themeBox->addItem(theme->displayName(), id);
            m_themes.push_back(std::move(*theme));
        }
    }

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* bar = new QHBoxLayout;
    auto* fit = new QToolButton(this);
    fit->setText(tr("Fit"));
    fit->setToolTip(tr("Fit the graphic to the window"));
    connect(fit, &QToolButton::clicked, this, [this] {
        if (StationGraphic* g = current())
            g->fitToWindow();
    });
    bar->addWidget(fit);
    // A graphic needs room: the dock beside the list is too narrow to read it from the chair.
    auto* detach = new QToolButton(this);
    detach->setText(tr("Own window"));
    detach->setToolTip(tr("Show the process graphics in a window of their own, large"));
    connect(detach, &QToolButton::clicked, this, [this] {
        auto* dock = qobject_cast<QDockWidget*>(parentWidget());
        if (!dock)
            return;
        dock->setFloating(true);
        if (const QScreen* screen = dock->screen())
            dock->setGeometry(screen->availableGeometry().adjusted(60, 60, -60, -60));
        if (StationGraphic* g = current())
            g->fitToWindow();
    });
    bar->addWidget(detach);
    m_edit->setText(tr("Edit graphic"));
    m_edit->setObjectName(QStringLiteral("editGraphic"));
    m_edit->setToolTip(tr("Edit the drawing of this station (engineers)"));
    connect(m_edit, &QToolButton::clicked, this, [this] {
        if (StationGraphic* g = current())
            Q_EMIT editRequested(g->station());
    });
    const auto updateEdit = [this] {
        m_edit->setVisible(m_services.session.may(Action::EditGraphics));
    };
    connect(&m_services.session, &Session::userChanged, this, updateEdit);
    updateEdit();
    bar->addWidget(m_edit);
    auto* exportButton = new QToolButton(this);
    exportButton->setText(tr("Export…"));
    exportButton->setToolTip(tr("Save the graphic as shown as a PNG image, SVG drawing or PDF"));
    connect(exportButton, &QToolButton::clicked, this, &GraphicsPanel::chooseExport);
    bar->addWidget(exportButton);
    bar->addWidget(new QLabel(tr("Colours:"), this));
    bar->addWidget(m_themeBox);
    bar->addWidget(m_message, 1);
    layout->addLayout(bar);
    m_tabs->setTabsClosable(true);
    m_tabs->setDocumentMode(true);
    layout->addWidget(m_tabs, 1);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int i) {
        QWidget* w = m_tabs->widget(i);
        m_tabs->removeTab(i);
        w->deleteLater();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (StationGraphic* g = current())
            g->refreshAll(m_services.clock.nowMs());
    });
    connect(m_themeBox, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i < 0 || i >= int(m_themes.size()))
            return;
        m_theme = i;
        for (int t = 0; t < m_tabs->count(); ++t) {
            if (auto* g = qobject_cast<StationGraphic*>(m_tabs->widget(t)))
                g->setTheme(m_themes[std::size_t(i)]);
        }
    });
    connect(&m_alarms, &AlarmCenter::recordsChanged, this, [this] {
        for (int t = 0; t < m_tabs->count(); ++t) {
            if (auto* g = qobject_cast<StationGraphic*>(m_tabs->widget(t)))
                g->setAlarms(m_alarms.live());
        }
    });
    // The one animation clock: values, blink and flow of the graphic on screen.
    m_clock.setInterval(250);
    connect(&m_clock, &QTimer::timeout, this, &GraphicsPanel::tick);
    m_clock.start();
}

GraphicsPanel::~GraphicsPanel() = default;

StationGraphic* GraphicsPanel::current() const
{
    return qobject_cast<StationGraphic*>(m_tabs->currentWidget());
}

StationGraphic* GraphicsPanel::graphicOf(int station) const
{
    for (int t = 0; t < m_tabs->count(); ++t) {
        auto* g = qobject_cast<StationGraphic*>(m_tabs->widget(t));
        if (g && g->station() == station)
            return g;
    }
    return nullptr;
}

void GraphicsPanel::setThemeId(const QString& id)
{
    const int i = m_themeBox->findData(id);
    if (i >= 0)
        m_themeBox->setCurrentIndex(i);
}

bool GraphicsPanel::openStation(int station)
{
    if (station < 0 || station >= int(m_services.project.stations.size()))
        return false;
    if (StationGraphic* g = graphicOf(station)) {
        m_tabs->setCurrentWidget(g);
        return true;
    }
    const Station& s = m_services.project.stations[std::size_t(station)];
    const Graphics::Drawing* drawing = m_drawings.drawingFor(m_services.project, station);
    if (!drawing || !m_symbols || m_themes.empty()) {
        m_message->setText(tr("No process graphic for %1").arg(s.displayName()));
        return false;
    }
    Graphics::ResolvedDrawing resolved = Graphics::resolve(*drawing, m_services.project, station);
    const std::size_t problems = resolved.problems.size();
    for (const Graphics::Problem& p : resolved.problems)
        qWarning().noquote() << p.toString();
    auto* g = new StationGraphic(m_services, *m_symbols, m_themes[std::size_t(m_theme)],
                                 std::move(resolved), m_tabs);
    g->setAlarms(m_alarms.live());
    connect(g, &StationGraphic::controlRequested, this, &GraphicsPanel::openFaceplate);
    connect(g, &StationGraphic::tagTrendRequested, this, &GraphicsPanel::tagTrendRequested);
    connect(g, &StationGraphic::trendRequested, this, &GraphicsPanel::trendRequested);
    m_tabs->setCurrentIndex(m_tabs->addTab(g, s.displayName()));
    m_message->setText(problems == 0 ? QString()
                                     : tr("%n binding(s) could not be resolved (see the log)",
                                          nullptr, int(problems)));
    return true;
}

void GraphicsPanel::tick()
{
    if (StationGraphic* g = current(); g && g->isVisible())
        g->tick(m_services.clock.nowMs());
}

void GraphicsPanel::reloadDrawings()
{
    m_drawings = DrawingStore(m_services).library();
    for (const Diagnostic& d : m_drawings.diagnostics())
        qWarning().noquote() << d.toString();
    const StationGraphic* shown = current();
    const int shownStation = shown ? shown->station() : -1;
    std::vector<int> stations;
    while (m_tabs->count() > 0) {
        QWidget* w = m_tabs->widget(0);
        if (auto* g = qobject_cast<StationGraphic*>(w))
            stations.push_back(g->station());
        m_tabs->removeTab(0);
        delete w;
    }
    for (int s : stations)
        openStation(s);
    if (shownStation >= 0)
        openStation(shownStation);
}

bool GraphicsPanel::exportCurrent(const QString& path, QString* error)
{
    StationGraphic* g = current();
    if (!g) {
        if (error)
            *error = tr("No process graphic is open");
        return false;
    }
    const Station& s = m_services.project.stations[std::size_t(g->station())];
    return exportScene(*g->scene(), g->sceneRect(), path, error, s.displayName());
}

void GraphicsPanel::chooseExport()
{
    StationGraphic* g = current();
    if (!g)
        return;
    const Station& s = m_services.project.stations[std::size_t(g->station())];
    const QStringList filters = sceneExportFilters();
    QString filter = filters.first();
    const QString suggested =
        QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .filePath(s.displayName() + QStringLiteral(".png"));
    QString path = QFileDialog::getSaveFileName(this, tr("Export the process graphic"), suggested,
                                                filters.join(QStringLiteral(";;")), &filter);
    if (path.isEmpty())
        return;
    // A name typed without a suffix takes the chosen filter's.
    static const QStringList suffixes = {QStringLiteral("png"), QStringLiteral("svg"),
                                         QStringLiteral("pdf")};
    if (!suffixes.contains(QFileInfo(path).suffix().toLower()))
        path += u'.' + suffixes.value(std::max(0, int(filters.indexOf(filter))));
    QString error;
    if (!exportCurrent(path, &error))
        QMessageBox::warning(this, tr("Export"), error);
    else
        m_message->setText(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
}

void GraphicsPanel::openFaceplate(const Control::ControlAddress& address,
                                  const std::vector<TagId>& values)
{
    if (m_faceplate && m_faceplate->address() == address) {
        m_faceplate->raise();
        m_faceplate->activateWindow();
        return;
    }
    delete m_faceplate;
    m_faceplate = new Faceplate(m_services, address, values, this);
    m_faceplate->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_faceplate, &Faceplate::trendRequested, this, &GraphicsPanel::tagTrendRequested);
    m_faceplate->show();
    // Beside what was clicked, not over the middle of the screen, and whole on the screen.
    if (const QScreen* screen = m_faceplate->screen()) {
        const QRect area = screen->availableGeometry();
        const QSize size = m_faceplate->frameGeometry().size();
        const QPoint at = QCursor::pos() + QPoint(24, 24);
        m_faceplate->move(
            std::clamp(at.x(), area.left(), std::max(area.left(), area.right() - size.width())),
            std::clamp(at.y(), area.top(), std::max(area.top(), area.bottom() - size.height())));
    }
}

} // namespace PumpWatch::Ui
