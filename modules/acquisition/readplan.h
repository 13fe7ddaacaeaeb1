// ReadPlan: which Modbus requests read a device's tags, and how each answer decodes.
//
// Tags are merged into the fewest requests of one area: a block grows while the next tag
// starts within `maxGap` registers (or bits) of its end and the block stays within
// `maxRegisters` (Siemens' masters cap at 120 words; PROTOCOLS.md §3) or `maxBits`. Tags whose
// registers overlap (bits of one status word) always stay in one block. When a device answers
// a block with an address exception, splitBlock() halves it at a tag boundary so the bad range
// is isolated in a few requests and its neighbours keep updating.
// Pure value types and functions, any thread.
//
//     std::vector<ReadBlock> plan = planReads(itemsOf(project, device), {});
//     // a reply for plan[0] with registers `regs`:
//     for (const ReadItem& item : plan[0].items) emit(item.tag, decodeItem(plan[0], item, regs));
#pragma once
#include <core/address.h>
#include <core/datatype.h>
#include <core/project.h>
#include <core/sample.h>

#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace PumpWatch::Acquisition {

/// One tag to read: where it lives and how its raw value becomes an engineering value.
struct ReadItem {
    TagId tag = InvalidTagId;
    ModbusLocation location; ///< area, start, count (registers or bits), bit, byte
    DataType type = DataType::Invalid;
    WordOrder order = WordOrder::ABCD;
    Scaling scale;
    bool writable = false;
};

struct ReadBlock {
    AddressArea area =
        AddressArea::Invalid; ///< Coil, DiscreteInput, InputRegister, HoldingRegister
    quint16 start = 0;
    quint16 count = 0;           ///< registers, or bits for coils and discrete inputs
    std::vector<ReadItem> items; ///< ascending by start
};

struct ReadPlanOptions {
    int maxRegisters = 120;
    int maxBits = 2000;
    int maxGapRegisters = 16; ///< unused registers a block may read to save a request
    int maxGapBits = 256;
};

bool isBitArea(AddressArea area);

/// The device's tags in a plan: its template's and station's tags mapped by its addressing
/// settings. Tags that do not map (checked when the project was loaded) are left out.
std::vector<ReadItem> readItems(const Project& project, int station, int device);

std::vector<ReadBlock> planReads(std::vector<ReadItem> items, const ReadPlanOptions& options);

/// The two halves of a block, split at the tag boundary nearest its middle (tags that share
/// registers stay together); empty when the block holds a single such group.
std::optional<std::pair<ReadBlock, ReadBlock>> splitBlock(const ReadBlock& block);

/// The engineering value of `item` from a block's answer (registers, or one entry per bit).
double decodeItem(const ReadBlock& block, const ReadItem& item, std::span<const quint16> values);

} // namespace PumpWatch::Acquisition
