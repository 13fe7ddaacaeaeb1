// `pumpwatch --probe`: a workstation without its windows, for tests, benchmarks and a quick
// look at a control room from a shell. It connects to the servers through the broker exactly
// as the workstation does (Remote::RemoteSource into a RealtimeStore of its own) and speaks
// JSON lines: events on stdout, commands on stdin.
//
//   events   {"ev":"link","up":true,"ms":…}  {"ev":"complete","stations":2000,"ms":…}
//            {"ev":"server","shard":"main","id":"server-a","epoch":…,"online":true}
//            {"ev":"acked","alarm":"high/3/0/117/-1/…","by":"张三","ms":…}
//            {"ev":"raised","alarm":…}  {"ev":"response","req":…,"ok":false,"code":"already",…}
//            {"ev":"control","station":"S0005","object":"pump[3]","step":1,"holder":"张三",…}
//   commands alarms | ack ALARM [NOTE] | ack-station STATION | shelve TAG MINUTES [REASON] | select
//   STATION DEVICE OBJECT VALUE
//            | operate STATION DEVICE OBJECT | cancel STATION DEVICE OBJECT | values STATION
//            | digest | stats | latency | quit
//
// Every event carries "ms", the wall clock when the probe saw it, so two probes on one machine
// measure how long an acknowledgement on one took to show on the other.
#pragma once

#include <QStringList>

namespace PumpWatch::Workstation {

/// Runs the probe with the program's arguments; returns the exit code.
int runProbe(int argc, char* argv[]);

} // namespace PumpWatch::Workstation
