// The programs that run for weeks (pumpwatch-server) or a twelve-hour shift (the workstation)
// keep glibc's malloc to two arenas. By default glibc gives each thread that allocates its own
// arena (up to 8 per core); memory freed in one and asked for in another is never reused, so
// the resident size creeps. Measured with tst_integration_soak (docs/performance.md § Soak):
// with the default arenas the server's heap outside SQLite's page cache grew 1.2 MB in 48
// minutes; with two it stayed flat. The pipeline's threads allocate little, so two arenas cost
// no measurable contention. No-op where the C library is not glibc.
#pragma once

namespace PumpWatch {

void limitMallocArenas();

} // namespace PumpWatch
