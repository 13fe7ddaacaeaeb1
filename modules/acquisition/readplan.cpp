#include "readplan.h"

#include <core/registercodec.h>

#include <algorithm>

namespace PumpWatch::Acquisition {

bool isBitArea(AddressArea area)
{
    return area == AddressArea::Coil || area == AddressArea::DiscreteInput;
}

std::vector<ReadItem> readItems(const Project& project, int station, int device)
{
    const Device& d = project.stations[static_cast<std::size_t>(station)]
                          .devices[static_cast<std::size_t>(device)];
    std::vector<ReadItem> items;
    items.reserve(d.tagCount);
    for (TagId id = d.firstTag; id < d.firstTag + d.tagCount; ++id) {
        const TagDef& def = project.tag(id);
        const ModbusMapping m =
            toModbus(def.address, def.type, d.settings.addressing, d.settings.holdStart);
        if (!m.location)
            continue;
        items.push_back({id, *m.location, def.type, d.settings.wordOrder, def.scale,
                         def.access == Access::ReadWrite});
    }
    return items;
}

namespace {

int itemEnd(const ReadItem& item)
{
    return item.location.start + item.location.count;
}

ReadBlock blockOf(AddressArea area, std::vector<ReadItem> items)
{
    ReadBlock b;
    b.area = area;
    b.start = items.front().location.start;
    int end = 0;
    for (const ReadItem& i : items)
        end = std::max(end, itemEnd(i));
    b.count = static_cast<quint16>(end - b.start);
    b.items = std::move(items);
    return b;
}

} // namespace

std::vector<ReadBlock> planReads(std::vector<ReadItem> items, const ReadPlanOptions& options)
{
    std::sort(items.begin(), items.end(), [](const ReadItem& a, const ReadItem& b) {
        if (a.location.area != b.location.area)
            return a.location.area < b.location.area;
        return a.location.start < b.location.start;
    });
    std::vector<ReadBlock> blocks;
    std::vector<ReadItem> current;
    int blockStart = 0;
    int blockEnd = 0;
    auto flush = [&] {
        if (!current.empty()) {
            const AddressArea area = current.front().location.area;
            blocks.push_back(blockOf(area, std::move(current)));
        }
        current.clear();
    };
    for (ReadItem& item : items) {
        const AddressArea area = item.location.area;
        const bool bits = isBitArea(area);
        const int maxCount = bits ? options.maxBits : options.maxRegisters;
        const int maxGap = bits ? options.maxGapBits : options.maxGapRegisters;
        const int start = item.location.start;
        const int end = itemEnd(item);
        const bool joins =
            !current.empty() && current.front().location.area == area &&
            (start < blockEnd || // overlaps: must stay together
             (start - blockEnd <= maxGap && std::max(end, blockEnd) - blockStart <= maxCount));
        if (!joins) {
            flush();
            blockStart = start;
            blockEnd = end;
        }
        blockEnd = std::max(blockEnd, end);
        current.push_back(std::move(item));
    }
    flush();
    return blocks;
}

std::optional<std::pair<ReadBlock, ReadBlock>> splitBlock(const ReadBlock& block)
{
    // Group boundaries: an index i where item i starts at or after the end of all before it.
    std::vector<std::size_t> boundaries;
    int end = 0;
    for (std::size_t i = 0; i < block.items.size(); ++i) {
        if (i > 0 && block.items[i].location.start >= end)
            boundaries.push_back(i);
        end = std::max(end, itemEnd(block.items[i]));
    }
    if (boundaries.empty())
        return std::nullopt;
    const int middle = block.start + block.count / 2;
    const std::size_t cut =
        *std::min_element(boundaries.begin(), boundaries.end(), [&](std::size_t a, std::size_t b) {
            return std::abs(block.items[a].location.start - middle) <
                   std::abs(block.items[b].location.start - middle);
        });
    const auto at = block.items.begin() + static_cast<std::ptrdiff_t>(cut);
    return std::pair{blockOf(block.area, {block.items.begin(), at}),
                     blockOf(block.area, {at, block.items.end()})};
}

double decodeItem(const ReadBlock& block, const ReadItem& item, std::span<const quint16> values)
{
    const auto offset = static_cast<std::size_t>(item.location.start - block.start);
    double raw = 0.0;
    if (isBitArea(block.area))
        raw = values[offset] != 0 ? 1.0 : 0.0;
    else
        raw = RegisterCodec::read(item.location, item.type, item.order,
                                  values.subspan(offset, item.location.count));
    return item.scale.isIdentity() ? raw : item.scale.toEngineering(raw);
}

} // namespace PumpWatch::Acquisition
