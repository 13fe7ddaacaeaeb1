// Versions of the project file kept at every save (core/fileversions.h), through the project
// writer every save path uses: how many are kept, that the newest is what the last save replaced,
// and that pruning only ever deletes the oldest.
#include <core/fileversions.h>
#include <core/projectreader.h>
#include <core/projectwriter.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace PumpWatch;

namespace {

const char* const Minimal = R"({"format": "pumpwatch-project", "version": 1, "name": "v0"})";

QByteArray contentOf(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class tst_FileVersions : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void twentyFiveSavesKeepTwenty()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("zunyi.json"));
        Project p = *ProjectReader::read(Minimal, path).project;
        std::vector<QByteArray> saved; // the file's content after each save
        for (int i = 1; i <= 25; ++i) {
            p.name = QStringLiteral("save %1").arg(i);
            QString error;
            QVERIFY2(ProjectWriter::writeFile(p, path, &error), qPrintable(error));
            saved.push_back(contentOf(path));
        }
        // The first save replaced nothing; 24 versions made, the oldest 4 pruned.
        const std::vector<FileVersion> versions = FileVersions::list(path);
        QCOMPARE(versions.size(), std::size_t(20));
        QCOMPARE(QFileInfo(versions.front().path).absolutePath(),
                 QDir(dir.path()).filePath(QStringLiteral(".versions/zunyi.json")));
        // Oldest first, ids growing; the newest is the content before the last save, and the
        // oldest kept is that of save 5 (saves 1–4 pruned).
        for (std::size_t i = 1; i < versions.size(); ++i)
            QVERIFY(versions[i - 1].id < versions[i].id);
        QCOMPARE(contentOf(versions.back().path), saved[23]);
        QCOMPARE(contentOf(versions.front().path), saved[4]);
        QCOMPARE(versions.back().size, qint64(saved[23].size()));
        QCOMPARE(FileVersions::find(path, versions.back().id + QStringLiteral(".json"))->path,
                 versions.back().path);

        // Saving what the file holds already makes no version.
        QString error;
        QVERIFY(ProjectWriter::writeFile(p, path, &error));
        QCOMPARE(FileVersions::list(path).back().id, versions.back().id);
    }

    void keepCountIsASettingOfTheFolder()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.json"));
        const QString drawing = dir.filePath(QStringLiteral("graphics/main.json"));
        QCOMPARE(FileVersions::keepCount(path), FileVersions::DefaultKeep);
        QString error;
        QVERIFY(FileVersions::setKeepCount(path, 3, &error));
        QCOMPARE(FileVersions::keepCount(path), 3);
        QCOMPARE(FileVersions::keepCount(drawing), 3); // the drawings follow the project
        for (int i = 0; i < 6; ++i)
            QVERIFY(ProjectWriter::writeFile(QByteArray::number(i), path, &error));
        QCOMPARE(FileVersions::list(path).size(), std::size_t(3));
        QVERIFY(FileVersions::setKeepCount(path, 0, &error)); // none from now on; those stay
        QVERIFY(ProjectWriter::writeFile(QByteArray("off"), path, &error));
        QCOMPARE(FileVersions::list(path).size(), std::size_t(3));
        QCOMPARE(contentOf(FileVersions::list(path).back().path), QByteArray("4"));
    }

    void idsOnlyGrowAndOtherFilesAreLeftAlone()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.json"));
        const QString folder = FileVersions::folder(path);
        QVERIFY(QDir().mkpath(folder));
        // A version "from the future" (a clock set back since) and a file of the user's.
        QFile future(folder + QStringLiteral("/29991231T235959999Z.json"));
        QVERIFY(future.open(QIODevice::WriteOnly));
        future.write("{}");
        future.close();
        QFile note(folder + QStringLiteral("/README.txt"));
        QVERIFY(note.open(QIODevice::WriteOnly));
        note.close();
        QString error;
        QVERIFY(FileVersions::setKeepCount(path, 2, &error));
        for (int i = 0; i < 4; ++i)
            QVERIFY(ProjectWriter::writeFile(QByteArray::number(i), path, &error));
        const std::vector<FileVersion> versions = FileVersions::list(path);
        QCOMPARE(versions.size(), std::size_t(2));
        // The newest are after the future one, so it was pruned as the oldest.
        QVERIFY(versions.front().id > QStringLiteral("29991231T235959999Z"));
        QCOMPARE(contentOf(versions.back().path), QByteArray("2"));
        QVERIFY(note.exists());
    }

    void aVersionThatCannotBeWrittenStopsTheSave()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.json"));
        QString error;
        QVERIFY(ProjectWriter::writeFile(QByteArray("one"), path, &error));
        // A file where the versions folder should be.
        QFile blocker(dir.filePath(QStringLiteral(".versions")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        QVERIFY(!ProjectWriter::writeFile(QByteArray("two"), path, &error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QCOMPARE(contentOf(path), QByteArray("one"));
    }
};

QTEST_GUILESS_MAIN(tst_FileVersions)
#include "tst_fileversions.moc"
