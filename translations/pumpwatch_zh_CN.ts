<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PumpWatch::Acquisition::AcquisitionService</name>
    <message>
        <source>acquisition is not running</source>
        <translation>采集未运行</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Acquisition::ModbusDriver</name>
    <message>
        <source>acquisition stopped before the write ended</source>
        <translation>写入完成前采集已停止</translation>
    </message>
    <message>
        <source>no connection within %1 ms</source>
        <translation>%1 毫秒内未建立连接</translation>
    </message>
    <message>
        <source>no reply within %1 ms (watchdog)</source>
        <translation>%1 毫秒内无应答（看门狗）</translation>
    </message>
    <message>
        <source>%1: connected again</source>
        <translation>%1：已重新连接</translation>
    </message>
    <message>
        <source>connection closed by the device</source>
        <translation>设备关闭了连接</translation>
    </message>
    <message>
        <source>connection lost: %1</source>
        <translation>连接中断：%1</translation>
    </message>
    <message>
        <source>%1: %2; reconnecting in %3 ms</source>
        <translation>%1：%2；%3 毫秒后重连</translation>
    </message>
    <message>
        <source>%1 on %2 unit %3: %4</source>
        <translation>%1（%2 站号 %3）：%4</translation>
    </message>
    <message>
        <source>exception 01, illegal function</source>
        <translation>异常 01，非法功能码</translation>
    </message>
    <message>
        <source>exception 02, illegal data address</source>
        <translation>异常 02，非法数据地址</translation>
    </message>
    <message>
        <source>exception 03, illegal data value</source>
        <translation>异常 03，非法数据值</translation>
    </message>
    <message>
        <source>exception 04, server device failure</source>
        <translation>异常 04，从站设备故障</translation>
    </message>
    <message>
        <source>exception 05, acknowledge</source>
        <translation>异常 05，已确认</translation>
    </message>
    <message>
        <source>exception 06, server device busy</source>
        <translation>异常 06，从站设备忙</translation>
    </message>
    <message>
        <source>exception 0A, gateway path unavailable</source>
        <translation>异常 0A，网关路径不可用</translation>
    </message>
    <message>
        <source>exception 0B, gateway target failed to respond</source>
        <translation>异常 0B，网关目标设备无响应</translation>
    </message>
    <message>
        <source>exception %1</source>
        <translation>异常 %1</translation>
    </message>
    <message>
        <source>no answer within %1 ms</source>
        <translation>%1 毫秒内无应答</translation>
    </message>
    <message>
        <source>%1: %2 answers again</source>
        <translation>%1：%2 恢复应答</translation>
    </message>
    <message>
        <source>%1: read in %2 requests again, as planned</source>
        <translation>%1：恢复按计划分 %2 个请求读取</translation>
    </message>
    <message>
        <source>the PLC refused: %1</source>
        <translation>PLC 拒绝：%1</translation>
    </message>
    <message>
        <source>%1: %2 answers %3, splitting</source>
        <translation>%1：%2 返回%3，拆分读取</translation>
    </message>
    <message>
        <source>%1: %2 (%3) answers %4; its tags are marked bad and read again every %5 s</source>
        <translation>%1：%2（%3）返回%4；相关测点标记为坏值，每 %5 秒重试</translation>
    </message>
    <message>
        <source>%1; the value may or may not have been written</source>
        <translation>%1；该值可能已写入，也可能未写入</translation>
    </message>
    <message>
        <source>no tag %1</source>
        <translation>没有测点 %1</translation>
    </message>
    <message>
        <source>%1 is read-only</source>
        <translation>%1 为只读</translation>
    </message>
    <message>
        <source>%1 is offline: %2</source>
        <translation>%1 离线：%2</translation>
    </message>
    <message>
        <source>%1: %2 is not a number</source>
        <translation>%1：%2 不是数字</translation>
    </message>
    <message>
        <source>%1 takes 0 or 1, not %2</source>
        <translation>%1 只接受 0 或 1，而不是 %2</translation>
    </message>
    <message>
        <source>%1: %2 is out of range for %3</source>
        <translation>%1：%2 超出 %3 的范围</translation>
    </message>
    <message>
        <source>write %1: %2 = %3 by %4</source>
        <translation>写入 %1：%2 = %3（操作人 %4）</translation>
    </message>
    <message>
        <source>the PLC holds %1 after writing %2</source>
        <translation>写入 %2 后 PLC 中的值为 %1</translation>
    </message>
    <message>
        <source>write %1: done, read back %2</source>
        <translation>写入 %1：完成，回读 %2</translation>
    </message>
    <message>
        <source>write %1 failed: %2</source>
        <translation>写入 %1 失败：%2</translation>
    </message>
    <message>
        <source>connection refused by %1 (nothing listens there)</source>
        <translation>%1 拒绝连接（该端口无人监听）</translation>
    </message>
    <message>
        <source>%1 on %2 unit %3: %4; demoted after %5 failures in a row, tried once every %6 s until it answers</source>
        <translation>%1（%2 站号 %3）：%4；连续 %5 次失败，已降级，每 %6 秒试一次，直到恢复应答</translation>
    </message>
    <message>
        <source>no unit behind %1 answers</source>
        <translation>%1 后面没有任何站号应答</translation>
    </message>
    <message>
        <source>%1 on %2 unit %3 answers again; polled as usual</source>
        <translation>%1（%2 站号 %3）恢复应答，恢复正常轮询</translation>
    </message>
    <message>
        <source>%1; demoted: tried once every %2 s</source>
        <translation>%1；已降级：每 %2 秒试一次</translation>
    </message>
    <message>
        <source>cannot poll devices: %1</source>
        <translation>无法轮询设备：%1</translation>
    </message>
    <message>
        <source>cannot open %1: %2 baud is not supported</source>
        <translation>无法打开 %1：不支持 %2 波特率</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not host:port</source>
        <translation>“%1”不是“主机:端口”</translation>
    </message>
    <message>
        <source>cannot find %1: %2</source>
        <translation>找不到 %1：%2</translation>
    </message>
    <message>
        <source>no socket: %1</source>
        <translation>无法创建套接字：%1</translation>
    </message>
    <message>
        <source>cannot connect to %1: %2</source>
        <translation>无法连接 %1：%2</translation>
    </message>
    <message>
        <source>cannot send to %1: %2</source>
        <translation>无法发送到 %1：%2</translation>
    </message>
    <message>
        <source>connection to %1 lost: %2</source>
        <translation>与 %1 的连接中断：%2</translation>
    </message>
    <message>
        <source>%1: data nobody asked for: %2</source>
        <translation>%1：收到未请求的数据：%2</translation>
    </message>
    <message>
        <source>data from the device that answers no request</source>
        <translation>设备发来不对应任何请求的数据</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: %2 bytes on the line between requests: %3</source>
        <translation>%1：两次请求之间线路上出现 %2 个字节：%3</translation>
    </message>
    <message>
        <source>incomplete answer within %1 ms (%2 bytes)</source>
        <translation>%1 毫秒内应答不完整（%2 字节）</translation>
    </message>
    <message>
        <source>incomplete answer; connection reset</source>
        <translation>应答不完整，已重置连接</translation>
    </message>
    <message numerus="yes">
        <source> (%n more since the last report)</source>
        <translation>
            <numerusform>（自上次报告以来又有 %n 次）</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 on %2 unit %3: %4%5; request %6, answer %7</source>
        <translation>%1（%2 站号 %3）：%4%5；请求 %6，应答 %7</translation>
    </message>
    <message>
        <source>%1; connection reset</source>
        <translation>%1；已重置连接</translation>
    </message>
    <message>
        <source>invalid answer (transaction id %1, expected %2)</source>
        <translation>应答无效（事务号 %1，应为 %2）</translation>
    </message>
    <message>
        <source>invalid answer (protocol id %1, not 0)</source>
        <translation>应答无效（协议号 %1，应为 0）</translation>
    </message>
    <message>
        <source>invalid answer (MBAP length %1)</source>
        <translation>应答无效（MBAP 长度 %1）</translation>
    </message>
    <message>
        <source>invalid answer (unit id %1, expected %2)</source>
        <translation>应答无效（单元号 %1，应为 %2）</translation>
    </message>
    <message>
        <source>invalid answer (function code %1, expected %2)</source>
        <translation>应答无效（功能码 %1，应为 %2）</translation>
    </message>
    <message>
        <source>invalid answer (byte count %1, expected %2)</source>
        <translation>应答无效（字节数 %1，应为 %2）</translation>
    </message>
    <message>
        <source>invalid answer (the write echo holds %1, expected %2)</source>
        <translation>应答无效（写入回显为 %1，应为 %2）</translation>
    </message>
    <message>
        <source>invalid answer (CRC error)</source>
        <translation>应答无效（CRC 校验错误）</translation>
    </message>
    <message>
        <source>invalid answer (cut short: %1 of %2 bytes)</source>
        <translation>应答无效（不完整：%2 字节只收到 %1 字节）</translation>
    </message>
    <message>
        <source>invalid answer (%1 bytes where the answer has %2)</source>
        <translation>应答无效（收到 %1 字节，应答应为 %2 字节）</translation>
    </message>
    <message>
        <source>invalid answer</source>
        <translation>应答无效</translation>
    </message>
    <message>
        <source>no address for %1 within %2 s</source>
        <translation>%2 秒内未能解析 %1 的地址</translation>
    </message>
    <message>
        <source>%1 hung up (adapter unplugged?)</source>
        <translation>%1 已挂断（转换器被拔出？）</translation>
    </message>
    <message>
        <source>%1 is not a Modbus device</source>
        <translation>%1 不是 Modbus 设备</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Acquisition::MqttDriver</name>
    <message>
        <source>%1: two tags are called &apos;%2&apos; in the gateway&apos;s messages; the first is used</source>
        <translation>%1：网关消息中有两个测点都叫“%2”，使用第一个</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: the gateway speaks again</source>
        <translation>%1：网关恢复上报</translation>
    </message>
    <message>
        <source>no message from the gateway for %1 s</source>
        <translation>网关 %1 秒未上报</translation>
    </message>
    <message>
        <source>%1: the gateway did not answer the write</source>
        <translation>%1：网关未应答写入</translation>
    </message>
    <message>
        <source>%1: no value read back from the gateway</source>
        <translation>%1：未从网关回读到数值</translation>
    </message>
    <message>
        <source>the gateway reports %1 after writing %2</source>
        <translation>写入 %2 后网关上报的值为 %1</translation>
    </message>
    <message>
        <source>write %1: done, read back %2</source>
        <translation>写入 %1：完成，回读 %2</translation>
    </message>
    <message>
        <source>write %1 failed: %2</source>
        <translation>写入 %1 失败：%2</translation>
    </message>
    <message>
        <source>broker %1, gateway %2, topic %3: %4 (logged once)</source>
        <translation>代理 %1，网关 %2，主题 %3：%4（仅记录一次）</translation>
    </message>
    <message>
        <source>acquisition stopped before the write ended</source>
        <translation>写入完成前采集已停止</translation>
    </message>
    <message>
        <source>no gateway serves tag %1</source>
        <translation>没有网关提供测点 %1</translation>
    </message>
    <message>
        <source>%1 is read-only</source>
        <translation>%1 为只读</translation>
    </message>
    <message>
        <source>%1: %2 is not a number</source>
        <translation>%1：%2 不是数字</translation>
    </message>
    <message>
        <source>%1 takes 0 or 1, not %2</source>
        <translation>%1 只接受 0 或 1，而不是 %2</translation>
    </message>
    <message>
        <source>%1 is offline: %2</source>
        <translation>%1 离线：%2</translation>
    </message>
    <message>
        <source>%1: no broker connection serves it</source>
        <translation>%1：没有可用的代理连接</translation>
    </message>
    <message>
        <source>broker %1: Neuron node &apos;%2&apos; group &apos;%3&apos; is not in the project; its messages are ignored</source>
        <translation>代理 %1：Neuron 节点“%2”组“%3”不在工程中，其消息被忽略</translation>
    </message>
    <message>
        <source>tag &apos;%1&apos; has a text value, not a number</source>
        <translation>测点“%1”的值是文本，不是数字</translation>
    </message>
    <message>
        <source>Neuron %1 %2</source>
        <translation>Neuron %1 %2</translation>
    </message>
    <message>
        <source>%1: Neuron refused the write: %2 %3</source>
        <translation>%1：Neuron 拒绝写入：%2 %3</translation>
    </message>
    <message>
        <source>%1: cannot send to broker %2: %3</source>
        <translation>%1：无法发送到代理 %2：%3</translation>
    </message>
    <message>
        <source>broker %1: Sparkplug edge node %2 is not in the project; its messages are ignored</source>
        <translation>代理 %1：Sparkplug 边缘节点 %2 不在工程中，其消息被忽略</translation>
    </message>
    <message>
        <source>a malformed payload</source>
        <translation>报文格式错误</translation>
    </message>
    <message>
        <source>edge node %1 died (NDEATH)</source>
        <translation>边缘节点 %1 离线（NDEATH）</translation>
    </message>
    <message>
        <source>a message before its birth</source>
        <translation>出生证明（BIRTH）之前收到消息</translation>
    </message>
    <message>
        <source>device %1 of edge node %2 died (DDEATH)</source>
        <translation>边缘节点 %2 的设备 %1 离线（DDEATH）</translation>
    </message>
    <message>
        <source>metric &apos;%1&apos; is text, not a number</source>
        <translation>指标“%1”是文本，不是数字</translation>
    </message>
    <message>
        <source>an unknown alias or a metric of the wrong type</source>
        <translation>未知别名或类型错误的指标</translation>
    </message>
    <message>
        <source>a seq gap unfilled for %1 ms</source>
        <translation>序号缺口 %1 毫秒内未补齐</translation>
    </message>
    <message>
        <source>broker %1: edge node %2/%3: %4; rebirth requested</source>
        <translation>代理 %1：边缘节点 %2/%3：%4；已请求重新上报出生证明</translation>
    </message>
    <message>
        <source>nothing heard from its gateway since the broker connection (%1 %2/%3)</source>
        <translation>连上代理后一直未收到其网关的消息（%1 %2/%3）</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>MQTT broker %1: %2</source>
        <translation>MQTT 代理 %1：%2</translation>
    </message>
    <message>
        <source>%1 takes whole numbers, not %2</source>
        <translation>%1 只接受整数，而不是 %2</translation>
    </message>
    <message>
        <source>%1: %2 is out of range for %3</source>
        <translation>%1：%2 超出 %3 的范围</translation>
    </message>
    <message>
        <source>broker %1: %2</source>
        <translation>代理 %1：%2</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Address</name>
    <message>
        <source>&apos;%1&apos; is not an S7 V address</source>
        <translation>&apos;%1&apos; 不是 S7 V 区地址</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a Modbus address</source>
        <translation>&apos;%1&apos; 不是 Modbus 地址</translation>
    </message>
    <message>
        <source>empty address</source>
        <translation>地址为空</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a single bit; type must be bool, not %2</source>
        <translation>&apos;%1&apos; 是单个位，类型必须为 bool，而不是 %2</translation>
    </message>
    <message>
        <source>bool needs a bit address (a coil, a discrete input, V byte.bit or register.bit), not &apos;%1&apos;</source>
        <translation>bool 需要位地址（线圈、离散输入、V 字节.位 或 寄存器.位），而不是 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1 is %2 bits wide but &apos;%3&apos; holds %4 bits</source>
        <translation>%1 为 %2 位，但 &apos;%3&apos; 只有 %4 位</translation>
    </message>
    <message>
        <source>%1 needs a V byte address (VB…), not the register &apos;%2&apos;</source>
        <translation>%1 需要 V 字节地址（VB…），而不是寄存器 &apos;%2&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; runs past the last Modbus address</source>
        <translation>&apos;%1&apos; 超出了 Modbus 地址范围</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is an S7 V address but the device is addressed as %2</source>
        <translation>&apos;%1&apos; 是 S7 V 区地址，但设备的寻址方式为 %2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; lies below the device&apos;s holdStart VB%2</source>
        <translation>&apos;%1&apos; 低于设备的 holdStart VB%2</translation>
    </message>
    <message>
        <source>&apos;%1&apos; starts on an odd byte from holdStart VB%2 and does not map to whole holding registers</source>
        <translation>&apos;%1&apos; 相对 holdStart VB%2 从奇数字节开始，无法映射到完整的保持寄存器</translation>
    </message>
</context>
<context>
    <name>PumpWatch::AddressTableImporter</name>
    <message>
        <source>cannot open: %1</source>
        <translation>无法打开：%1</translation>
    </message>
    <message>
        <source>the file holds no table</source>
        <translation>文件中没有表格</translation>
    </message>
    <message>
        <source>no column for %1</source>
        <translation>缺少列：%1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a data type</source>
        <translation>&apos;%1&apos; 不是数据类型</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not 只读/读写 (r/rw)</source>
        <translation>&apos;%1&apos; 不是 只读/读写（r/rw）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a quantity</source>
        <translation>&apos;%1&apos; 不是物理量</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a unit of %2 (%3)</source>
        <translation>&apos;%1&apos; 不是 %2 的单位（%3）</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Alarms::AlarmEngine</name>
    <message>
        <source>shelving expired</source>
        <translation>搁置到期</translation>
    </message>
    <message>
        <source>for %1 min: %2</source>
        <translation>搁置 %1 分钟：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n critical alarm(s) silenced</source>
        <translation>
            <numerusform>%n 条紧急报警已消音</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PumpWatch::Alarms::AlarmRecordCells</name>
    <message>
        <source>Priority</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>站名</translation>
    </message>
    <message>
        <source>Monitored value</source>
        <translation>监控值</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Alarm type</source>
        <translation>报警类型</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>End</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>是否确认</translation>
    </message>
    <message>
        <source>Ack time</source>
        <translation>确认时间</translation>
    </message>
    <message>
        <source>Ack user</source>
        <translation>确认人</translation>
    </message>
    <message>
        <source>End state</source>
        <translation>结束状态</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>处理内容</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>system</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>no</source>
        <translation>未确认</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Alarms::AlarmSubject</name>
    <message>
        <source>history database</source>
        <translation>历史数据库</translation>
    </message>
    <message>
        <source>acquisition service</source>
        <translation>采集服务</translation>
    </message>
    <message>
        <source>%1 PLC</source>
        <translation>%1 PLC</translation>
    </message>
    <message>
        <source>%1 gateway</source>
        <translation>%1 网关</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Alarms::AlarmText</name>
    <message>
        <source>low-low alarm</source>
        <translation>低低限报警</translation>
    </message>
    <message>
        <source>low alarm</source>
        <translation>低限报警</translation>
    </message>
    <message>
        <source>high alarm</source>
        <translation>高限报警</translation>
    </message>
    <message>
        <source>high-high alarm</source>
        <translation>高高限报警</translation>
    </message>
    <message>
        <source>rate-of-change alarm</source>
        <translation>突变率报警</translation>
    </message>
    <message>
        <source>RTU communication failure</source>
        <translation>RTU 通讯故障报警</translation>
    </message>
    <message>
        <source>power outage</source>
        <translation>停电报警</translation>
    </message>
    <message>
        <source>sensor fault</source>
        <translation>传感器故障报警</translation>
    </message>
    <message>
        <source>equipment fault</source>
        <translation>设备故障报警</translation>
    </message>
    <message>
        <source>rule alarm</source>
        <translation>规则报警</translation>
    </message>
    <message>
        <source>database connection failure</source>
        <translation>数据库连接失败报警</translation>
    </message>
    <message>
        <source>background service stopped</source>
        <translation>后台服务异常退出报警</translation>
    </message>
    <message>
        <source>not ended</source>
        <translation>未恢复</translation>
    </message>
    <message>
        <source>returned to normal</source>
        <translation>转正常</translation>
    </message>
    <message>
        <source>became new alarm</source>
        <translation>转新报警</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Outside the sensor&apos;s range %1 … %2 %3</source>
        <translation>超出传感器量程 %1 … %2 %3</translation>
    </message>
    <message>
        <source>Value frozen for %1 s</source>
        <translation>数值 %1 秒未变化（疑似冻结）</translation>
    </message>
    <message>
        <source>Changed %1 %2 within a minute</source>
        <translation>一分钟内变化 %1 %2</translation>
    </message>
    <message>
        <source>Station power outage</source>
        <translation>站点停电</translation>
    </message>
    <message>
        <source>control command failed</source>
        <translation>控制失败报警</translation>
    </message>
    <message>
        <source>%1: no feedback within %2 s</source>
        <translation>%1：%2 秒内无反馈</translation>
    </message>
    <message>
        <source>%1: the write failed</source>
        <translation>%1：下发失败</translation>
    </message>
    <message>
        <source>%1: the write failed (%2)</source>
        <translation>%1：下发失败（%2）</translation>
    </message>
    <message>
        <source>IoT broker connection lost</source>
        <translation>物联网代理连接中断报警</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Alarms::RuleSet</name>
    <message>
        <source>rule &apos;%1&apos;: %2</source>
        <translation>规则 &apos;%1&apos;：%2</translation>
    </message>
    <message>
        <source>rule &apos;%1&apos;: %2/%3 has no tag %4</source>
        <translation>规则 &apos;%1&apos;：%2/%3 没有测点 %4</translation>
    </message>
    <message>
        <source>rule &apos;%1&apos; applies to no device</source>
        <translation>规则 &apos;%1&apos; 不适用于任何设备</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Cli::AlarmCommands</name>
    <message>
        <source>--db is required</source>
        <translation>必须指定 --db</translation>
    </message>
    <message>
        <source>  alarms list --db URL --from T --to T [--station ID] [--active] [--project FILE]
                                           the alarm records, newest first
  alarms ack ID --db URL --user NAME --note TEXT
                                           acknowledge an alarm record
</source>
        <translation>  alarms list --db 地址 --from 时间 --to 时间 [--station 站点] [--active] [--project 文件]
                                           报警记录，最新的在前
  alarms ack 编号 --db 地址 --user 姓名 --note 处理内容
                                           确认一条报警记录
</translation>
    </message>
    <message>
        <source>unknown command &apos;alarms %1&apos;; commands:
</source>
        <translation>未知命令 &apos;alarms %1&apos;；可用命令：
</translation>
    </message>
    <message>
        <source>the command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>only records that have not ended</source>
        <translation>只列出未恢复的记录</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Acknowledges one alarm record with who handled it and how; a record is acknowledged once.</source>
        <translation>确认一条报警记录，并记录处理人和处理内容；每条记录只能确认一次。</translation>
    </message>
    <message>
        <source>the record&apos;s id (alarms list)</source>
        <translation>记录编号（见 alarms list）</translation>
    </message>
    <message>
        <source>who acknowledges</source>
        <translation>确认人</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>the handling content and result</source>
        <translation>处理内容和结果</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a record id</source>
        <translation>&apos;%1&apos; 不是记录编号</translation>
    </message>
    <message>
        <source>--user and --note are required</source>
        <translation>必须指定 --user 和 --note</translation>
    </message>
    <message>
        <source>alarm %1 acknowledged by %2: %3</source>
        <translation>报警 %1 已由 %2 确认：%3</translation>
    </message>
    <message>
        <source>alarm %1 was already acknowledged by %2 at %3: %4</source>
        <translation>报警 %1 已于 %3 由 %2 确认：%4</translation>
    </message>
    <message>
        <source>there is no alarm record %1</source>
        <translation>没有报警记录 %1</translation>
    </message>
    <message>
        <source>Lists the alarm records that started in a period, newest first, tab-separated: No., ID, priority, station, monitored value, value, type, start, end, acknowledged, ack time, ack user, end state, note, cause; times in the time zone of --project, else this computer&apos;s.</source>
        <translation>列出某时段内开始的报警记录，最新的在前，以制表符分隔：序号、编号、级别、站名、监控值、数值、报警类型、开始时间、截止时间、是否确认、确认时间、确认人、结束状态、处理内容、原因；时间为 --project 所给项目所在时区的时间，未给时为本机时区的时间。</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Cli::AuditCommands</name>
    <message>
        <source>unknown command &apos;audit %1&apos;; commands:
</source>
        <translation>未知命令“audit %1”；可用命令：
</translation>
    </message>
    <message>
        <source>Lists the audit rows of a period, oldest first, tab-separated: time, user, login, role, workstation, station, action, object, old value, new value, result, detail; times in the time zone of --project, else this computer&apos;s.</source>
        <translation>按时间先后列出一段时间内的审计记录，以制表符分隔：时间、用户、登录名、角色、工作站、站点、操作、对象、原值、新值、结果、详情；时间按 --project 的时区，否则按本机时区。</translation>
    </message>
    <message>
        <source>the command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>only actions like this (control.% for control commands)</source>
        <translation>只列匹配的操作（控制命令用 control.%）</translation>
    </message>
    <message>
        <source>PATTERN</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>  audit list --db URL --from T --to T [--station ID] [--action PATTERN] [--project FILE]
                                           the audit rows, oldest first
  audit verify --db URL [--project FILE]   checks the audit chain and the alarm journal
                                           against it: exit 0 intact, 1 broken (the first
                                           broken link shown), 2 cannot check
</source>
        <translation>  audit list --db URL --from T --to T [--station ID] [--action PATTERN] [--project FILE]
                                           列出审计记录，按时间先后
  audit verify --db URL [--project FILE]   校验审计链，并据其校验报警记录表：
                                           退出码 0 完好，1 已损坏（显示第一处
                                           断链），2 无法校验
</translation>
    </message>
    <message>
        <source>Checks the tamper-evident audit trail: every audit row&apos;s hash against its content and the row before it, the chain&apos;s head against its last row, and every alarm journal row against its audit rows. Prints a one-line summary (exit 0) or the first broken link (exit 1); exit 2 when the database cannot be checked.</source>
        <translation>校验防篡改的审计日志：核对每条审计记录的哈希与其内容及前一条记录是否相符、审计链链头与最后一条记录是否相符，以及每条报警记录与其审计记录是否相符。输出一行摘要（退出码 0）或第一处断链（退出码 1）；无法校验数据库时退出码为 2。</translation>
    </message>
    <message>
        <source>audit chain intact: %1 rows checked up to seq %2 (head %3), %4 written before the chain began; %5 alarm journal rows checked, %6 older than the chain</source>
        <translation>审计链完好：已校验 %1 条记录，至序号 %2（链头 %3），另有 %4 条写于审计链建立之前；已校验 %5 条报警记录，另有 %6 条早于审计链</translation>
    </message>
    <message>
        <source>audit chain BROKEN: %1</source>
        <translation>审计链已损坏：%1</translation>
    </message>
    <message>
        <source>(%1 rows before it verified)</source>
        <translation>（其前 %1 条记录校验通过）</translation>
    </message>
    <message>
        <source>cannot verify the audit chain of %1: %2</source>
        <translation>无法校验 %1 的审计链：%2</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Cli::BackupCommands</name>
    <message>
        <source>  db backup --db URL --to FILE             a consistent copy while the servers write
  db restore --db URL --from FILE          replace the database by a backup (stop the servers first)
</source>
        <translation>  db backup --db URL --to FILE             在服务器写入期间生成一致的副本
  db restore --db URL --from FILE          用备份替换数据库（请先停止服务器）
</translation>
    </message>
    <message>
        <source>unknown command &apos;db %1&apos;; commands:
</source>
        <translation>未知命令“db %1”；可用命令：
</translation>
    </message>
    <message>
        <source>Copies the history database (history, alarm journal, audit trail) to FILE while the workstations and servers go on writing. SQLite: SQLite&apos;s online backup, then PRAGMA integrity_check on the copy. PostgreSQL: pg_dump -Fc.</source>
        <translation>在工作站和服务器继续写入的同时，将历史数据库（历史数据、报警记录、审计日志）复制到指定文件。SQLite：使用 SQLite 在线备份，然后对副本执行 PRAGMA integrity_check。PostgreSQL：pg_dump -Fc。</translation>
    </message>
    <message>
        <source>the command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>the backup file to write</source>
        <translation>要写入的备份文件</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>--to must not be the database itself</source>
        <translation>--to 不能是数据库本身</translation>
    </message>
    <message>
        <source>%1 → %2: %3 MB, schema version %4, integrity ok; copied in %5 s, %6 s in all</source>
        <translation>%1 → %2：%3 MB，结构版本 %4，完整性检查通过；复制用时 %5 秒，总计 %6 秒</translation>
    </message>
    <message>
        <source>%1 → %2: %3 MB, %4 tables&apos; data, schema version %5 (pg_dump %6, server %7), %8 s</source>
        <translation>%1 → %2：%3 MB，%4 张表的数据，结构版本 %5（pg_dump %6，服务器 %7），%8 秒</translation>
    </message>
    <message>
        <source>Replaces the history database by a backup made with `db backup`, after checking it. Stop pumpwatch-server and the workstations that use the database first: a database in use is refused. SQLite: the replaced file is kept as &lt;name&gt;.before-restore-&lt;time&gt;. PostgreSQL: pg_restore --clean --if-exists --single-transaction into the database of the URL.</source>
        <translation>先校验备份，再用 `db backup` 生成的备份替换历史数据库。请先停止 pumpwatch-server 及使用该数据库的工作站：正在使用的数据库会被拒绝。SQLite：被替换的文件保留为 &lt;name&gt;.before-restore-&lt;time&gt;。PostgreSQL：以 pg_restore --clean --if-exists --single-transaction 恢复到 URL 所指的数据库。</translation>
    </message>
    <message>
        <source>the backup file</source>
        <translation>备份文件</translation>
    </message>
    <message>
        <source>%1 restored from %2</source>
        <translation>已从 %2 恢复 %1</translation>
    </message>
    <message>
        <source>; the replaced database is kept as %1</source>
        <translation>；被替换的数据库保留为 %1</translation>
    </message>
    <message>
        <source>%1 restored from %2 (%3 tables&apos; data, schema version %4)</source>
        <translation>已从 %2 恢复 %1（%3 张表的数据，结构版本 %4）</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Cli::CliIo</name>
    <message>
        <source>%1: cannot write: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
    <message>
        <source>--from and --to must be local times like 2026-11-21T08:00:00, --from before --to</source>
        <translation>--from 和 --to 必须是本地时间，如 2026-11-21T08:00:00，且 --from 早于 --to</translation>
    </message>
    <message>
        <source>the history database: sqlite:PATH or postgres://user@host:port/database</source>
        <translation>历史数据库：sqlite:路径 或 postgres://用户@主机:端口/数据库</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>the project file</source>
        <translation>工程文件</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>--%1 is required</source>
        <translation>缺少 --%1</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Cli::GraphicsCommands</name>
    <message>
        <source>unknown command &apos;graphics %1&apos;; commands:
</source>
        <translation>未知命令“graphics %1”；可用命令：
</translation>
    </message>
    <message>
        <source>Resolves the process graphic of every station of a project and lists each binding that does not hold: a missing tag, a wrong type, a control on a read-only tag.</source>
        <translation>解析工程中每个站点的工艺流程图，列出每个不成立的绑定：缺少的测点、类型不符、控制指向只读测点。</translation>
    </message>
    <message>
        <source>the command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>the project file</source>
        <translation>工程文件</translation>
    </message>
    <message>
        <source>--project is required</source>
        <translation>必须指定 --project</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n error(s)</source>
        <translation>
            <numerusform>%1：%n 个错误</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the project lists no drawings (&quot;graphics&quot;)</source>
        <translation>%1：工程未列出任何流程图（“graphics”）</translation>
    </message>
    <message>
        <source>%1 %2: no drawing serves this station</source>
        <translation>%1 %2：没有适用于该站点的流程图</translation>
    </message>
    <message>
        <source>%1: overrides for station &apos;%2&apos;, which the project does not have</source>
        <translation>%1：为站点“%2”定义了覆盖，但工程中没有该站点</translation>
    </message>
    <message>
        <source>%1: %2 stations checked against %3 drawings: %4 problems at %5 stations</source>
        <translation>%1：已按 %3 张流程图检查 %2 个站点：%5 个站点共 %4 个问题</translation>
    </message>
    <message>
        <source>Reads a drawing file and writes it back in canonical form (the bytes PumpWatch itself saves), so that hand edits diff cleanly.</source>
        <translation>读取流程图文件并以规范格式写回（与 PumpWatch 自身保存的字节相同），使手工修改的差异清晰可比。</translation>
    </message>
    <message>
        <source>the drawing file</source>
        <translation>流程图文件</translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
    <message>
        <source>  graphics check --project FILE            resolve every station&apos;s drawing, list broken bindings and HP-HMI warnings
  graphics format FILE                     rewrite a drawing file in canonical form
</source>
        <translation>  graphics check --project 文件            解析每个站点的流程图，列出失效的绑定和 HP-HMI 警告
  graphics format 文件                     将流程图文件改写为规范格式
</translation>
    </message>
    <message>
        <source>lint the drawings against this colour theme (%1); default: every built-in one</source>
        <translation>按此配色方案检查流程图（%1）；默认：全部内置配色方案</translation>
    </message>
    <message numerus="yes">
        <source>HP-HMI warnings (ISA-101): %n</source>
        <translation>
            <numerusform>HP-HMI 警告（ISA-101）：%n 条</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PumpWatch::Cli::HistoryCommands</name>
    <message>
        <source>  history export --project FILE --db URL --station ID --quantity Q --from T --to T --step raw|hour|day
                                           history as CSV for Excel
</source>
        <translation>  history export --project 文件 --db 地址 --station 站点 --quantity 量 --from 时间 --to 时间 --step raw|hour|day
                                           导出历史数据为 CSV（可用 Excel 打开）
</translation>
    </message>
    <message>
        <source>unknown command &apos;history %1&apos;; commands:
</source>
        <translation>未知命令 &apos;history %1&apos;；可用命令：
</translation>
    </message>
    <message>
        <source>Writes a station&apos;s stored values as CSV: station, tag, local time, value, unit. Hourly and daily rows hold the time-weighted average (or a counter&apos;s volume) with the period&apos;s minimum and maximum.</source>
        <translation>将站点的历史数据导出为 CSV：站点、测点、本地时间、数值、单位。按小时和按日的行给出时间加权平均值（累计量为该时段用量）以及时段内的最小值和最大值。</translation>
    </message>
    <message>
        <source>the command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>station id or name</source>
        <translation>站点编号或名称</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>a quantity (pressure, flow, totalizer, …) for all its tags, or one tag key</source>
        <translation>物理量（pressure、flow、totalizer 等，导出该量的全部测点），或一个测点键名</translation>
    </message>
    <message>
        <source>Q</source>
        <translation>量</translation>
    </message>
    <message>
        <source>start, local time (2026-11-21T08:00:00)</source>
        <translation>开始时间，本地时间（2026-11-21T08:00:00）</translation>
    </message>
    <message>
        <source>T</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>end (exclusive), local time</source>
        <translation>结束时间（不含），本地时间</translation>
    </message>
    <message>
        <source>raw, hour or day</source>
        <translation>raw（原始）、hour（小时）或 day（日）</translation>
    </message>
    <message>
        <source>STEP</source>
        <translation>步长</translation>
    </message>
    <message>
        <source>csv</source>
        <translation>csv</translation>
    </message>
    <message>
        <source>FORMAT</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>write to FILE instead of stdout</source>
        <translation>写入文件而不是标准输出</translation>
    </message>
    <message>
        <source>--format: only csv is supported</source>
        <translation>--format：目前只支持 csv</translation>
    </message>
    <message>
        <source>--step must be raw, hour or day</source>
        <translation>--step 必须是 raw、hour 或 day</translation>
    </message>
    <message>
        <source>%1: no station &apos;%2&apos;</source>
        <translation>%1：没有站点“%2”</translation>
    </message>
    <message>
        <source>%1: station %2 has no tag of quantity or key &apos;%3&apos;</source>
        <translation>%1：站点 %2 没有物理量或键名为“%3”的测点</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Station,Tag,Time,Value,Unit,Quality</source>
        <translation>站点,测点,时间,数值,单位,质量</translation>
    </message>
    <message>
        <source>Station,Tag,Time,Value,Min,Max,Unit</source>
        <translation>站点,测点,时间,数值,最小值,最大值,单位</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Cli::Main</name>
    <message>
        <source>usage: pumpwatch-cli GROUP COMMAND [options]   (COMMAND --help for its options)

</source>
        <translation>用法：pumpwatch-cli 分组 命令 [选项]   （命令 --help 查看其选项）

</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Cli::PeriodQuery</name>
    <message>
        <source>the history database: sqlite:PATH or postgres://user@host:port/database</source>
        <translation>历史数据库：sqlite:路径 或 postgres://用户@主机:端口/数据库</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>start, local time (2026-11-21T08:00:00)</source>
        <translation>开始时间，本地时间（2026-11-21T08:00:00）</translation>
    </message>
    <message>
        <source>T</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>end (exclusive), local time</source>
        <translation>结束时间（不含），本地时间</translation>
    </message>
    <message>
        <source>only this station (id, or name with --project)</source>
        <translation>只列此站点（编号，或配合 --project 用站名）</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>the project: its time zone (default: this computer&apos;s)</source>
        <translation>工程文件：使用其时区（默认本机时区）</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>--db is required</source>
        <translation>必须指定 --db</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Cli::PgBackup</name>
    <message>
        <source>%1 is not installed: install the Debian package postgresql-client</source>
        <translation>未安装 %1：请安装 Debian 软件包 postgresql-client</translation>
    </message>
    <message>
        <source>%1 cannot be started: %2</source>
        <translation>无法启动 %1：%2</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <source>%1 is not a readable pg_dump archive (-Fc): %2</source>
        <translation>%1 不是可读取的 pg_dump 归档（-Fc）：%2</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 holds no PumpWatch history (no schema_version rows)</source>
        <translation>%1 中没有 PumpWatch 历史数据（schema_version 无记录）</translation>
    </message>
    <message>
        <source>%1 is version %2, older than the server&apos;s PostgreSQL %3, and cannot dump it: install postgresql-client-%3 (apt.postgresql.org) or set PUMPWATCH_PG_BIN to its bin folder</source>
        <translation>%1 的版本为 %2，低于服务器的 PostgreSQL %3，无法转储：请安装 postgresql-client-%3（apt.postgresql.org），或将 PUMPWATCH_PG_BIN 设为其 bin 目录</translation>
    </message>
    <message>
        <source>%1 cannot be written</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>%1 has schema version %2, written by a newer PumpWatch (this one knows up to %3)</source>
        <translation>%1 的结构版本为 %2，由更新版本的 PumpWatch 写入（本程序最高支持 %3）</translation>
    </message>
    <message numerus="yes">
        <source>%1 is in use by %n other session(s) (%2): stop the pumpwatch-server and workstations that use it first. Nothing was changed.</source>
        <translation>
            <numerusform>%1 正被其他 %n 个会话使用（%2）：请先停止使用它的 pumpwatch-server 和工作站。未做任何更改。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 not restored from %2 (the database is as it was): %3</source>
        <translation>未能从 %2 恢复 %1（数据库保持原样）：%3</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Cli::ProjectCommands</name>
    <message>
        <source>%1: cannot write: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
    <message>
        <source>  project validate FILE                    check a project file, list every problem
  project import-csv CSV --template ID     import a PLC address table into a template
  project generate --stations N            write a simulated city&apos;s project
</source>
        <translation>  project validate 文件                    检查工程文件，列出所有问题
  project import-csv CSV --template 编号   将 PLC 地址表导入为站点模板
  project generate --stations N            生成模拟城市的工程文件
</translation>
    </message>
    <message>
        <source>unknown command &apos;project %1&apos;; commands:
</source>
        <translation>未知命令 &apos;project %1&apos;；可用命令：
</translation>
    </message>
    <message>
        <source>Checks a project file and lists every problem in it.</source>
        <translation>检查工程文件并列出其中的所有问题。</translation>
    </message>
    <message>
        <source>the command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>the project file</source>
        <translation>工程文件</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n error(s)</source>
        <translation>
            <numerusform>%1：%n 个错误</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: valid — %2 stations, %3 devices, %4 tags, %5 templates</source>
        <translation>%1：有效 — %2 个站点，%3 台设备，%4 个测点，%5 个模板</translation>
    </message>
    <message>
        <source>Imports a PLC address table (CSV from Excel, UTF-8 or GBK) into a station template. Without --project the template is printed as JSON.</source>
        <translation>将 PLC 地址表（Excel 导出的 CSV，UTF-8 或 GBK 编码）导入为站点模板。未指定 --project 时以 JSON 输出模板。</translation>
    </message>
    <message>
        <source>the address table</source>
        <translation>地址表</translation>
    </message>
    <message>
        <source>id of the template</source>
        <translation>模板编号</translation>
    </message>
    <message>
        <source>name of the template (default: the file name)</source>
        <translation>模板名称（默认：文件名）</translation>
    </message>
    <message>
        <source>auto, utf-8 or gbk (default: auto)</source>
        <translation>auto、utf-8 或 gbk（默认：auto）</translation>
    </message>
    <message>
        <source>V byte mapped to 40001 (default: the lowest V address)</source>
        <translation>映射到 40001 的 V 字节（默认：最小的 V 地址）</translation>
    </message>
    <message>
        <source>add or replace the template in this project file</source>
        <translation>在此工程文件中添加或替换该模板</translation>
    </message>
    <message>
        <source>write the project here instead of back to --project</source>
        <translation>将工程写到此处，而不是写回 --project</translation>
    </message>
    <message>
        <source>--template ID is required</source>
        <translation>必须指定 --template 编号</translation>
    </message>
    <message>
        <source>--encoding must be auto, utf-8 or gbk</source>
        <translation>--encoding 必须为 auto、utf-8 或 gbk</translation>
    </message>
    <message>
        <source>--hold-start must be a V byte number</source>
        <translation>--hold-start 必须是 V 字节编号</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n error(s), nothing imported</source>
        <translation>
            <numerusform>%1：%n 个错误，未导入任何内容</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: fix the project before importing into it</source>
        <translation>%1：请先修正工程文件再导入</translation>
    </message>
    <message>
        <source>%1: template &apos;%2&apos; with %3 tags (%4) written to %5</source>
        <translation>%1：模板 &apos;%2&apos;（%3 个测点，%4）已写入 %5</translation>
    </message>
    <message>
        <source>Writes the project of a simulated city of pump houses around Zunyi.</source>
        <translation>生成遵义周边模拟泵房城市的工程文件。</translation>
    </message>
    <message>
        <source>number of stations (default 60)</source>
        <translation>站点数量（默认 60）</translation>
    </message>
    <message>
        <source>random seed (default 1)</source>
        <translation>随机种子（默认 1）</translation>
    </message>
    <message>
        <source>address of the simulated PLCs (default 127.0.0.1)</source>
        <translation>模拟 PLC 的地址（默认 127.0.0.1）</translation>
    </message>
    <message>
        <source>the first PLC listens on this port + 1 (default 15000)</source>
        <translation>第一台 PLC 监听此端口 + 1（默认 15000）</translation>
    </message>
    <message>
        <source>file to write (default: standard output)</source>
        <translation>输出文件（默认：标准输出）</translation>
    </message>
    <message>
        <source>--stations must be a number from 1 to 100000</source>
        <translation>--stations 必须是 1 到 100000 之间的数字</translation>
    </message>
    <message>
        <source>--seed and --base-port must be numbers</source>
        <translation>--seed 和 --base-port 必须是数字</translation>
    </message>
    <message>
        <source>%1 devices do not fit above port %2</source>
        <translation>端口 %2 以上放不下 %1 台设备</translation>
    </message>
    <message>
        <source>%1: not written, the project would have errors</source>
        <translation>%1：未写入，工程将会出错</translation>
    </message>
    <message>
        <source>also write the city&apos;s offline base map (district outlines, main roads, the river) into map/ beside the output file, and show it in the project</source>
        <translation>同时把城市的离线底图（行政区轮廓、主干道、河流）写到输出文件旁的 map/ 目录，并在工程中显示</translation>
    </message>
    <message>
        <source>--map needs --output: the map files go beside the project</source>
        <translation>--map 需要 --output：底图文件写在工程文件旁边</translation>
    </message>
    <message>
        <source>cannot write the base map: %1</source>
        <translation>无法写入底图：%1</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>the last N stations are EMQ Neuron gateways&apos; (default 0)</source>
        <translation>最后 N 个站点由 EMQ Neuron 网关接入（默认 0）</translation>
    </message>
    <message>
        <source>the M stations before those are Sparkplug B edge nodes (default 0)</source>
        <translation>其前 M 个站点为 Sparkplug B 边缘节点（默认 0）</translation>
    </message>
    <message>
        <source>the gateways&apos; MQTT broker (default 127.0.0.1:1883)</source>
        <translation>网关的 MQTT 代理（默认 127.0.0.1:1883）</translation>
    </message>
    <message>
        <source>--neuron-stations and --sparkplug-stations take numbers, --broker HOST:PORT</source>
        <translation>--neuron-stations 和 --sparkplug-stations 需要数字，--broker 需要 主机:端口</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Cli::QueryCommands</name>
    <message>
        <source>the file to write: .xlsx or .csv (default: CSV to stdout)</source>
        <translation>要写入的文件：.xlsx 或 .csv（默认：CSV 输出到标准输出）</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>xlsx or csv (default: the file&apos;s extension)</source>
        <translation>xlsx 或 csv（默认：按文件扩展名）</translation>
    </message>
    <message>
        <source>FORMAT</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>station ids, comma-separated (default: all)</source>
        <translation>站点编号，以逗号分隔（默认：全部）</translation>
    </message>
    <message>
        <source>IDS</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>an .xlsx needs a file: give -o FILE</source>
        <translation>.xlsx 需要写入文件：请给出 -o 文件</translation>
    </message>
    <message>
        <source>--format must be xlsx or csv, not &apos;%1&apos;</source>
        <translation>--format 须为 xlsx 或 csv，而不是“%1”</translation>
    </message>
    <message>
        <source>start, local time (2026-11-21T08:00:00)</source>
        <translation>开始时间，本地时间（2026-11-21T08:00:00）</translation>
    </message>
    <message>
        <source>T</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>end (exclusive), local time</source>
        <translation>结束时间（不含），本地时间</translation>
    </message>
    <message>
        <source>auto, raw, 15min, hour or day (default auto)</source>
        <translation>auto、raw、15min、hour 或 day（默认 auto）</translation>
    </message>
    <message>
        <source>STEP</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>综合查询: tags over a period at a resolution, with each series&apos; minimum and maximum and their times, time-weighted average, a counter&apos;s total, sample count and coverage.</source>
        <translation>综合查询：若干变量在一段时间内按所选分辨率的数据，以及每条曲线的最小值、最大值及其时间、时间加权平均值、计数器累计量、样本数和数据覆盖率。</translation>
    </message>
    <message>
        <source>the command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>tag paths, comma-separated (S0001/low/outlet_pressure)</source>
        <translation>变量路径，以逗号分隔（S0001/low/outlet_pressure）</translation>
    </message>
    <message>
        <source>PATHS</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>%1: no tag &apos;%2&apos;</source>
        <translation>%1：没有变量“%2”</translation>
    </message>
    <message>
        <source>对比查询: one template tag at several stations over a period, with the statistics of each and a ranking (an .xlsx has the ranking and the data as two sheets).</source>
        <translation>对比查询：同一模板变量在多个站点一段时间内的数据、各站统计值和排名（.xlsx 中排名和数据为两个工作表）。</translation>
    </message>
    <message>
        <source>the template tag key (outlet_pressure)</source>
        <translation>模板变量键（outlet_pressure）</translation>
    </message>
    <message>
        <source>KEY</source>
        <translation>键</translation>
    </message>
    <message>
        <source>avg, max, min, total or coverage (default avg)</source>
        <translation>avg、max、min、total 或 coverage（默认 avg）</translation>
    </message>
    <message>
        <source>BY</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>the smallest first</source>
        <translation>从小到大排列</translation>
    </message>
    <message>
        <source>--rank must be avg, max, min, total or coverage</source>
        <translation>--rank 须为 avg、max、min、total 或 coverage</translation>
    </message>
    <message>
        <source>同比/环比: a day, month or year against the one before and the same one last year, per station and in total over the stations with data in both (可比口径); a period still running is compared over the same elapsed time.</source>
        <translation>同比/环比：某日、某月或某年与上一期及去年同期对比，按站点列出，合计只计两期都有数据的站点（可比口径）；尚未结束的时段按相同的已过时长对比。</translation>
    </message>
    <message>
        <source>volume, energy, kwh-per-m3 or tag (with --key); default volume</source>
        <translation>volume、energy、kwh-per-m3 或 tag（配合 --key）；默认 volume</translation>
    </message>
    <message>
        <source>M</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>--measure tag: the template tag key</source>
        <translation>--measure tag 时：模板变量键</translation>
    </message>
    <message>
        <source>a production day (2026-12-01), a month (2026-12) or a year (2026)</source>
        <translation>一个生产日（2026-12-01）、一个月（2026-12）或一年（2026）</translation>
    </message>
    <message>
        <source>P</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>as of this local time (default: now)</source>
        <translation>以此本地时间为准（默认：现在）</translation>
    </message>
    <message>
        <source>--measure must be volume, energy, kwh-per-m3 or tag with --key</source>
        <translation>--measure 须为 volume、energy、kwh-per-m3，或 tag 并配合 --key</translation>
    </message>
    <message>
        <source>--period: %1</source>
        <translation>--period：%1</translation>
    </message>
    <message>
        <source>  query history --project FILE --db URL --tags PATHS --from T --to T [--step auto|raw|15min|hour|day] [-o FILE.xlsx|.csv]
                                           综合查询: curves&apos; rows and statistics
  query compare --project FILE --db URL --key KEY [--stations IDS] --from T --to T [--rank avg|max|min|total|coverage] [-o FILE]
                                           对比查询: one quantity at N stations, ranked
  query yoy --project FILE --db URL --period P [--measure volume|energy|kwh-per-m3|tag --key KEY] [--now T] [-o FILE]
                                           同比/环比 with 可比口径
</source>
        <translation>  query history --project 文件 --db URL --tags 路径 --from 时间 --to 时间 [--step auto|raw|15min|hour|day] [-o 文件.xlsx|.csv]
                                           综合查询：曲线数据与统计
  query compare --project 文件 --db URL --key 键 [--stations 编号] --from 时间 --to 时间 [--rank avg|max|min|total|coverage] [-o 文件]
                                           对比查询：同一指标在多个站点的对比与排名
  query yoy --project 文件 --db URL --period 时段 [--measure volume|energy|kwh-per-m3|tag --key 键] [--now 时间] [-o 文件]
                                           同比/环比（可比口径）
</translation>
    </message>
    <message>
        <source>unknown command &apos;query %1&apos;; commands:
</source>
        <translation>未知命令“query %1”；可用命令：
</translation>
    </message>
    <message>
        <source>--step must be auto, raw, 15min, hour or day</source>
        <translation>--step 须为 auto、raw、15min、hour 或 day</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Cli::ReportCommands</name>
    <message>
        <source>unknown command &apos;report %1&apos;; commands:
</source>
        <translation>未知命令“report %1”；可用命令：
</translation>
    </message>
    <message>
        <source>the command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>REPORT</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>a production day (2026-12-01), a month (2026-12) or a year (2026)</source>
        <translation>生产日（2026-12-01）、月（2026-12）或年（2026）</translation>
    </message>
    <message>
        <source>P</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>daily: the template tag key (default outlet_pressure)</source>
        <translation>综合日报：模板标签键（默认 outlet_pressure）</translation>
    </message>
    <message>
        <source>KEY</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>xlsx, pdf, odt or csv (default: the file&apos;s extension)</source>
        <translation>xlsx、pdf、odt 或 csv（默认取文件扩展名）</translation>
    </message>
    <message>
        <source>FORMAT</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>the file to write</source>
        <translation>要写入的文件</translation>
    </message>
    <message>
        <source>who prepares it (制表人); empty: a line to sign on</source>
        <translation>制表人；不填则留签字线</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>--period: %1</source>
        <translation>--period：%1</translation>
    </message>
    <message>
        <source>--period %1: the daily report is of one production day, like 2026-12-01</source>
        <translation>--period %1：综合日报针对一个生产日，例如 2026-12-01</translation>
    </message>
    <message>
        <source>--tag is for the daily report only</source>
        <translation>--tag 仅用于综合日报</translation>
    </message>
    <message>
        <source>--format must be xlsx, pdf, odt or csv, not &apos;%1&apos;</source>
        <translation>--format 须为 xlsx、pdf、odt 或 csv，而不是“%1”</translation>
    </message>
    <message>
        <source>%1: give --format xlsx, pdf, odt or csv, or a file name ending in one of them</source>
        <translation>%1：请指定 --format xlsx、pdf、odt 或 csv，或使用以其之一结尾的文件名</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1, %2 report of %3: %4</source>
        <translation>%1，%3 的 %2 报表：%4</translation>
    </message>
    <message>
        <source>%1: %2, %3</source>
        <translation>%1：%2，%3</translation>
    </message>
    <message>
        <source>Lists the runs of the scheduled reports, newest first, tab-separated: schedule, period, due, run, status (draft, final, failed), detail; times in the time zone of --project, else this computer&apos;s.</source>
        <translation>列出定时报表的运行记录，最新的在前，以制表符分隔：计划、期间、应出时间、运行时间、状态（draft 草稿、final 正式、failed 失败）、说明；时间按 --project 的时区，未指定则按本机时区。</translation>
    </message>
    <message>
        <source>only this schedule: production-day, production-month, daily-TAG</source>
        <translation>只列此计划：production-day、production-month、daily-标签</translation>
    </message>
    <message>
        <source>at most N runs (200)</source>
        <translation>最多 N 条（200）</translation>
    </message>
    <message>
        <source>N</source>
        <translation>N</translation>
    </message>
    <message>
        <source>the project: its time zone (default: this computer&apos;s)</source>
        <translation>工程：取其时区（默认本机时区）</translation>
    </message>
    <message>
        <source>--db is required</source>
        <translation>必须指定 --db</translation>
    </message>
    <message>
        <source>--limit must be a positive number</source>
        <translation>--limit 须为正数</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应出时间</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Renders a report from the history database into a file: the daily comprehensive report (综合日报) of one tag for a production day, the water production report (产水量报表) or the energy report (能耗报表) of a day, a month or a year, as the workstation shows it.</source>
        <translation>从历史数据库生成报表文件：某一生产日某一测点的综合日报，或某日、某月、某年的产水量报表或能耗报表，与工作站显示的一致。</translation>
    </message>
    <message>
        <source>daily, production or energy</source>
        <translation>daily、production 或 energy</translation>
    </message>
    <message>
        <source>--report must be daily, production or energy, not &apos;%1&apos;</source>
        <translation>--report 须为 daily、production 或 energy，而不是“%1”</translation>
    </message>
    <message>
        <source>  report render --project FILE --db URL --report daily|production|energy --period P [--tag KEY] [--format xlsx|pdf|odt|csv] -o FILE [--user NAME]
                                           a report from history into a file (P: 2026-12-01, 2026-12 or 2026)
  report runs --db URL [--schedule NAME] [--project FILE]
                                           the scheduled reports&apos; run log, newest first
  report replace-meter --project FILE --db URL --tag PATH --at TIME --old X --new Y --user NAME [--reason TEXT]
                                           enter a meter replacement
</source>
        <translation>  report render --project 文件 --db 地址 --report daily|production|energy --period 期间 [--tag 标签] [--format xlsx|pdf|odt|csv] -o 文件 [--user 姓名]
                                           从历史数据生成报表文件（期间：2026-12-01、2026-12 或 2026）
  report runs --db 地址 [--schedule 名称] [--project 文件]
                                           定时报表的运行记录，最新的在前
  report replace-meter --project 文件 --db 地址 --tag 路径 --at 时间 --old 旧读数 --new 新读数 --user 姓名 [--reason 原因]
                                           录入换表
</translation>
    </message>
    <message>
        <source>Enters a meter replacement: the old meter&apos;s final reading and the new one&apos;s first, at the time it was replaced. Reports then count the volume across it instead of taking the drop for a reset. Audited; the CLI&apos;s user is the operating system&apos;s account.</source>
        <translation>录入一次换表：旧表的末读数和新表的初读数，以及换表时间。报表据此计算换表前后的水量，而不把读数下降当作计数器归零。此操作记入审计；命令行的用户为操作系统账户。</translation>
    </message>
    <message>
        <source>the meter: station/device/key or station/key</source>
        <translation>计量表：站/设备/键 或 站/键</translation>
    </message>
    <message>
        <source>PATH</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>when it was replaced, local time (2026-12-01T14:00)</source>
        <translation>换表时间，本地时间（2026-12-01T14:00）</translation>
    </message>
    <message>
        <source>TIME</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>the old meter&apos;s final reading</source>
        <translation>旧表末读数</translation>
    </message>
    <message>
        <source>VALUE</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>the new meter&apos;s first reading</source>
        <translation>新表初读数</translation>
    </message>
    <message>
        <source>who enters it</source>
        <translation>录入人</translation>
    </message>
    <message>
        <source>why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>--old and --new must be numbers</source>
        <translation>--old 和 --new 须为数字</translation>
    </message>
    <message>
        <source>%1: no meter &apos;%2&apos; (a totalizer or an energy meter)</source>
        <translation>%1：没有计量表“%2”（累积流量计或电能表）</translation>
    </message>
    <message>
        <source>--at must be a local time like 2026-12-01T14:00:00</source>
        <translation>--at 须为本地时间，如 2026-12-01T14:00:00</translation>
    </message>
    <message>
        <source>%1: meter replaced at %2 (old %3, new %4), entered by %5</source>
        <translation>%1：已录入 %2 换表（旧表 %3，新表 %4），录入人 %5</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Cli::ShareCommands</name>
    <message>
        <source>  share setup --db URL --project FILE --reader NAME --password-file FILE
                                           the read-only views pumpwatch_v1 and their reader role (PostgreSQL)
  token add --db URL --name NAME --scope SCOPE,...
                                           a token for the HTTP API, printed once
  token list --db URL                      the API tokens (never the tokens themselves)
  token revoke --db URL --name NAME        revokes a token
  api log --db URL [--since T] [--project FILE]
                                           the HTTP API&apos;s calls, oldest first
</source>
        <translation>  share setup --db URL --project FILE --reader NAME --password-file FILE
                                           只读视图 pumpwatch_v1 及其读取角色（PostgreSQL）
  token add --db URL --name NAME --scope SCOPE,...
                                           为 HTTP API 生成令牌，仅显示一次
  token list --db URL                      列出 API 令牌（从不显示令牌本身）
  token revoke --db URL --name NAME        吊销令牌
  api log --db URL [--since T] [--project FILE]
                                           HTTP API 的调用记录，按时间先后
</translation>
    </message>
    <message>
        <source>unknown command &apos;%1 %2&apos;; commands:
</source>
        <translation>未知命令“%1 %2”；可用命令：
</translation>
    </message>
    <message>
        <source>Creates or updates the read-only views of schema pumpwatch_v1, writes the project&apos;s stations and tags for them, and creates the LOGIN role NAME (or sets its password) with SELECT on those views and nothing else. PostgreSQL only; run it as the database&apos;s owner. Run it again after an upgrade or to change the password.</source>
        <translation>创建或更新模式 pumpwatch_v1 的只读视图，写入视图所需的工程站点和测点，并创建可登录角色 NAME（或设置其密码），只授予这些视图的 SELECT 权限，别无其他。仅限 PostgreSQL；请以数据库所有者身份运行。升级后或修改密码时再次运行即可。</translation>
    </message>
    <message>
        <source>the command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>the reader role&apos;s name, e.g. city_platform</source>
        <translation>读取角色的名称，例如 city_platform</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>a file whose first line is the reader&apos;s password (not on the command line, where other users of the computer could see it)</source>
        <translation>第一行为读取角色密码的文件（不写在命令行上，以免本机其他用户看到）</translation>
    </message>
    <message>
        <source>FILE</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>the role %1 reads the views of schema %2 in %3</source>
        <translation>角色 %1 可读取 %3 中模式 %2 的视图</translation>
    </message>
    <message>
        <source>Makes a token for the HTTP API and prints it. It is shown this once: the database keeps only its SHA-256. Scopes: %1.</source>
        <translation>为 HTTP API 生成令牌并输出。令牌只显示这一次：数据库只保存其 SHA-256。权限范围：%1。</translation>
    </message>
    <message>
        <source>who the token is for, e.g. city-platform</source>
        <translation>令牌的使用方，例如 city-platform</translation>
    </message>
    <message>
        <source>what it may read, comma-separated</source>
        <translation>允许读取的范围，以逗号分隔</translation>
    </message>
    <message>
        <source>SCOPES</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>the token for %1 (shown once; keep it secret):</source>
        <translation>%1 的令牌（仅显示一次，请妥善保密）：</translation>
    </message>
    <message>
        <source>Lists the API tokens, tab-separated: name, scopes, created, created by, revoked.</source>
        <translation>列出 API 令牌，以制表符分隔：名称、范围、创建时间、创建人、吊销时间。</translation>
    </message>
    <message>
        <source>Revokes an API token: calls with it are refused (401) from now on. The token&apos;s row and name stay, so the call log still says whose calls they were.</source>
        <translation>吊销 API 令牌：此后使用该令牌的调用一律拒绝（401）。令牌的记录和名称保留，调用记录仍能说明调用者是谁。</translation>
    </message>
    <message>
        <source>the token&apos;s name</source>
        <translation>令牌名称</translation>
    </message>
    <message>
        <source>token %1 revoked</source>
        <translation>令牌 %1 已吊销</translation>
    </message>
    <message>
        <source>Lists the HTTP API&apos;s calls, oldest first, tab-separated: time, token, remote address, method, path, status, rows, milliseconds; times in the time zone of --project, else this computer&apos;s.</source>
        <translation>列出 HTTP API 的调用记录，按时间先后，以制表符分隔：时间、令牌、远端地址、方法、路径、状态、行数、毫秒；时间按 --project 的时区，未指定时按本机时区。</translation>
    </message>
    <message>
        <source>calls from this time on (default: the last 24 hours)</source>
        <translation>从此时间起的调用（默认：最近 24 小时）</translation>
    </message>
    <message>
        <source>T</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>--since: &apos;%1&apos; is not a time</source>
        <translation>--since：“%1”不是时间</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Cli::SqliteBackup</name>
    <message>
        <source>%1: no such file</source>
        <translation>%1：文件不存在</translation>
    </message>
    <message>
        <source>%1 is damaged, not a sound database: %2</source>
        <translation>%1 已损坏，不是完好的数据库：%2</translation>
    </message>
    <message>
        <source>%1 is not a PumpWatch history database (no schema_version: %2)</source>
        <translation>%1 不是 PumpWatch 历史数据库（无 schema_version：%2）</translation>
    </message>
    <message>
        <source>%1 has schema version %2, written by a newer PumpWatch (this one knows up to %3)</source>
        <translation>%1 的结构版本为 %2，由更新版本的 PumpWatch 写入（本程序最高支持 %3）</translation>
    </message>
    <message>
        <source>%1: no such database file</source>
        <translation>%1：数据库文件不存在</translation>
    </message>
    <message>
        <source>%1 cannot be copied: %2</source>
        <translation>无法复制 %1：%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 cannot be written</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>%1 cannot be copied to %2: %3</source>
        <translation>无法将 %1 复制到 %2：%3</translation>
    </message>
    <message>
        <source>%1 is in use (%2): stop the workstation and pumpwatch-server that write it first. Nothing was changed.</source>
        <translation>%1 正在使用中（%2）：请先停止写入它的工作站和 pumpwatch-server。未做任何更改。</translation>
    </message>
    <message>
        <source>%1: %2. Nothing was changed.</source>
        <translation>%1：%2。未做任何更改。</translation>
    </message>
    <message>
        <source>%1 cannot be kept as %2. Nothing was changed.</source>
        <translation>无法将 %1 保留为 %2。未做任何更改。</translation>
    </message>
    <message>
        <source>%1 cannot be renamed to %2</source>
        <translation>无法将 %1 重命名为 %2</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Cli::UserCommands</name>
    <message>
        <source>%1: the audit row could not be written: %2</source>
        <translation>%1：审计记录无法写入：%2</translation>
    </message>
    <message>
        <source>  user add LOGIN --role ROLE [--name NAME] [--department TEXT] [--must-change]
  user list | reset-password LOGIN | unlock LOGIN | disable LOGIN | enable LOGIN
                      [--data DIR | --users FILE] [--db URL] [--password-file F]
                                           the workstation&apos;s accounts
</source>
        <translation>  user add LOGIN --role ROLE [--name NAME] [--department TEXT] [--must-change]
  user list | reset-password LOGIN | unlock LOGIN | disable LOGIN | enable LOGIN
                      [--data DIR | --users FILE] [--db URL] [--password-file F]
                                           工作站的用户账户
</translation>
    </message>
    <message>
        <source>unknown command &apos;user %1&apos;; commands:
</source>
        <translation>未知命令“user %1”；可用命令：
</translation>
    </message>
    <message>
        <source>Manages the accounts of the workstation whose data folder is --data (default: %1, the workstation&apos;s for this account). Passwords are read from the first line of --password-file or of stdin. Every change is audited in --db (default: the history.sqlite of the data folder).</source>
        <translation>管理数据文件夹为 --data（默认：%1，即本账户下工作站的数据文件夹）的工作站的用户账户。密码从 --password-file 或标准输入的第一行读取。每次修改都审计记录到 --db（默认：数据文件夹中的 history.sqlite）。</translation>
    </message>
    <message>
        <source>the command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>the workstation&apos;s data folder</source>
        <translation>工作站的数据文件夹</translation>
    </message>
    <message>
        <source>the users file itself</source>
        <translation>用户文件本身</translation>
    </message>
    <message>
        <source>viewer, operator, engineer or administrator</source>
        <translation>viewer（只读用户）、operator（操作员）、engineer（工程师）或 administrator（管理员）</translation>
    </message>
    <message>
        <source>the full name shown (张三)</source>
        <translation>显示的姓名（张三）</translation>
    </message>
    <message>
        <source>unit and department</source>
        <translation>所在单位及科室</translation>
    </message>
    <message>
        <source>the user changes the password at the first login</source>
        <translation>用户首次登录时须修改密码</translation>
    </message>
    <message>
        <source>read the password from FILE&apos;s first line</source>
        <translation>从 FILE 的第一行读取密码</translation>
    </message>
    <message>
        <source>no password: give it on the first line of --password-file or of stdin</source>
        <translation>没有密码：请在 --password-file 或标准输入的第一行给出</translation>
    </message>
    <message>
        <source>--role %1: one of viewer, operator, engineer, administrator</source>
        <translation>--role %1：应为 viewer、operator、engineer、administrator 之一</translation>
    </message>
    <message>
        <source>%1: cannot create the data folder</source>
        <translation>%1：无法创建数据文件夹</translation>
    </message>
    <message>
        <source>%1: %2 done (%3)</source>
        <translation>%1：%2 已完成（%3）</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Cli::VersionCommands</name>
    <message>
        <source>a drawing file instead of the project file</source>
        <translation>画面文件（代替工程文件）</translation>
    </message>
    <message>
        <source>give --project FILE or --drawing FILE</source>
        <translation>请指定 --project FILE 或 --drawing FILE</translation>
    </message>
    <message>
        <source>  project versions --project FILE          the versions kept of a project file (or --drawing FILE)
  project restore --project FILE --version ID
                                           bring a version back (the current one is kept)
</source>
        <translation>  project versions --project FILE          工程文件保留的各个版本（或 --drawing FILE）
  project restore --project FILE --version ID
                                           恢复某个版本（当前版本会被保留）
</translation>
    </message>
    <message>
        <source>Lists the versions every save keeps of a project or drawing file, oldest first: the id (the UTC time the content was replaced), when that content had been written (local time) and its size.</source>
        <translation>列出每次保存时为工程或画面文件保留的版本，按时间先后：标识（该内容被替换时的 UTC 时间）、该内容的写入时间（本地时间）及其大小。</translation>
    </message>
    <message>
        <source>the command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>from now on keep N versions of the files in this folder (default 20, 0: none)</source>
        <translation>此后为该文件夹中的文件保留 N 个版本（默认 20，0 表示不保留）</translation>
    </message>
    <message>
        <source>--keep must be a number from 0 to 1000</source>
        <translation>--keep 必须是 0 到 1000 之间的数字</translation>
    </message>
    <message>
        <source>%1: no versions kept (in %2)</source>
        <translation>%1：未保留任何版本（在 %2 中）</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n version(s) in %2, the newest %3 kept</source>
        <translation>
            <numerusform>%1：%2 中有 %n 个版本，保留最新的 %3 个</numerusform>
        </translation>
    </message>
    <message>
        <source>ID                    replaced (local)         written (local)          bytes</source>
        <translation>ID                    替换时间（本地）         写入时间（本地）         字节</translation>
    </message>
    <message>
        <source>Brings a kept version of a project or drawing file back. The version is read as the workstation would first: a broken one is refused. The content it replaces is kept as a version, so a restore can be undone with another. Stop the workstations editing the project first, or they may save over it.</source>
        <translation>恢复工程或画面文件的某个保留版本。恢复前先按工作站的方式读取该版本：已损坏的版本会被拒绝。被替换的内容会保留为一个版本，因此可以再做一次恢复来撤销。请先停止正在编辑该工程的工作站，否则它们可能保存并覆盖恢复的内容。</translation>
    </message>
    <message>
        <source>the version&apos;s id, as `project versions` lists it</source>
        <translation>版本标识，即 `project versions` 所列的标识</translation>
    </message>
    <message>
        <source>%1: no version &apos;%2&apos; in %3 (`pumpwatch-cli project versions` lists them)</source>
        <translation>%1：%3 中没有版本“%2”（可用 `pumpwatch-cli project versions` 列出）</translation>
    </message>
    <message>
        <source>%1: cannot read: %2</source>
        <translation>%1：无法读取：%2</translation>
    </message>
    <message>
        <source>%1: version %2 (%3) is broken, not restored; %1 is unchanged</source>
        <translation>%1：版本 %2（%3）已损坏，未恢复；%1 未改变</translation>
    </message>
    <message>
        <source>%1: not restored: %2</source>
        <translation>%1：未恢复：%2</translation>
    </message>
    <message>
        <source>%1: version %2 restored</source>
        <translation>%1：已恢复版本 %2</translation>
    </message>
    <message>
        <source>; the content it replaced is version %1</source>
        <translation>；被替换的内容保留为版本 %1</translation>
    </message>
    <message>
        <source>; it was the current content already</source>
        <translation>；该版本已是当前内容</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Control::ControlService</name>
    <message>
        <source>%1: no value has been received yet</source>
        <translation>%1：尚未收到任何数据</translation>
    </message>
    <message>
        <source>%1: the last good value is from %2</source>
        <translation>%1：最后有效数据时间 %2</translation>
    </message>
    <message>
        <source>interlock %1: %2 has no good value</source>
        <translation>联锁“%1”：%2 无有效数据</translation>
    </message>
    <message>
        <source>interlock: %1 (%2 %3)</source>
        <translation>联锁：%1（%2 %3）</translation>
    </message>
    <message>
        <source>%1 is not a control of this station</source>
        <translation>%1 不是本站的控制对象</translation>
    </message>
    <message>
        <source>%1 is selected by %2 at %3</source>
        <translation>%1 已被 %2 在 %3 选中</translation>
    </message>
    <message>
        <source>%1: the last command is still waiting for its feedback</source>
        <translation>%1：上一条命令仍在等待反馈</translation>
    </message>
    <message>
        <source>%1 must be from %2 to %3</source>
        <translation>%1 应在 %2 到 %3 之间</translation>
    </message>
    <message>
        <source>%1: a change from %2 to %3 is larger than %4; enter it again to confirm</source>
        <translation>%1：从 %2 改为 %3 超过单步 %4，请再次输入确认</translation>
    </message>
    <message>
        <source>%1 must be selected first</source>
        <translation>请先选中 %1</translation>
    </message>
    <message>
        <source>%1: the selection has expired; select it again</source>
        <translation>%1：选中已超时，请重新选中</translation>
    </message>
    <message>
        <source>%1 is not selected by you</source>
        <translation>%1 不是由您选中的</translation>
    </message>
    <message>
        <source>%1: not operated within %2 s</source>
        <translation>%1：%2 秒内未执行</translation>
    </message>
    <message>
        <source>%1: %2 was written but %3 did not follow within %4 s</source>
        <translation>%1：已下发“%2”，但%3在 %4 秒内未反馈</translation>
    </message>
    <message>
        <source>start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>open</source>
        <translation>开阀</translation>
    </message>
    <message>
        <source>close</source>
        <translation>关阀</translation>
    </message>
    <message>
        <source>%1: not a number</source>
        <translation>%1：不是有效数值</translation>
    </message>
    <message>
        <source>%1: the PLC did not acknowledge the write within %2 s</source>
        <translation>%1：PLC 在 %2 秒内未确认写入</translation>
    </message>
    <message>
        <source>nobody is logged in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>%1: the role %2 may not “%3”</source>
        <translation>%1：角色“%2”无“%3”权限</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Control::ControlText</name>
    <message>
        <source>done</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>not permitted for your role</source>
        <translation>您的角色无此权限</translation>
    </message>
    <message>
        <source>no such control at this station</source>
        <translation>本站无此控制对象</translation>
    </message>
    <message>
        <source>the station&apos;s data is not current</source>
        <translation>本站数据不是最新</translation>
    </message>
    <message>
        <source>selected by someone else</source>
        <translation>已被他人选中</translation>
    </message>
    <message>
        <source>not selected</source>
        <translation>未选中</translation>
    </message>
    <message>
        <source>the selection has expired</source>
        <translation>选中已超时</translation>
    </message>
    <message>
        <source>blocked by an interlock</source>
        <translation>联锁闭锁</translation>
    </message>
    <message>
        <source>outside the allowed range</source>
        <translation>超出允许范围</translation>
    </message>
    <message>
        <source>the change is larger than the allowed step</source>
        <translation>变化超过允许单步</translation>
    </message>
    <message>
        <source>a command is still in progress</source>
        <translation>命令执行中</translation>
    </message>
    <message>
        <source>the write failed</source>
        <translation>下发失败</translation>
    </message>
    <message>
        <source>no feedback</source>
        <translation>无反馈</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>已选中</translation>
    </message>
    <message>
        <source>executing</source>
        <translation>执行中</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
</context>
<context>
    <name>PumpWatch::FileVersions</name>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>%1 cannot be read to keep it as a version: %2</source>
        <translation>无法读取 %1，无法将其保留为版本：%2</translation>
    </message>
    <message>
        <source>%1: the folder for its versions, %2, cannot be created</source>
        <translation>%1：无法创建其版本文件夹 %2</translation>
    </message>
    <message>
        <source>%1 cannot be kept as the version %2: %3</source>
        <translation>无法将 %1 保留为版本 %2：%3</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Gis::VectorLayer</name>
    <message>
        <source>%1: cannot be read as a vector layer%2</source>
        <translation>%1：无法作为矢量图层读取%2</translation>
    </message>
    <message>
        <source>%1: layer %2: its coordinate system cannot be converted to WGS-84</source>
        <translation>%1：图层 %2 的坐标系无法转换为 WGS-84</translation>
    </message>
    <message>
        <source>%1: layer %2, feature %3: cannot be converted to WGS-84</source>
        <translation>%1：图层 %2 要素 %3 无法转换为 WGS-84</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Graphics::DrawingDocument</name>
    <message>
        <source>undone: %1</source>
        <translation>已撤销：%1</translation>
    </message>
    <message numerus="yes">
        <source>Add %n element(s)</source>
        <translation>
            <numerusform>添加 %n 个元素</numerusform>
        </translation>
    </message>
    <message>
        <source>Connect %1 → %2</source>
        <translation>连接管道 %1 → %2</translation>
    </message>
    <message>
        <source>loose end</source>
        <translation>自由端</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <source>Move %1</source>
        <translation>移动 %1</translation>
    </message>
    <message>
        <source>Nudge %1</source>
        <translation>微移 %1</translation>
    </message>
    <message>
        <source>Resize %1</source>
        <translation>调整大小 %1</translation>
    </message>
    <message>
        <source>Rotate %1 by %2°</source>
        <translation>旋转 %1 %2°</translation>
    </message>
    <message>
        <source>Mirror %1</source>
        <translation>镜像 %1</translation>
    </message>
    <message>
        <source>Change %1 of %2</source>
        <translation>修改 %2 的%1</translation>
    </message>
    <message>
        <source>Unbind %1.%2</source>
        <translation>解除绑定 %1.%2</translation>
    </message>
    <message>
        <source>Bind %1.%2 to %3</source>
        <translation>绑定 %1.%2 到 %3</translation>
    </message>
    <message>
        <source>Group %1</source>
        <translation>组合 %1</translation>
    </message>
    <message>
        <source>Ungroup %1</source>
        <translation>取消组合 %1</translation>
    </message>
    <message>
        <source>Bring %1 to front</source>
        <translation>%1 置于顶层</translation>
    </message>
    <message>
        <source>Bring %1 forward</source>
        <translation>%1 上移一层</translation>
    </message>
    <message>
        <source>Send %1 backward</source>
        <translation>%1 下移一层</translation>
    </message>
    <message>
        <source>Send %1 to back</source>
        <translation>%1 置于底层</translation>
    </message>
    <message>
        <source>Align %1 left</source>
        <translation>%1 左对齐</translation>
    </message>
    <message>
        <source>Align %1 centres horizontally</source>
        <translation>%1 水平居中对齐</translation>
    </message>
    <message>
        <source>Align %1 right</source>
        <translation>%1 右对齐</translation>
    </message>
    <message>
        <source>Align %1 top</source>
        <translation>%1 顶端对齐</translation>
    </message>
    <message>
        <source>Align %1 centres vertically</source>
        <translation>%1 垂直居中对齐</translation>
    </message>
    <message>
        <source>Align %1 bottom</source>
        <translation>%1 底端对齐</translation>
    </message>
    <message>
        <source>Distribute %1 horizontally</source>
        <translation>%1 水平等距分布</translation>
    </message>
    <message>
        <source>Distribute %1 vertically</source>
        <translation>%1 垂直等距分布</translation>
    </message>
    <message>
        <source>Make %1 the same size</source>
        <translation>%1 设为等大小</translation>
    </message>
    <message>
        <source>Move %1 to layer %2</source>
        <translation>%1 移到“%2”图层</translation>
    </message>
    <message>
        <source>Adjust for station %1</source>
        <translation>单独调整站点 %1</translation>
    </message>
    <message>
        <source>Declare role %1</source>
        <translation>声明角色 %1</translation>
    </message>
    <message>
        <source>Remove role %1</source>
        <translation>删除角色 %1</translation>
    </message>
    <message>
        <source>Change the drawing&apos;s name or size</source>
        <translation>修改画面名称或尺寸</translation>
    </message>
    <message numerus="yes">
        <source>Paste %n element(s)</source>
        <translation>
            <numerusform>粘贴 %n 个元素</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n element(s)</source>
        <translation>
            <numerusform>%n 个元素</numerusform>
        </translation>
    </message>
    <message>
        <source>background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>process</source>
        <translation>工艺</translation>
    </message>
    <message>
        <source>instruments</source>
        <translation>仪表</translation>
    </message>
    <message>
        <source>labels</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>every change since the drawing was opened</source>
        <translation>自打开画面以来的全部修改</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Graphics::DrawingJson</name>
    <message>
        <source>expected &quot;pumpwatch-graphic&quot;, found &quot;%1&quot;</source>
        <translation>应为“pumpwatch-graphic”，实际为“%1”</translation>
    </message>
    <message>
        <source>version %1 is newer than this PumpWatch reads (%2)</source>
        <translation>版本 %1 比本 PumpWatch 能读取的版本（%2）更新</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a zone (low, mid, high) or is repeated</source>
        <translation>“%1”不是分区（low、mid、high）或重复出现</translation>
    </message>
    <message>
        <source>expected [x, y], found %1</source>
        <translation>应为 [x, y]，实际为%1</translation>
    </message>
    <message>
        <source>expected an object, found %1</source>
        <translation>应为对象，实际为 %1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a role kind (bit, analog)</source>
        <translation>“%1”不是角色类型（bit、analog）</translation>
    </message>
    <message>
        <source>the role and its tag must both use the pump index or neither (&apos;[i]&apos; in the role, &apos;{i}&apos; in the tag)</source>
        <translation>角色与其测点必须同时使用或同时不使用泵序号（角色中写“[i]”，测点中写“{i}”）</translation>
    </message>
    <message>
        <source>duplicate element id &apos;%1&apos;</source>
        <translation>图元编号“%1”重复</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a layer (background, process, instruments, labels, notes)</source>
        <translation>“%1”不是图层（background、process、instruments、labels、notes）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a symbol this PumpWatch knows: drawn as a box without ports</source>
        <translation>“%1”不是本版 PumpWatch 认识的图符：按无端口的方框绘制</translation>
    </message>
    <message>
        <source>a pipe needs at least two points</source>
        <translation>管道至少需要两个点</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not &quot;element.port&quot;, a pipe id, &quot;inlet&quot; or &quot;outlet&quot;</source>
        <translation>“%1”不是“图元.端口”、管道编号、“inlet”或“outlet”</translation>
    </message>
    <message>
        <source>expected a role, found %1</source>
        <translation>应为角色，实际为%1</translation>
    </message>
    <message>
        <source>role &apos;%1&apos; is not declared in roles</source>
        <translation>角色“%1”未在 roles 中声明</translation>
    </message>
    <message>
        <source>a link opens &quot;drawing:&lt;id&gt;&quot; or &quot;trend&quot;</source>
        <translation>链接只能打开“drawing:&lt;编号&gt;”或“trend”</translation>
    </message>
    <message>
        <source>&apos;%1&apos; cannot be repeated (only &quot;pumps&quot;)</source>
        <translation>“%1”不能重复（只能是“pumps”）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a condition (tank, !tank)</source>
        <translation>“%1”不是条件（tank、!tank）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not one of the drawing&apos;s zones</source>
        <translation>“%1”不是该流程图的分区</translation>
    </message>
    <message>
        <source>a drawing of several zones must say which zone&apos;s device a bound element reads</source>
        <translation>多分区流程图中，有绑定的图元必须指明读取哪个分区的设备</translation>
    </message>
    <message>
        <source>only a group has elements or repeats</source>
        <translation>只有组（group）可以包含图元或重复</translation>
    </message>
    <message>
        <source>expected an array, found %1</source>
        <translation>应为数组，实际为%1</translation>
    </message>
    <message>
        <source>a drawing file must hold a JSON object</source>
        <translation>流程图文件必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an element kind (symbol, pipe, value, bar, text, link, group, image)</source>
        <translation>“%1”不是图元类型（symbol、pipe、value、bar、text、link、group、image）</translation>
    </message>
    <message>
        <source>only an image has a source</source>
        <translation>只有图片（image）才有 source</translation>
    </message>
    <message>
        <source>an image needs a file name</source>
        <translation>图片需要文件名</translation>
    </message>
    <message>
        <source>only a text, value, link or bar has a style</source>
        <translation>只有文本、数值、链接或棒图才有 style</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a text style (text, valueText, alarmText, muted or a colour &quot;#rrggbb&quot;)</source>
        <translation>“%1”不是文字样式（text、valueText、alarmText、muted 或颜色 &quot;#rrggbb&quot;）</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Graphics::DrawingLibrary</name>
    <message>
        <source>the project lists it as &apos;%1&apos;, the file says &apos;%2&apos;</source>
        <translation>工程中登记为“%1”，文件中写的是“%2”</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Graphics::Edits</name>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>not a PumpWatch drawing</source>
        <translation>不是 PumpWatch 画面数据</translation>
    </message>
    <message>
        <source>&apos;%1&apos; repeats per pump, is shown on a condition, belongs to a zone or is bound itself: ungrouping it would change what the stations show</source>
        <translation>“%1”按泵重复、按条件显示、属于某个分区或自身带有绑定：取消组合会改变各站显示的内容</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: an element id may not contain &apos;.&apos; (pipe ends are written &quot;element.port&quot;)</source>
        <translation>“%1”：元素标识不能包含“.”（管道端点写作“元素.端口”）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; repeats inside &apos;%2&apos;, which repeats already</source>
        <translation>“%1”在已按泵重复的“%2”内又按泵重复</translation>
    </message>
    <message>
        <source>the drawing would not read back</source>
        <translation>画面保存后将无法重新读取</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Graphics::HmiLint</name>
    <message>
        <source>state &apos;%1&apos; part &apos;%2&apos; uses alarm colour %3 (an alarm is %4): ISA-101 keeps bright colour for abnormal states</source>
        <translation>状态“%1”的部件“%2”使用了报警色 %3（报警色为 %4）：ISA-101 只在异常状态下使用鲜艳颜色</translation>
    </message>
    <message>
        <source>state &apos;%1&apos; part &apos;%2&apos; blinks: ISA-101 blinks only for starting and unacknowledged alarms</source>
        <translation>状态“%1”的部件“%2”闪烁：ISA-101 只在启动中和未确认报警时闪烁</translation>
    </message>
    <message>
        <source>style &apos;%1&apos; is a raw colour: name a theme role (%2) so that the theme, not the drawing, says what colour means</source>
        <translation>样式“%1”是直接指定的颜色：请使用配色方案的角色（%2），由配色方案而不是流程图决定颜色的含义</translation>
    </message>
    <message>
        <source>style &apos;%1&apos; is an alarm colour on an element bound to no alarm: it looks abnormal while the plant is normal</source>
        <translation>样式“%1”是报警色，但图元未绑定任何报警：设备正常时看起来也像异常</translation>
    </message>
    <message>
        <source>the text &apos;%1&apos; reads as an alarm but is always shown: show alarms with an element bound to the alarm</source>
        <translation>文本“%1”读起来像报警，却始终显示：请用绑定到报警的图元显示报警</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Graphics::Resolver</name>
    <message>
        <source>the device is on template &apos;%1&apos;, the drawing serves &apos;%2&apos;</source>
        <translation>设备使用模板“%1”，流程图适用于“%2”</translation>
    </message>
    <message>
        <source>the station has no device of zone &apos;%1&apos;</source>
        <translation>站点没有“%1”分区的设备</translation>
    </message>
    <message>
        <source>cannot tell how many pumps: the device states none and the template&apos;s tags bind none</source>
        <translation>无法确定泵的台数：设备未注明，模板测点也绑定不到任何一台</translation>
    </message>
    <message>
        <source>the role is not declared in the drawing&apos;s roles</source>
        <translation>该角色未在流程图的 roles 中声明</translation>
    </message>
    <message>
        <source>no tag &apos;%1&apos;</source>
        <translation>没有测点“%1”</translation>
    </message>
    <message>
        <source>a bit</source>
        <translation>开关量</translation>
    </message>
    <message>
        <source>an analog value</source>
        <translation>模拟量</translation>
    </message>
    <message>
        <source>slot &apos;%1&apos; needs %2, the role is %3</source>
        <translation>槽位“%1”需要%2，角色却是%3</translation>
    </message>
    <message>
        <source>the role needs %1, tag &apos;%2&apos; is %3 (%4)</source>
        <translation>角色需要%1，测点“%2”是%3（%4）</translation>
    </message>
    <message>
        <source>the role needs quantity &apos;%1&apos;, tag &apos;%2&apos; is &apos;%3&apos;</source>
        <translation>角色需要物理量“%1”，测点“%2”是“%3”</translation>
    </message>
    <message>
        <source>tag &apos;%1&apos; is read-only, the role writes it</source>
        <translation>测点“%1”只读，而该角色需要写入</translation>
    </message>
    <message>
        <source>the template declares no control of this object</source>
        <translation>模板没有声明该对象的控制</translation>
    </message>
    <message>
        <source>no command tag &apos;%1&apos;</source>
        <translation>没有命令测点“%1”</translation>
    </message>
    <message>
        <source>the command tag &apos;%1&apos; is read-only</source>
        <translation>命令测点“%1”只读</translation>
    </message>
    <message>
        <source>no feedback tag &apos;%1&apos;</source>
        <translation>没有反馈测点“%1”</translation>
    </message>
    <message>
        <source>the station&apos;s override names an element the drawing does not have</source>
        <translation>站点的覆盖指向了流程图中没有的图元</translation>
    </message>
    <message>
        <source>the pipe ends at &apos;%1&apos;, which the drawing does not have here</source>
        <translation>管道端点“%1”在此站点的流程图中不存在</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a port of a symbol or a pipe</source>
        <translation>“%1”不是图符端口或管道</translation>
    </message>
    <message>
        <source>no image file &apos;%1&apos;</source>
        <translation>图片文件“%1”不存在</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Graphics::SymbolLibrary</name>
    <message>
        <source>Centrifugal pump</source>
        <translation>离心泵</translation>
    </message>
    <message>
        <source>Vertical multistage pump</source>
        <translation>立式多级泵</translation>
    </message>
    <message>
        <source>Motor</source>
        <translation>电机</translation>
    </message>
    <message>
        <source>VFD cabinet</source>
        <translation>变频柜</translation>
    </message>
    <message>
        <source>Check valve</source>
        <translation>止回阀</translation>
    </message>
    <message>
        <source>Gate valve</source>
        <translation>闸阀</translation>
    </message>
    <message>
        <source>Butterfly valve</source>
        <translation>蝶阀</translation>
    </message>
    <message>
        <source>Motorised valve</source>
        <translation>电动阀</translation>
    </message>
    <message>
        <source>Pressure-reducing valve</source>
        <translation>减压阀</translation>
    </message>
    <message>
        <source>Water tank</source>
        <translation>水箱</translation>
    </message>
    <message>
        <source>Pressure tank</source>
        <translation>气压罐</translation>
    </message>
    <message>
        <source>Negative-pressure stabilising tank</source>
        <translation>无负压稳流罐</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>仪表</translation>
    </message>
    <message>
        <source>Energy meter</source>
        <translation>电能表</translation>
    </message>
    <message>
        <source>Door sensor</source>
        <translation>门磁</translation>
    </message>
    <message>
        <source>Flood sensor</source>
        <translation>水浸传感器</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>启动中</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>开启</translation>
    </message>
    <message>
        <source>Travelling</source>
        <translation>行程中</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Alarm</source>
        <translation>报警</translation>
    </message>
    <message>
        <source>Stale data</source>
        <translation>数据过期</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Graphics::Theme</name>
    <message>
        <source>ISA-101 high performance (grey)</source>
        <translation>ISA-101 高性能（灰色）</translation>
    </message>
    <message>
        <source>Legacy (running red, stopped green)</source>
        <translation>传统配色（运行红、停止绿）</translation>
    </message>
</context>
<context>
    <name>PumpWatch::History::AlarmJournal</name>
    <message>
        <source>%1 holds no PumpWatch alarm journal (or one older than this program): %2</source>
        <translation>%1 中没有 PumpWatch 报警记录表（或版本比本程序旧）：%2</translation>
    </message>
</context>
<context>
    <name>PumpWatch::History::AuditChain</name>
    <message>
        <source>the audit chain&apos;s head: %1</source>
        <translation>审计链链头：%1</translation>
    </message>
    <message>
        <source>the audit chain has no head (audit_head is empty)</source>
        <translation>审计链没有链头（audit_head 为空）</translation>
    </message>
    <message>
        <source>audit row seq %1 (id %2, %3, %4, %5)</source>
        <translation>审计记录序号 %1（id %2，%3，%4，%5）</translation>
    </message>
    <message>
        <source>alarm journal row %1: %2</source>
        <translation>报警记录 %1：%2</translation>
    </message>
    <message>
        <source>the audit chain&apos;s head is missing (audit_head has no row)</source>
        <translation>审计链链头缺失（audit_head 无记录）</translation>
    </message>
    <message>
        <source>seq %1 missing</source>
        <translation>缺少序号 %1</translation>
    </message>
    <message>
        <source>seq %1–%2 missing</source>
        <translation>缺少序号 %1–%2</translation>
    </message>
    <message>
        <source>%1: deleted (the chain now starts at seq %2, id %3)</source>
        <translation>%1：已删除（审计链现从序号 %2、id %3 开始）</translation>
    </message>
    <message>
        <source>%1: deleted (the rows around it are id %2 and %3)</source>
        <translation>%1：已删除（其前后记录的 id 为 %2 和 %3）</translation>
    </message>
    <message>
        <source>changed — its seq is out of the chain&apos;s order</source>
        <translation>已篡改——其序号不符合审计链的顺序</translation>
    </message>
    <message>
        <source>changed — it does not start from the genesis hash</source>
        <translation>已篡改——未从初始哈希开始</translation>
    </message>
    <message>
        <source>changed — its hash was recomputed, but seq %1 was chained to the hash it had</source>
        <translation>已篡改——其哈希被重新计算过，但序号 %1 链接的是其原哈希</translation>
    </message>
    <message>
        <source>changed — its link to seq %1 does not match</source>
        <translation>已篡改——与序号 %1 的链接不匹配</translation>
    </message>
    <message>
        <source>changed — its hash does not match its content</source>
        <translation>已篡改——其哈希与内容不匹配</translation>
    </message>
    <message>
        <source>changed — its journal_id %1 does not match its target %2</source>
        <translation>已篡改——其 journal_id %1 与其目标 %2 不匹配</translation>
    </message>
    <message numerus="yes">
        <source>the last %n row(s) were removed: the chain head says seq %1, the table ends at %2</source>
        <translation>
            <numerusform>最后 %n 条记录已被删除：链头为序号 %1，表止于 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>added outside the chain — the chain head says seq %1</source>
        <translation>在审计链之外添加——链头为序号 %1</translation>
    </message>
    <message>
        <source>changed — its hash was recomputed, but the chain head holds the hash it had</source>
        <translation>已篡改——其哈希被重新计算过，但链头保存的是其原哈希</translation>
    </message>
    <message>
        <source>the chain head was changed: it holds seq 0 but not the genesis hash</source>
        <translation>链头已被篡改：序号为 0，但不是初始哈希</translation>
    </message>
    <message>
        <source>audit row id %1 (%2, %3, %4): added outside the chain — it has no seq, though it is newer than the chain&apos;s first row (id %5)</source>
        <translation>审计记录 id %1（%2，%3，%4）：在审计链之外添加——没有序号，但比审计链的第一条记录（id %5）新</translation>
    </message>
    <message>
        <source>added outside the audit — no audit row records its opening</source>
        <translation>在审计之外添加——没有审计记录记载该报警的产生</translation>
    </message>
    <message>
        <source>deleted — its audit record seq %1 has no row in the table</source>
        <translation>已删除——其审计记录序号 %1 在表中没有对应记录</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>%1 is %2 in the table, %3 in its audit record seq %4</source>
        <translation>%1 在表中为 %2，在其审计记录序号 %4 中为 %3</translation>
    </message>
</context>
<context>
    <name>PumpWatch::History::AuditLog</name>
    <message>
        <source>%1 holds no PumpWatch audit table (or one older than this program): %2</source>
        <translation>%1 中没有 PumpWatch 审计表（或版本早于本程序）：%2</translation>
    </message>
</context>
<context>
    <name>PumpWatch::History::DatabaseUrl</name>
    <message>
        <source>%1: the SQLite URL names no file (sqlite:PATH)</source>
        <translation>%1：SQLite 地址未指定文件（sqlite:路径）</translation>
    </message>
    <message>
        <source>%1: not a database URL; use sqlite:PATH or postgres://user@host:port/database</source>
        <translation>%1：不是数据库地址；请使用 sqlite:路径 或 postgres://用户@主机:端口/数据库</translation>
    </message>
    <message>
        <source>%1: not a valid PostgreSQL URL (postgres://user@host:port/database)</source>
        <translation>%1：不是有效的 PostgreSQL 地址（postgres://用户@主机:端口/数据库）</translation>
    </message>
    <message>
        <source>%1: the PostgreSQL URL names no database (…/database)</source>
        <translation>%1：PostgreSQL 地址未指定数据库（…/数据库）</translation>
    </message>
</context>
<context>
    <name>PumpWatch::History::Dialect</name>
    <message>
        <source>the Qt Sql driver %1 is not installed (Debian package %2)</source>
        <translation>未安装 Qt Sql 驱动 %1（Debian 软件包 %2）</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
</context>
<context>
    <name>PumpWatch::History::HistoryReader</name>
    <message>
        <source>%1 holds no PumpWatch history</source>
        <translation>%1 中没有 PumpWatch 历史数据</translation>
    </message>
    <message>
        <source>aggregates are by hour, day or month</source>
        <translation>统计只能按小时、日或月</translation>
    </message>
</context>
<context>
    <name>PumpWatch::History::HistoryWriter</name>
    <message>
        <source>history database %1 is back</source>
        <translation>历史数据库 %1 已恢复</translation>
    </message>
    <message>
        <source>history database %1 unavailable: %2</source>
        <translation>历史数据库 %1 不可用：%2</translation>
    </message>
    <message>
        <source>%1 samples lost: %2</source>
        <translation>丢失 %1 条数据：%2</translation>
    </message>
    <message>
        <source>%1 spooled samples belong to tags no longer in the project; dropped</source>
        <translation>缓存中有 %1 条数据所属测点已不在工程中，已丢弃</translation>
    </message>
    <message>
        <source>spool drained: %1 samples written</source>
        <translation>缓存已补录：写入 %1 条数据</translation>
    </message>
    <message>
        <source>not running from %1 until this start: a gap in %2 series</source>
        <translation>自 %1 起至本次启动未运行：%2 个测点的历史记为数据中断</translation>
    </message>
</context>
<context>
    <name>PumpWatch::History::Schema</name>
    <message>
        <source>the database has schema version %1, written by a newer PumpWatch (this one knows up to %2)</source>
        <translation>数据库结构版本为 %1，由更新版本的 PumpWatch 写入（本程序最高支持 %2）</translation>
    </message>
    <message>
        <source>migration %1 (%2): %3</source>
        <translation>数据库升级 %1（%2）：%3</translation>
    </message>
</context>
<context>
    <name>PumpWatch::History::Spool</name>
    <message>
        <source>cannot open the spool file %1: %2</source>
        <translation>无法打开缓存文件 %1：%2</translation>
    </message>
    <message>
        <source>cannot write the spool file %1: %2</source>
        <translation>无法写入缓存文件 %1：%2</translation>
    </message>
    <message>
        <source>cannot read the spool file %1: %2</source>
        <translation>无法读取缓存文件 %1：%2</translation>
    </message>
    <message>
        <source>%1 is not a PumpWatch spool file; left in place</source>
        <translation>%1 不是 PumpWatch 缓存文件；已保留原文件</translation>
    </message>
    <message>
        <source>cannot repair the spool file %1: %2</source>
        <translation>无法修复缓存文件 %1：%2</translation>
    </message>
</context>
<context>
    <name>PumpWatch::History::SqliteMemory</name>
    <message>
        <source>SQLite keeps its own memory: it is initialised already</source>
        <translation>SQLite 沿用其自带的内存分配：它已初始化</translation>
    </message>
    <message>
        <source>SQLite keeps its own memory: cannot reserve %1 kB (%2)</source>
        <translation>SQLite 沿用其自带的内存分配：无法预留 %1 kB（%2）</translation>
    </message>
    <message>
        <source>SQLite keeps its own memory: %1</source>
        <translation>SQLite 沿用其自带的内存分配：%1</translation>
    </message>
    <message>
        <source>SQLite pages: %1 slots of %2 bytes in memory of their own at 0x%3-0x%4</source>
        <translation>SQLite 页面：%1 个槽位，每个 %2 字节，位于独立内存 0x%3-0x%4</translation>
    </message>
    <message>
        <source>SQLite keeps its own memory: not built with glibc</source>
        <translation>SQLite 沿用其自带的内存分配：未使用 glibc 构建</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Mqtt::Client</name>
    <message>
        <source>connection refused: %1</source>
        <translation>连接被拒绝：%1</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>连接已关闭</translation>
    </message>
    <message>
        <source>lost: %1</source>
        <translation>连接中断：%1</translation>
    </message>
    <message>
        <source>cannot connect: %1</source>
        <translation>无法连接：%1</translation>
    </message>
    <message>
        <source>TLS (CA %1, certificate %2, key %3)</source>
        <translation>TLS（CA %1，证书 %2，密钥 %3）</translation>
    </message>
    <message>
        <source>Will on %1</source>
        <translation>遗嘱消息（主题 %1）</translation>
    </message>
    <message>
        <source>cannot create an MQTT client (a persistent session needs a client id)</source>
        <translation>无法创建 MQTT 客户端（持久会话需要客户端 ID）</translation>
    </message>
    <message>
        <source>cannot read the password file %1: %2</source>
        <translation>无法读取密码文件 %1：%2</translation>
    </message>
    <message>
        <source>aborted</source>
        <translation>连接已中止</translation>
    </message>
    <message>
        <source>the connection was lost</source>
        <translation>连接已断开</translation>
    </message>
    <message>
        <source>the broker did not answer within the keep-alive</source>
        <translation>代理在心跳周期内没有应答</translation>
    </message>
    <message>
        <source>not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>the broker refused the connection</source>
        <translation>代理拒绝连接</translation>
    </message>
    <message>
        <source>not authorised</source>
        <translation>未授权</translation>
    </message>
    <message>
        <source>TLS error</source>
        <translation>TLS 错误</translation>
    </message>
    <message>
        <source>the host name cannot be resolved</source>
        <translation>无法解析主机名</translation>
    </message>
    <message>
        <source>protocol error</source>
        <translation>协议错误</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Mqtt::Neuron</name>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>a bool</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>message of %1 bytes is larger than %2 bytes; not read</source>
        <translation>消息 %1 字节，超过 %2 字节；未读取</translation>
    </message>
    <message>
        <source>not JSON at offset %1: %2</source>
        <translation>不是 JSON（偏移 %1）：%2</translation>
    </message>
    <message>
        <source>not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <source>missing %1</source>
        <translation>缺少 %1</translation>
    </message>
    <message>
        <source>%1 is %2, not a name</source>
        <translation>%1 是%2，不是名称</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空的</translation>
    </message>
    <message>
        <source>value is %1</source>
        <translation>值是%1</translation>
    </message>
    <message>
        <source>error %1 is not a Neuron error code</source>
        <translation>错误 %1 不是 Neuron 错误码</translation>
    </message>
    <message>
        <source>error is %1, not a number</source>
        <translation>error 是%1，不是数字</translation>
    </message>
    <message>
        <source>tag &apos;%1&apos;: %2; skipped</source>
        <translation>测点 &apos;%1&apos;：%2；已跳过</translation>
    </message>
    <message>
        <source>a value without a tag name; skipped</source>
        <translation>一个值没有测点名；已跳过</translation>
    </message>
    <message>
        <source>tag &apos;%1&apos;: both a value and an error; taken as the error</source>
        <translation>测点 &apos;%1&apos;：同时有值和错误；按错误处理</translation>
    </message>
    <message>
        <source>an error without a tag name; skipped</source>
        <translation>一个错误没有测点名；已跳过</translation>
    </message>
    <message>
        <source>error 0 without a value</source>
        <translation>错误 0 且没有值</translation>
    </message>
    <message>
        <source>tag &apos;%1&apos; again at tags[%2]; the first kept</source>
        <translation>测点 &apos;%1&apos; 在 tags[%2] 重复出现；保留第一个</translation>
    </message>
    <message>
        <source>tags[%1] is %2, not a tag; skipped</source>
        <translation>tags[%1] 是%2，不是测点；已跳过</translation>
    </message>
    <message>
        <source>tags[%1] has no name; skipped</source>
        <translation>tags[%1] 没有名称；已跳过</translation>
    </message>
    <message>
        <source>neither value nor error</source>
        <translation>既没有值也没有错误</translation>
    </message>
    <message>
        <source>tag &apos;%1&apos;: no value</source>
        <translation>测点 &apos;%1&apos;：没有值</translation>
    </message>
    <message>
        <source>tag &apos;%1&apos;: %2</source>
        <translation>测点 &apos;%1&apos;：%2</translation>
    </message>
    <message>
        <source>missing timestamp</source>
        <translation>缺少 timestamp</translation>
    </message>
    <message>
        <source>timestamp %1 is not milliseconds since 1970</source>
        <translation>timestamp %1 不是自 1970 年起的毫秒数</translation>
    </message>
    <message>
        <source>timestamp is %1, not a number</source>
        <translation>timestamp 是%1，不是数字</translation>
    </message>
    <message>
        <source>both tags and values: not a Neuron format</source>
        <translation>同时有 tags 和 values：不是 Neuron 的格式</translation>
    </message>
    <message>
        <source>tags is %1, not an array</source>
        <translation>tags 是%1，不是数组</translation>
    </message>
    <message>
        <source>neither values nor tags</source>
        <translation>既没有 values 也没有 tags</translation>
    </message>
    <message>
        <source>%1 is %2, not an object</source>
        <translation>%1 是%2，不是对象</translation>
    </message>
    <message>
        <source>no tags to write</source>
        <translation>没有要写入的测点</translation>
    </message>
    <message>
        <source>tags[%1] is %2, not a tag</source>
        <translation>tags[%1] 是%2，不是测点</translation>
    </message>
    <message>
        <source>missing error</source>
        <translation>缺少 error</translation>
    </message>
    <message>
        <source>success</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Neuron internal error</source>
        <translation>Neuron 内部错误</translation>
    </message>
    <message>
        <source>request body is wrong</source>
        <translation>请求内容错误</translation>
    </message>
    <message>
        <source>request parameter is wrong</source>
        <translation>请求参数错误</translation>
    </message>
    <message>
        <source>Neuron is busy</source>
        <translation>Neuron 繁忙</translation>
    </message>
    <message>
        <source>node does not exist</source>
        <translation>节点不存在</translation>
    </message>
    <message>
        <source>node not ready</source>
        <translation>节点未就绪</translation>
    </message>
    <message>
        <source>node not running</source>
        <translation>节点未运行</translation>
    </message>
    <message>
        <source>node stopped</source>
        <translation>节点已停止</translation>
    </message>
    <message>
        <source>group does not exist</source>
        <translation>组不存在</translation>
    </message>
    <message>
        <source>tag does not exist</source>
        <translation>测点不存在</translation>
    </message>
    <message>
        <source>read failure</source>
        <translation>读取失败</translation>
    </message>
    <message>
        <source>write failure</source>
        <translation>写入失败</translation>
    </message>
    <message>
        <source>plugin disconnected</source>
        <translation>插件未连接</translation>
    </message>
    <message>
        <source>tag not readable</source>
        <translation>测点不可读</translation>
    </message>
    <message>
        <source>tag not writable</source>
        <translation>测点不可写</translation>
    </message>
    <message>
        <source>tag type mismatch</source>
        <translation>测点类型不匹配</translation>
    </message>
    <message>
        <source>tag value expired</source>
        <translation>测点值已过期</translation>
    </message>
    <message>
        <source>protocol decode failure</source>
        <translation>协议解析失败</translation>
    </message>
    <message>
        <source>plugin not running</source>
        <translation>插件未运行</translation>
    </message>
    <message>
        <source>tag not ready</source>
        <translation>测点未就绪</translation>
    </message>
    <message>
        <source>packet out of order</source>
        <translation>报文乱序</translation>
    </message>
    <message>
        <source>device no response</source>
        <translation>设备无响应</translation>
    </message>
    <message>
        <source>writing several tags not supported</source>
        <translation>不支持多点写入</translation>
    </message>
    <message>
        <source>type not supported</source>
        <translation>类型不支持</translation>
    </message>
    <message>
        <source>value out of range</source>
        <translation>值超出范围</translation>
    </message>
    <message>
        <source>Neuron error %1</source>
        <translation>Neuron 错误 %1</translation>
    </message>
</context>
<context>
    <name>PumpWatch::PasswordPolicy</name>
    <message numerus="yes">
        <source>The password needs at least %n characters.</source>
        <translation>
            <numerusform>密码至少需要 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>The password needs letters and digits.</source>
        <translation>密码须同时包含字母和数字。</translation>
    </message>
    <message>
        <source>The password must not contain the user name.</source>
        <translation>密码不得包含用户名。</translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters, with letters and digits.</source>
        <translation>
            <numerusform>至少 %n 个字符，须含字母和数字。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>At least %n characters.</source>
        <translation>
            <numerusform>至少 %n 个字符。</numerusform>
        </translation>
    </message>
    <message>
        <source>password rules out of range (minLength 1–64, maxFailures ≥ 1, lockoutMinutes ≥ 1, maxAgeDays ≥ 0)</source>
        <translation>密码规则超出范围（minLength 1–64，maxFailures ≥ 1，lockoutMinutes ≥ 1，maxAgeDays ≥ 0）</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Permissions</name>
    <message>
        <source>Acknowledge alarms, silence the horn</source>
        <translation>确认报警、消音</translation>
    </message>
    <message>
        <source>Start/stop pumps, open/close valves</source>
        <translation>启停泵、开关阀</translation>
    </message>
    <message>
        <source>Change setpoints</source>
        <translation>修改设定值</translation>
    </message>
    <message>
        <source>Edit alarm limits</source>
        <translation>修改报警限值</translation>
    </message>
    <message>
        <source>Draw process graphics</source>
        <translation>绘制工艺画面</translation>
    </message>
    <message>
        <source>Review issued reports</source>
        <translation>审核已发布报表</translation>
    </message>
    <message>
        <source>Correct report values</source>
        <translation>修正报表数据</translation>
    </message>
    <message>
        <source>Enter meter replacements</source>
        <translation>录入换表记录</translation>
    </message>
    <message>
        <source>Close the workstation</source>
        <translation>退出工作站</translation>
    </message>
    <message>
        <source>Read and export the audit trail</source>
        <translation>查看和导出审计日志</translation>
    </message>
    <message>
        <source>Manage users and permissions</source>
        <translation>管理用户和权限</translation>
    </message>
    <message>
        <source>permissions: unknown role “%1”</source>
        <translation>权限：未知角色“%1”</translation>
    </message>
    <message>
        <source>permissions of %1: unknown action “%2”</source>
        <translation>%1 的权限：未知操作“%2”</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Project</name>
    <message>
        <source>Low zone</source>
        <translation>低区</translation>
    </message>
    <message>
        <source>Middle zone</source>
        <translation>中区</translation>
    </message>
    <message>
        <source>High zone</source>
        <translation>高区</translation>
    </message>
</context>
<context>
    <name>PumpWatch::ProjectEdit</name>
    <message>
        <source>%1 cannot be read again, so nothing was saved:</source>
        <translation>无法重新读取 %1，未保存任何修改：</translation>
    </message>
    <message>
        <source>%1: %2 is no longer in the project</source>
        <translation>%1：工程中已没有 %2</translation>
    </message>
    <message>
        <source>%1 %2 (%3): %4</source>
        <translation>%1 %2（%3）：%4</translation>
    </message>
</context>
<context>
    <name>PumpWatch::ProjectReader</name>
    <message>
        <source>unknown key, ignored</source>
        <translation>未知的键，已忽略</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>expected a whole number from %1 to %2, found %3</source>
        <translation>应为 %1 到 %2 之间的整数，实际为 %3</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>expected an object, found %1</source>
        <translation>应为对象，实际为 %1</translation>
    </message>
    <message>
        <source>required, missing</source>
        <translation>必填，缺失</translation>
    </message>
    <message>
        <source>expected %1, found %2</source>
        <translation>应为%1，实际为 %2</translation>
    </message>
    <message>
        <source>duplicate %1 &apos;%2&apos; (first at %3)</source>
        <translation>重复的%1 &apos;%2&apos;（首次出现于 %3）</translation>
    </message>
    <message>
        <source>expected &quot;pumpwatch-project&quot;, found &quot;%1&quot;</source>
        <translation>应为 &quot;pumpwatch-project&quot;，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>version %1 is newer than this PumpWatch reads (%2)</source>
        <translation>版本 %1 比本 PumpWatch 能读取的版本（%2）更新</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a time zone</source>
        <translation>&apos;%1&apos; 不是时区</translation>
    </message>
    <message>
        <source>key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>latitude %1 is outside -90..90</source>
        <translation>纬度 %1 超出 -90..90</translation>
    </message>
    <message>
        <source>longitude %1 is outside -180..180</source>
        <translation>经度 %1 超出 -180..180</translation>
    </message>
    <message>
        <source>unknown line &apos;%1&apos;</source>
        <translation>未知的供水线 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>device id</source>
        <translation>设备编号</translation>
    </message>
    <message>
        <source>a station needs at least one device</source>
        <translation>站点至少需要一台设备</translation>
    </message>
    <message>
        <source>tag key</source>
        <translation>测点键</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a zone (low, mid, high)</source>
        <translation>&apos;%1&apos; 不是分区（low、mid、high）</translation>
    </message>
    <message>
        <source>unknown template &apos;%1&apos;</source>
        <translation>未知的模板 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>template tag &apos;%1&apos;: %2</source>
        <translation>模板测点 &apos;%1&apos;：%2</translation>
    </message>
    <message>
        <source>unknown device &apos;%1&apos;</source>
        <translation>未知的设备 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>required when the station has several devices</source>
        <translation>站点有多台设备时必须指定</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a tag of template &apos;%2&apos;; an extra tag needs name, quantity, address and type</source>
        <translation>&apos;%1&apos; 不是模板 &apos;%2&apos; 的测点；附加测点需要 name、quantity、address 和 type</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a quantity</source>
        <translation>&apos;%1&apos; 不是物理量</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a data type</source>
        <translation>&apos;%1&apos; 不是数据类型</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an access (r, rw)</source>
        <translation>&apos;%1&apos; 不是读写方式（r、rw）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a word order (ABCD, CDAB, BADC, DCBA)</source>
        <translation>&apos;%1&apos; 不是字节序（ABCD、CDAB、BADC、DCBA）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an addressing mode (modbus, s7-v)</source>
        <translation>&apos;%1&apos; 不是寻址方式（modbus、s7-v）</translation>
    </message>
    <message>
        <source>must be an even V byte, not %1</source>
        <translation>必须是偶数 V 字节，而不是 %1</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a parity (N, E, O)</source>
        <translation>&apos;%1&apos; 不是校验方式（N、E、O）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not host:port</source>
        <translation>&apos;%1&apos; 不是 主机:端口</translation>
    </message>
    <message>
        <source>plant id</source>
        <translation>水厂编号</translation>
    </message>
    <message>
        <source>line id</source>
        <translation>供水线编号</translation>
    </message>
    <message>
        <source>template id</source>
        <translation>模板编号</translation>
    </message>
    <message>
        <source>station id</source>
        <translation>站点编号</translation>
    </message>
    <message>
        <source>JSON syntax error: %1</source>
        <translation>JSON 语法错误：%1</translation>
    </message>
    <message>
        <source>a project file must hold a JSON object</source>
        <translation>工程文件必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>cannot open: %1</source>
        <translation>无法打开：%1</translation>
    </message>
    <message>
        <source>must not be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a time of day (HH:MM)</source>
        <translation>&apos;%1&apos; 不是时刻（时:分）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a list of days (mon-fri, sat,sun, daily)</source>
        <translation>&apos;%1&apos; 不是星期列表（mon-fri、sat,sun、daily）</translation>
    </message>
    <message>
        <source>expected [min, max] with min &lt; max</source>
        <translation>应为 [最小值, 最大值]，且最小值 &lt; 最大值</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a severity (warning, critical)</source>
        <translation>&apos;%1&apos; 不是报警等级（warning、critical）</translation>
    </message>
    <message>
        <source>unknown station &apos;%1&apos;</source>
        <translation>未知站点 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a variable name</source>
        <translation>&apos;%1&apos; 不是有效的变量名</translation>
    </message>
    <message>
        <source>expected a tag key</source>
        <translation>应为测点键</translation>
    </message>
    <message>
        <source>a rule needs at least one tag</source>
        <translation>规则至少需要一个测点</translation>
    </message>
    <message>
        <source>expected a number</source>
        <translation>应为数字</translation>
    </message>
    <message>
        <source>must be greater than 0</source>
        <translation>必须大于 0</translation>
    </message>
    <message>
        <source>rule id</source>
        <translation>规则编号</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a colour (#rrggbb or #aarrggbb)</source>
        <translation>“%1”不是颜色（#rrggbb 或 #aarrggbb）</translation>
    </message>
    <message>
        <source>expected 0 to 50 pixels</source>
        <translation>应为 0 到 50 像素</translation>
    </message>
    <message>
        <source>expected a zoom from 0 to 24</source>
        <translation>应为 0 到 24 的缩放级别</translation>
    </message>
    <message>
        <source>needs either &quot;url&quot; (an XYZ template) or &quot;file&quot; (an MBTiles file)</source>
        <translation>需要 &quot;url&quot;（XYZ 地址模板）或 &quot;file&quot;（MBTiles 文件）之一</translation>
    </message>
    <message>
        <source>&apos;%1&apos; has no {z}/{x}/{y} (or {-y}, {q}) to fill in</source>
        <translation>“%1”中没有可填入的 {z}/{x}/{y}（或 {-y}、{q}）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a datum (wgs84, gcj02 or bd09)</source>
        <translation>“%1”不是坐标系（wgs84、gcj02 或 bd09）</translation>
    </message>
    <message>
        <source>minZoom %1 is above maxZoom %2</source>
        <translation>minZoom %1 大于 maxZoom %2</translation>
    </message>
    <message>
        <source>the URL has {s}; list the hosts&apos; letters, e.g. &quot;abc&quot;</source>
        <translation>地址含 {s}，请列出各服务器的字母，如 &quot;abc&quot;</translation>
    </message>
    <message>
        <source>tile source id</source>
        <translation>瓦片源编号</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a tag of template &apos;%2&apos;</source>
        <translation>“%1”不是模板“%2”的变量</translation>
    </message>
    <message>
        <source>tag &apos;%1&apos; is read-only: it cannot be commanded</source>
        <translation>变量“%1”只读：不能下发控制</translation>
    </message>
    <message>
        <source>an interlock needs &apos;below&apos; or &apos;above&apos;</source>
        <translation>联锁条件需要“below”或“above”</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not one of on, off, any</source>
        <translation>“%1”不是 on、off、any 之一</translation>
    </message>
    <message>
        <source>control &apos;%1&apos; is declared twice</source>
        <translation>控制对象“%1”重复定义</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not one of pump, valve, setpoint</source>
        <translation>“%1”不是 pump、valve、setpoint 之一</translation>
    </message>
    <message>
        <source>expected seconds from 0 to 3600, found %1</source>
        <translation>应为 0 到 3600 秒，实际为 %1</translation>
    </message>
    <message>
        <source>min %1 is above max %2</source>
        <translation>最小值 %1 大于最大值 %2</translation>
    </message>
    <message>
        <source>graphic id</source>
        <translation>流程图编号</translation>
    </message>
    <message>
        <source>expected a month from 1 to 12</source>
        <translation>应为 1 到 12 的月份</translation>
    </message>
    <message>
        <source>expected [&quot;hh:mm&quot;, &quot;hh:mm&quot;, class] with a class of deep, valley, flat, peak or sharp</source>
        <translation>应为 [&quot;hh:mm&quot;, &quot;hh:mm&quot;, 时段]，时段为 deep、valley、flat、peak 或 sharp</translation>
    </message>
    <message>
        <source>tariff periods start and end on the hour or the half hour</source>
        <translation>电价时段须在整点或半点开始和结束</translation>
    </message>
    <message>
        <source>expected the period to start at %1, where the one before ends</source>
        <translation>此时段应从 %1（上一时段结束处）开始</translation>
    </message>
    <message>
        <source>the period ends before it starts</source>
        <translation>时段的结束早于开始</translation>
    </message>
    <message>
        <source>the periods end at %1, not at 24:00</source>
        <translation>各时段止于 %1，而非 24:00</translation>
    </message>
    <message>
        <source>expected a date like 2023-01-01</source>
        <translation>应为日期，如 2023-01-01</translation>
    </message>
    <message>
        <source>the tariff ends before it starts</source>
        <translation>电价的失效日期早于生效日期</translation>
    </message>
    <message>
        <source>a price cannot be negative</source>
        <translation>电价不能为负</translation>
    </message>
    <message>
        <source>month %1 is already in %2</source>
        <translation>%1 月已在 %2 中</translation>
    </message>
    <message>
        <source>month %1 is in no season</source>
        <translation>%1 月不属于任何季节</translation>
    </message>
    <message>
        <source>expected a whole hour like &quot;08:00&quot;, found &quot;%1&quot;</source>
        <translation>应为整点，如 &quot;08:00&quot;，实际为 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>tariff id</source>
        <translation>电价编号</translation>
    </message>
    <message>
        <source>tariff &apos;%1&apos; is still in force when &apos;%2&apos; starts</source>
        <translation>电价“%2”生效时，电价“%1”仍然有效</translation>
    </message>
    <message>
        <source>expected production-day, production-month or daily, found &quot;%1&quot;</source>
        <translation>应为 production-day、production-month 或 daily，实际为“%1”</translation>
    </message>
    <message>
        <source>only a daily report is of one tag</source>
        <translation>只有综合日报（daily）针对单个标签</translation>
    </message>
    <message>
        <source>expected a tag key like outlet_pressure</source>
        <translation>应为标签键，例如 outlet_pressure</translation>
    </message>
    <message>
        <source>expected a time like &quot;08:30&quot;, found &quot;%1&quot;</source>
        <translation>应为时间，例如“08:30”，实际为“%1”</translation>
    </message>
    <message>
        <source>only a monthly report has a day</source>
        <translation>只有月报（production-month）有出表日</translation>
    </message>
    <message>
        <source>expected a folder</source>
        <translation>应为文件夹</translation>
    </message>
    <message>
        <source>expected xlsx, csv, pdf or odt</source>
        <translation>应为 xlsx、csv、pdf 或 odt</translation>
    </message>
    <message>
        <source>%1 is already listed</source>
        <translation>%1 已列出</translation>
    </message>
    <message>
        <source>expected at least one format</source>
        <translation>至少需要一种格式</translation>
    </message>
    <message>
        <source>scheduled report</source>
        <translation>定时报表</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>a client certificate needs both certFile and keyFile</source>
        <translation>客户端证书需要同时提供 certFile 和 keyFile</translation>
    </message>
    <message>
        <source>must be 1 to 128 bytes long</source>
        <translation>长度须为 1 到 128 字节</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a Sparkplug id (not empty, no + / #)</source>
        <translation>“%1”不是有效的 Sparkplug 标识（不能为空，不能含 + / #）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a STATE format (3.0, 2.2)</source>
        <translation>“%1”不是 STATE 格式（3.0、2.2）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an MQTT topic filter</source>
        <translation>“%1”不是有效的 MQTT 主题过滤器</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not an MQTT topic (no + or #)</source>
        <translation>“%1”不是有效的 MQTT 主题（不能含 + 或 #）</translation>
    </message>
    <message>
        <source>broker id</source>
        <translation>代理编号</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a protocol (modbus-tcp, modbus-rtu, mqtt-neuron, mqtt-sparkplug)</source>
        <translation>“%1”不是通讯协议（modbus-tcp、modbus-rtu、mqtt-neuron、mqtt-sparkplug）</translation>
    </message>
    <message>
        <source>unknown broker &apos;%1&apos;</source>
        <translation>未知的代理“%1”</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a Sparkplug id (no + / #)</source>
        <translation>“%1”不是有效的 Sparkplug 标识（不能含 + / #）</translation>
    </message>
    <message>
        <source>Neuron devices are named by node and group only</source>
        <translation>Neuron 设备只由节点和组标识</translation>
    </message>
    <message>
        <source>the gateway&apos;s node %1 is also %2</source>
        <translation>网关节点 %1 与 %2 重复</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Quantity</name>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Pressure</source>
        <translation>压力</translation>
    </message>
    <message>
        <source>Flow rate</source>
        <translation>瞬时流量</translation>
    </message>
    <message>
        <source>Totalizer</source>
        <translation>累计流量</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>液位</translation>
    </message>
    <message>
        <source>Frequency</source>
        <translation>频率</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>功率</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>用电量</translation>
    </message>
    <message>
        <source>Power factor</source>
        <translation>功率因数</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>电流</translation>
    </message>
    <message>
        <source>Voltage</source>
        <translation>电压</translation>
    </message>
    <message>
        <source>Turbidity</source>
        <translation>浊度</translation>
    </message>
    <message>
        <source>Residual chlorine</source>
        <translation>余氯</translation>
    </message>
    <message>
        <source>pH</source>
        <translation>pH</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Door open</source>
        <translation>门禁</translation>
    </message>
    <message>
        <source>Power failure</source>
        <translation>停电</translation>
    </message>
    <message>
        <source>Valve open</source>
        <translation>阀门开到位</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>控制命令</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Remote::Codec</name>
    <message>
        <source>not a CBOR message: %1</source>
        <translation>不是 CBOR 消息：%1</translation>
    </message>
    <message>
        <source>the field &apos;%1&apos; is missing or has the wrong type</source>
        <translation>字段“%1”缺失或类型不对</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Remote::Leadership</name>
    <message>
        <source>another server took over shard &apos;%1&apos; after epoch %2</source>
        <translation>另一台服务器已在纪元 %2 之后接管分片“%1”</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Remote::LinkOptions</name>
    <message>
        <source>&apos;%1&apos; is not a broker address: write mqtt://user@host:port</source>
        <translation>“%1”不是代理地址：请写成 mqtt://用户@主机:端口</translation>
    </message>
    <message>
        <source>&apos;%1&apos;: the broker address needs the user this computer logs in as (mqtt://user@host:port)</source>
        <translation>“%1”：代理地址须写明本机登录代理所用的用户（mqtt://用户@主机:端口）</translation>
    </message>
    <message>
        <source>--stations: &apos;%1&apos; names no station of the project</source>
        <translation>--stations：“%1”不是本工程的泵房</translation>
    </message>
    <message>
        <source>--stations: &apos;%1&apos; runs backwards</source>
        <translation>--stations：“%1”的范围起止颠倒</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Remote::RemoteSource</name>
    <message>
        <source>station %1: a malformed message from the server: %2</source>
        <translation>泵房 %1：服务器发来的消息格式错误：%2</translation>
    </message>
    <message>
        <source>station %1: the server&apos;s project has %2 tags for it, this one %3; its values are not shown until both load the same project</source>
        <translation>泵房 %1：服务器工程中该泵房有 %2 个变量，本机工程有 %3 个；两边加载同一工程之前不显示其数值</translation>
    </message>
    <message>
        <source>alarms of %1: a malformed message from the server: %2</source>
        <translation>%1 的报警：服务器发来的消息格式错误：%2</translation>
    </message>
    <message>
        <source>the realtime link to the server is lost: nothing can be sent</source>
        <translation>与服务器的实时连接已中断：无法发送</translation>
    </message>
    <message>
        <source>no server is active for this station</source>
        <translation>该泵房当前没有主用服务器</translation>
    </message>
    <message>
        <source>no answer from the server: the request was not carried out</source>
        <translation>服务器无应答：请求未执行</translation>
    </message>
    <message>
        <source>controls of %1: a malformed message from the server: %2</source>
        <translation>%1 的控制状态：服务器发来的消息格式错误：%2</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Remote::RequestServer</name>
    <message>
        <source>request from workstation &apos;%1&apos; refused: %2</source>
        <translation>拒绝工作站“%1”的请求：%2</translation>
    </message>
    <message>
        <source>request %1 (%2) from %3@%4, sent %5, expired at %6: not carried out</source>
        <translation>请求 %1（%2）来自 %3@%4，发送于 %5，已于 %6 过期：未执行</translation>
    </message>
    <message>
        <source>the request sent at %1 waited too long and was not carried out</source>
        <translation>%1 发出的请求等待过久，未执行</translation>
    </message>
    <message>
        <source>%1 may only watch: acknowledging and shelving need an operator</source>
        <translation>%1 只能查看：确认和搁置报警需要操作员权限</translation>
    </message>
    <message>
        <source>this server does not know the request &apos;%1&apos;</source>
        <translation>本服务器不认识请求“%1”</translation>
    </message>
    <message>
        <source>already acknowledged by %1 at %2</source>
        <translation>已由 %1 于 %2 确认</translation>
    </message>
    <message>
        <source>already acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>this alarm is no longer in the list (ended and acknowledged)</source>
        <translation>该报警已不在列表中（已结束并已确认）</translation>
    </message>
    <message>
        <source>no such station on this server</source>
        <translation>本服务器没有该泵房</translation>
    </message>
    <message numerus="yes">
        <source>%n alarms acknowledged</source>
        <translation>
            <numerusform>已确认 %n 条报警</numerusform>
        </translation>
    </message>
    <message>
        <source>no tag %1 on this server</source>
        <translation>本服务器没有变量 %1</translation>
    </message>
    <message>
        <source>%1 could not be shelved</source>
        <translation>%1 无法搁置</translation>
    </message>
    <message>
        <source>%1 is not shelved</source>
        <translation>%1 未被搁置</translation>
    </message>
    <message>
        <source>shelved</source>
        <translation>已搁置</translation>
    </message>
    <message>
        <source>unshelved</source>
        <translation>已取消搁置</translation>
    </message>
    <message>
        <source>control refused: the history database cannot be reached, so the command could not be audited</source>
        <translation>拒绝控制：历史数据库无法连接，命令无法审计</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Reports::Correction</name>
    <message>
        <source>manual entry</source>
        <translation>人工录入</translation>
    </message>
    <message>
        <source>the other meter of the pair</source>
        <translation>配对的另一块表</translation>
    </message>
    <message>
        <source>average of the same weekday over the last 4 weeks</source>
        <translation>近 4 周同一星期几的平均值</translation>
    </message>
    <message>
        <source>pump run time × rated flow</source>
        <translation>水泵运行时间 × 额定流量</translation>
    </message>
    <message>
        <source>kWh ÷ the station&apos;s usual kWh/m³</source>
        <translation>用电量 ÷ 本站常规吨水电耗</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Reports::CounterVolume</name>
    <message>
        <source>meter replaced at %1: old meter&apos;s final reading %2, new meter&apos;s first %3</source>
        <translation>%1 换表：旧表末读数 %2，新表初读数 %3</translation>
    </message>
    <message>
        <source>meter rolled over at %1 (%2 → %3)</source>
        <translation>计数器在 %1 处翻转（%2 → %3）</translation>
    </message>
    <message>
        <source>meter reset between %1 and %2 (%3 → %4); counted from 0</source>
        <translation>计数器在 %1 至 %2 之间归零（%3 → %4），按从 0 起计</translation>
    </message>
    <message>
        <source>no readings from %1 to %2: interpolated linearly</source>
        <translation>通讯中断 %1 至 %2，按线性插值分摊</translation>
    </message>
    <message>
        <source>the period is not over</source>
        <translation>统计期未结束</translation>
    </message>
    <message>
        <source>no data since %1</source>
        <translation>%1 起无数据</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>data from %1 on</source>
        <translation>%1 起有数据</translation>
    </message>
    <message>
        <source>the flow rate integrates to %1 m³, %2 % apart</source>
        <translation>瞬时流量积分为 %1 m³，相差 %2 %</translation>
    </message>
    <message>
        <source>the meter replacement entered for %1 (old %2, new %3) does not fit the readings and was not applied</source>
        <translation>%1 录入的换表（旧表 %2，新表 %3）与读数不符，未应用</translation>
    </message>
    <message>
        <source>the meter replacement entered for %1 (old %2, new %3) matches no drop in the readings and was not applied</source>
        <translation>%1 录入的换表（旧表 %2，新表 %3）找不到对应的读数下降，未应用</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Reports::ExportText</name>
    <message>
        <source>Notes: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Prepared at: %1</source>
        <translation>制表时间：%1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Corrections</source>
        <translation>修正记录</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Corrected value</source>
        <translation>修正后数值</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>修正说明</translation>
    </message>
    <message>
        <source>&amp;CPage &amp;P of &amp;N</source>
        <extracomment>Excel&apos;s footer codes: &amp;C centres, &amp;P is the page number, &amp;N the page count.</extracomment>
        <translation>&amp;C第 &amp;P 页 共 &amp;N 页</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报表</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Reports::OdtExport</name>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Prepared at: %1</source>
        <translation>制表时间：%1</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Reports::QueryEngine</name>
    <message>
        <source>no station has a tag &apos;%1&apos;</source>
        <translation>没有站点有数据项“%1”</translation>
    </message>
    <message>
        <source>Water produced</source>
        <translation>产水量</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>用电量</translation>
    </message>
    <message>
        <source>Energy per volume</source>
        <translation>吨水电耗</translation>
    </message>
    <message>
        <source>up to %1:00</source>
        <translation>截至%1时</translation>
    </message>
    <message>
        <source>up to day %1 %2:00</source>
        <translation>截至%1日%2时</translation>
    </message>
    <message>
        <source>up to %1-%2</source>
        <translation>截至%1月%2日</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>this period</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>previous period</source>
        <translation>上期</translation>
    </message>
    <message>
        <source>same period last year</source>
        <translation>去年同期</translation>
    </message>
    <message>
        <source>Pump %1</source>
        <translation>%1#泵</translation>
    </message>
    <message>
        <source>Valve</source>
        <translation>阀门</translation>
    </message>
    <message>
        <source>Inlet</source>
        <translation>进水</translation>
    </message>
    <message>
        <source>Outlet</source>
        <translation>出水</translation>
    </message>
    <message>
        <source>VFD</source>
        <translation>变频器</translation>
    </message>
    <message>
        <source>Tank</source>
        <translation>水箱</translation>
    </message>
    <message>
        <source>Power supply</source>
        <translation>电力</translation>
    </message>
    <message>
        <source>Water quality</source>
        <translation>水质</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>the period is empty: it must end after it starts</source>
        <translation>时段为空：结束时间必须晚于开始时间</translation>
    </message>
    <message>
        <source>unknown tag %1</source>
        <translation>未知数据项 %1</translation>
    </message>
    <message>
        <source>none of the stations %1 has a tag &apos;%2&apos;</source>
        <translation>站点 %1 都没有数据项“%2”</translation>
    </message>
    <message>
        <source>corrected by %1 (%2): %3 → %4, %5</source>
        <translation>%1 修正（%2）：%3 → %4，%5</translation>
    </message>
    <message>
        <source>blank</source>
        <translation>空白</translation>
    </message>
    <message>
        <source>no tag key given</source>
        <translation>未给出数据项键</translation>
    </message>
    <message>
        <source>the project names no meter for this (reports.production, reports.energy)</source>
        <translation>工程中未指定相应的计量表（reports.production、reports.energy）</translation>
    </message>
    <message>
        <source>the meter went back by %1 %2</source>
        <translation>计数器回退 %1 %2</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Reports::QueryReport</name>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Raw data</source>
        <translation>原始数据</translation>
    </message>
    <message>
        <source>15 minutes</source>
        <translation>15分钟</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均值</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>覆盖率</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数据项</translation>
    </message>
    <message>
        <source>Water produced</source>
        <translation>产水量</translation>
    </message>
    <message>
        <source>Energy</source>
        <translation>用电量</translation>
    </message>
    <message>
        <source>Energy per volume</source>
        <translation>吨水电耗</translation>
    </message>
    <message>
        <source>%1 pp</source>
        <translation>%1 个百分点</translation>
    </message>
    <message>
        <source>History query</source>
        <translation>综合查询</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Period: %1</source>
        <translation>时段：%1</translation>
    </message>
    <message>
        <source>Resolution: %1</source>
        <translation>分辨率：%1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Time of minimum</source>
        <translation>最小时间</translation>
    </message>
    <message>
        <source>Time of maximum</source>
        <translation>最大时间</translation>
    </message>
    <message>
        <source>Average (time-weighted)</source>
        <translation>平均值（时间加权）</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Coverage %</source>
        <translation>覆盖率 %</translation>
    </message>
    <message>
        <source>%1: %2 raw samples are more than a table lists; the curve and the statistics include all of them. Choose a coarser resolution for the table.</source>
        <translation>%1：原始数据共 %2 点，超出表格可列的行数；曲线和统计完整，表格请选较粗的分辨率。</translation>
    </message>
    <message>
        <source>Blank: no data. Italic: estimated across a communication gap. Averages are time-weighted; coverage is the share of the period with a valid value.</source>
        <translation>空白：无数据。斜体：通讯中断期间的估算值。平均值按时间加权；覆盖率为时段内有有效值的时间占比。</translation>
    </message>
    <message>
        <source>Comparison: %1%2</source>
        <translation>对比查询：%1%2</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Ranked by: %1</source>
        <translation>排名依据：%1</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>%1 %2: against the previous period and the same period last year</source>
        <translation>%1%2同比/环比</translation>
    </message>
    <message>
        <source>This period: %1</source>
        <translation>本期：%1</translation>
    </message>
    <message>
        <source>Previous period: %1</source>
        <translation>上期：%1</translation>
    </message>
    <message>
        <source>Same period last year: %1</source>
        <translation>去年同期：%1</translation>
    </message>
    <message>
        <source>Unit: %1</source>
        <translation>单位：%1</translation>
    </message>
    <message>
        <source>(pp)</source>
        <translation>（个百分点）</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>上期</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化量</translation>
    </message>
    <message>
        <source>Against previous %1</source>
        <translation>环比 %1</translation>
    </message>
    <message>
        <source>Same period last year</source>
        <translation>去年同期</translation>
    </message>
    <message>
        <source>Against last year %1</source>
        <translation>同比 %1</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>日均</translation>
    </message>
    <message>
        <source>not comparable: no data in one of the periods</source>
        <translation>不可比：其中一个时段无数据</translation>
    </message>
    <message>
        <source>the base is 0: no growth rate</source>
        <translation>基期为 0：无增长率</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>总体</translation>
    </message>
    <message>
        <source>%1, comparable against previous (%2 stations)</source>
        <translation>%1（环比可比口径 %2 站）</translation>
    </message>
    <message>
        <source>%1, comparable against last year (%2 stations)</source>
        <translation>%1（同比可比口径 %2 站）</translation>
    </message>
    <message>
        <source>This period is not over: it is compared %1, and each base over the same elapsed time from its start.</source>
        <translation>本期尚未结束：按%1对比，各基期取自其开始起相同的时长。</translation>
    </message>
    <message>
        <source>Stations with data: this period %1, previous period %2, same period last year %3; comparable: %4 against the previous period, %5 against last year. Totals count only the comparable stations.</source>
        <translation>有数据的站点：本期 %1 站，上期 %2 站，去年同期 %3 站；可比口径：环比 %4 站，同比 %5 站。合计只计可比站点。</translation>
    </message>
    <message>
        <source>Growth = (this period − base) / base; &quot;—&quot; where the base is 0 or missing.</source>
        <translation>增长率 =（本期 − 基期）/ 基期；基期为 0 或缺失时为“—”。</translation>
    </message>
    <message>
        <source>Total</source>
        <comment>a counter&apos;s advance over the period (累计)</comment>
        <translation>累计</translation>
    </message>
    <message>
        <source>Total</source>
        <comment>the sum over stations (合计)</comment>
        <translation>合计</translation>
    </message>
    <message>
        <source>%1, advance</source>
        <comment>a meter&apos;s advance per row (增量), not its reading</comment>
        <translation>%1增量</translation>
    </message>
    <message>
        <source>Period comparison</source>
        <translation>同比环比</translation>
    </message>
    <message>
        <source>%1/day</source>
        <translation>%1/日</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Reports::Report</name>
    <message>
        <source>row %1 has %2 cells, the report %3 columns</source>
        <translation>第 %1 行有 %2 个单元格，报表有 %3 列</translation>
    </message>
    <message>
        <source>merge %1 lies outside the grid</source>
        <translation>第 %1 个合并区域超出表格</translation>
    </message>
    <message>
        <source>merges %1 and %2 overlap</source>
        <translation>第 %1 与第 %2 个合并区域重叠</translation>
    </message>
    <message>
        <source>the total in row %1, column %2 adds cells outside the grid</source>
        <translation>第 %1 行第 %2 列的合计引用了表格外的单元格</translation>
    </message>
    <message>
        <source>the total in row %1, column %2 adds itself</source>
        <translation>第 %1 行第 %2 列的合计引用了自身</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>incomplete</source>
        <translation>数据不完整</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>估算</translation>
    </message>
    <message>
        <source>corrected</source>
        <translation>已修正</translation>
    </message>
    <message>
        <source>meter reset</source>
        <translation>含计数器归零</translation>
    </message>
    <message>
        <source>meter rollover</source>
        <translation>含计数器溢出回绕</translation>
    </message>
    <message>
        <source>meter replaced</source>
        <translation>含换表</translation>
    </message>
    <message>
        <source>suspect</source>
        <translation>数据可疑</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Reports::ReportBuilder</name>
    <message>
        <source>Prepared by</source>
        <translation>制表人</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>批准人</translation>
    </message>
    <message>
        <source>no station has a tag &apos;%1&apos;</source>
        <translation>没有泵站有变量“%1”</translation>
    </message>
    <message>
        <source>Daily comprehensive report: %1</source>
        <translation>综合日报表（%1）</translation>
    </message>
    <message>
        <source>Date: %1</source>
        <translation>日期：%1</translation>
    </message>
    <message>
        <source>Period: %1</source>
        <translation>统计口径：%1</translation>
    </message>
    <message>
        <source>Unit: %1</source>
        <translation>单位：%1</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>站名</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>最小</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>data for %1 minutes of the hour</source>
        <translation>本小时仅有 %1 分钟数据</translation>
    </message>
    <message>
        <source>Hourly values are time-weighted averages; max and min are the extremes of the samples. A blank cell has no data.</source>
        <translation>小时值为时间加权平均值；最大、最小为采样的极值。空白表示无数据。</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>泵站</translation>
    </message>
    <message>
        <source>no production line has a station with a meter &apos;%1&apos; (the project&apos;s reports.production)</source>
        <translation>没有生产线的泵站有计量表“%1”（项目的 reports.production）</translation>
    </message>
    <message>
        <source>%1 %2 is a float32 register: at %3 %4 it moves in steps of %5 %4, so an hour&apos;s volume is known to ±%5 %4.</source>
        <translation>%1 %2 为单精度浮点寄存器：读数 %3 %4 时分辨率为 %5 %4，每小时水量误差可达 ±%5 %4。</translation>
    </message>
    <message>
        <source>%1 daily water production report</source>
        <translation>%1产水量日报表</translation>
    </message>
    <message>
        <source>%1 monthly water production report</source>
        <translation>%1产水量月报表</translation>
    </message>
    <message>
        <source>%1 yearly water production report</source>
        <translation>%1产水量年报表</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>corrected by %1 at %2 (%3): %4 → %5, %6</source>
        <translation>%1 于 %2 修正（%3）：%4 → %5，%6</translation>
    </message>
    <message>
        <source>blank</source>
        <translation>空白</translation>
    </message>
    <message>
        <source>no station has an energy meter &apos;%1&apos; (the project&apos;s reports.energy)</source>
        <translation>没有泵站有电能表“%1”（项目的 reports.energy）</translation>
    </message>
    <message>
        <source>Tariff: %1 (%2), in force from %3</source>
        <translation>分时电价：%1（%2），自 %3 起执行</translation>
    </message>
    <message>
        <source>%1 energy report</source>
        <translation>%1能耗报表</translation>
    </message>
    <message>
        <source>Up to %1: the period is not over; its bases are compared over the same span</source>
        <translation>截至 %1：本期未结束，基期按相同时长比较</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>Energy kWh</source>
        <translation>用电量 kWh</translation>
    </message>
    <message>
        <source>Water m³</source>
        <translation>产水量 m³</translation>
    </message>
    <message>
        <source>kWh/m³</source>
        <translation>吨水电耗 kWh/m³</translation>
    </message>
    <message>
        <source>kWh/(km³·MPa)</source>
        <translation>千吨水兆帕电耗 kWh/(km³·MPa)</translation>
    </message>
    <message>
        <source>Efficiency %</source>
        <translation>泵组效率 %</translation>
    </message>
    <message>
        <source>Energy by tariff kWh</source>
        <translation>分时电量 kWh</translation>
    </message>
    <message>
        <source>Cost ¥</source>
        <translation>电费 元</translation>
    </message>
    <message>
        <source>Against the period before (kWh/m³)</source>
        <translation>环比（吨水电耗）</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>基期</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Growth %</source>
        <translation>增长率 %</translation>
    </message>
    <message>
        <source>Against last year (kWh/m³)</source>
        <translation>同比（吨水电耗）</translation>
    </message>
    <message>
        <source>Other stations</source>
        <translation>其他泵站</translation>
    </message>
    <message>
        <source>%1 subtotal</source>
        <translation>%1 小计</translation>
    </message>
    <message>
        <source>Comparable stations (data in both periods): %1 of %2 against %3, %4 of %2 against %5</source>
        <translation>可比口径（两期均有数据的泵站）：环比 %2 站中 %1 站（基期 %3），同比 %2 站中 %4 站（基期 %5）</translation>
    </message>
    <message>
        <source>kWh/m³: the energy meter&apos;s advance over the production meter&apos;s; kWh/(km³·MPa): 1000 × kWh ÷ (m³ × ΔP), ΔP the outlet minus inlet pressure weighted by each hour&apos;s volume; efficiency = 277.8 ÷ kWh/(km³·MPa). &quot;—&quot;: under 2 m³, or no base.</source>
        <translation>吨水电耗 = 电能表读数增量 ÷ 产水量表读数增量；千吨水兆帕电耗 = 1000 × 用电量 ÷ (产水量 × ΔP)，ΔP 为出水与进水压力之差按每小时水量加权；泵组效率 = 277.8 ÷ 千吨水兆帕电耗。“—”：水量不足 2 m³，或无基期。</translation>
    </message>
    <message>
        <source>canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Daily variation Kd (highest complete day ÷ mean complete day): %1</source>
        <translation>日变化系数 Kd（最大完整日 ÷ 完整日平均）：%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>%1 corrected by %2 (%3): %4 → %5</source>
        <translation>%1 已由 %2 修正（%3）：%4 → %5</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Reports::ReportPainter</name>
    <message>
        <source>green: corrected by an administrator</source>
        <translation>绿底 = 经管理员修正</translation>
    </message>
    <message>
        <source>italic: estimated, or a total including estimated values</source>
        <translation>斜体 = 估算值或含估算值的合计</translation>
    </message>
    <message>
        <source>blank: no data</source>
        <translation>空白 = 无数据</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2：%3</translation>
    </message>
    <message>
        <source>Marks: %1</source>
        <translation>标记说明：%1</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <source>%1 (continued)</source>
        <translation>%1（续）</translation>
    </message>
    <message>
        <source>%1: </source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>Prepared at: </source>
        <translation>制表时间：</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页 共 %2 页</translation>
    </message>
    <message>
        <source>cannot paint on the printer or the file</source>
        <translation>无法在打印机或文件上绘制</translation>
    </message>
    <message>
        <source>cannot start page %1</source>
        <translation>无法开始第 %1 页</translation>
    </message>
    <message>
        <source>cannot finish the printout</source>
        <translation>无法完成打印</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Reports::ReportPeriod</name>
    <message>
        <source>&apos;%1&apos; is not a period: expected a day (2026-12-01), a month (2026-12) or a year (2026)</source>
        <translation>“%1”不是统计期：应为日（2026-12-01）、月（2026-12）或年（2026）</translation>
    </message>
    <message>
        <source>%1-%2-%3</source>
        <translation>%1年%2月%3日</translation>
    </message>
    <message>
        <source>%1-%2</source>
        <translation>%1年%2月</translation>
    </message>
    <message>
        <source>year %1</source>
        <translation>%1年</translation>
    </message>
    <message>
        <source>each day 00:00 to 24:00</source>
        <translation>每日00:00至24:00</translation>
    </message>
    <message>
        <source>each day %1 to %1 the next day</source>
        <translation>每日%1至次日%1</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Reports::ReportScheduler</name>
    <message>
        <source>%1 exists already and is not overwritten</source>
        <translation>%1 已存在，不会覆盖</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>无法创建文件夹 %1</translation>
    </message>
    <message>
        <source>Draft: late data may still change it; the final version is issued at %1</source>
        <translation>草稿：迟到的数据仍可能改变数值；正式版将于 %1 生成</translation>
    </message>
    <message>
        <source>this program cannot write %1</source>
        <translation>本程序无法生成 %1</translation>
    </message>
    <message>
        <source>%1 not written: this program cannot write them</source>
        <translation>未生成 %1：本程序无法生成这些格式</translation>
    </message>
    <message>
        <source>%1 (not logged: %2)</source>
        <translation>%1（未能记录：%2）</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Reports::ReportStore</name>
    <message>
        <source>a correction needs a reason</source>
        <translation>修正须填写原因</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>no issued report version %1</source>
        <translation>没有已发布的报表版本 %1</translation>
    </message>
    <message>
        <source>%1 was already reviewed by %2</source>
        <translation>%1 已由 %2 审核</translation>
    </message>
    <message>
        <source>%1 was generated by %2, who cannot also review it</source>
        <translation>%1 由 %2 生成，不能由其本人审核</translation>
    </message>
    <message>
        <source>%1 (%2) may not “%3”</source>
        <translation>%1（%2）无“%3”权限</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Runtime::Pipeline</name>
    <message>
        <source>the acquisition thread has not answered for %1 s</source>
        <translation>采集线程已 %1 秒无响应</translation>
    </message>
    <message>
        <source>open alarms of the last run not read: %1</source>
        <translation>未能读取上次运行未结束的报警：%1</translation>
    </message>
    <message>
        <source>%1 alarms still open from the last run</source>
        <translation>上次运行遗留 %1 条未结束的报警</translation>
    </message>
    <message>
        <source>audit: %1 (%2, %3, %4) %5 %6/%7 %8 → %9: %10 %11</source>
        <translation>审计：%1（%2，%3，%4）%5 %6/%7 %8 → %9：%10 %11</translation>
    </message>
    <message>
        <source>shelved alarms of the last run not read: %1</source>
        <translation>未能读取上次运行的搁置报警：%1</translation>
    </message>
    <message>
        <source>%1 shelved tags still shelved from the last run</source>
        <translation>%1 个变量沿用上次运行的搁置</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Runtime::PipelineSink</name>
    <message>
        <source>station %1</source>
        <translation>站点 %1</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2：%3</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>audit: %1 wrote %2 %3 -&gt; %4: %5</source>
        <translation>审计：%1 写入 %2 %3 -&gt; %4：%5</translation>
    </message>
    <message>
        <source>ok, read back %1</source>
        <translation>成功，回读 %1</translation>
    </message>
    <message>
        <source>MQTT broker %1 connected</source>
        <translation>MQTT 代理 %1 已连接</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>MQTT broker %1: %2</source>
        <translation>MQTT 代理 %1：%2</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Runtime::ScheduledReports</name>
    <message>
        <source>scheduled report %1: scheduled reports are written as xlsx and csv, not %2</source>
        <translation>定时报表 %1：定时报表只生成 xlsx 和 csv，不生成 %2</translation>
    </message>
    <message>
        <source>scheduled reports: %1</source>
        <translation>定时报表：%1</translation>
    </message>
    <message>
        <source>scheduled report %1 %2 failed: %3</source>
        <translation>定时报表 %1 %2 失败：%3</translation>
    </message>
    <message>
        <source>scheduled report %1 %2 (%3): %4</source>
        <translation>定时报表 %1 %2（%3）：%4</translation>
    </message>
    <message>
        <source>scheduled reports: %1, checked every %2 minutes</source>
        <translation>定时报表：%1 个，每 %2 分钟检查一次</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Server::Main</name>
    <message>
        <source>PumpWatch acquisition, alarm and history server.</source>
        <translation>PumpWatch 采集、报警与历史服务。</translation>
    </message>
    <message>
        <source>project file to run</source>
        <translation>要运行的工程文件</translation>
    </message>
    <message>
        <source>run the built-in demo project</source>
        <translation>运行内置演示工程</translation>
    </message>
    <message>
        <source>stop after this many seconds</source>
        <translation>运行指定秒数后停止</translation>
    </message>
    <message>
        <source>give either --project FILE or --demo</source>
        <translation>请指定 --project 文件 或 --demo</translation>
    </message>
    <message>
        <source>%1: not started, the project has errors</source>
        <translation>%1：工程文件有错误，未启动</translation>
    </message>
    <message>
        <source>project &apos;%1&apos; from %2: %3 stations, %4 tags</source>
        <translation>工程 &apos;%1&apos;（%2）：%3 个站点，%4 个测点</translation>
    </message>
    <message>
        <source>signal %1 received, stopping</source>
        <translation>收到信号 %1，正在停止</translation>
    </message>
    <message>
        <source>--duration must be a number of seconds</source>
        <translation>--duration 必须是秒数</translation>
    </message>
    <message>
        <source>duration reached, stopping</source>
        <translation>已到运行时长，正在停止</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>print every sample batch as CSV on stdout (logs go to stderr)</source>
        <translation>将每批采样以 CSV 输出到标准输出（日志改输出到标准错误）</translation>
    </message>
    <message>
        <source>log acquisition statistics every S seconds (default 60)</source>
        <translation>每 S 秒记录一次采集统计（默认 60）</translation>
    </message>
    <message>
        <source>log debug messages too</source>
        <translation>同时记录调试信息</translation>
    </message>
    <message>
        <source>--stats must be a positive number of seconds</source>
        <translation>--stats 必须是正的秒数</translation>
    </message>
    <message>
        <source>store history in sqlite:PATH or postgres://user@host:port/database</source>
        <translation>历史数据存入 sqlite:路径 或 postgres://用户@主机:端口/数据库</translation>
    </message>
    <message>
        <source>folder for samples waiting while the database is away (default: beside the SQLite file, else the user&apos;s data folder)</source>
        <translation>数据库不可用时缓存数据的文件夹（默认：SQLite 文件旁，否则为用户数据文件夹）</translation>
    </message>
    <message>
        <source>history: %1, spool %2</source>
        <translation>历史：%1，缓存 %2</translation>
    </message>
    <message>
        <source>history: %1 samples received, %2 stored, %3 within deadband, %4 late, %5 spooled, %6 drained; database %7</source>
        <translation>历史：收到 %1 条，存储 %2 条，死区内 %3 条，补录 %4 条，缓存 %5 条，已补写 %6 条；数据库%7</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>unavailable</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>%1: not started, the alarm rules have errors</source>
        <translation>%1：报警规则有错误，未启动</translation>
    </message>
    <message>
        <source>alarm: %1</source>
        <translation>报警：%1</translation>
    </message>
    <message>
        <source>alarm ended (%1): %2</source>
        <translation>报警结束（%1）：%2</translation>
    </message>
    <message>
        <source>alarm acknowledged by %1: %2</source>
        <translation>报警已由 %1 确认：%2</translation>
    </message>
    <message>
        <source>alarms: %1 active, %2 awaiting acknowledgement; %3 raised, %4 ended, %5 backfilled samples ignored</source>
        <translation>报警：%1 条未结束，%2 条待确认；已产生 %3 条，已结束 %4 条，忽略补录数据 %5 条</translation>
    </message>
    <message>
        <source>acquisition: %1 of %2 devices online; %3 requests, %4 answers, %5 exceptions, %6 timeouts, %7 invalid answers, %8 demoted; %9 cycles, %10 overruns</source>
        <translation>采集：%2 台设备中 %1 台在线；请求 %3 次，应答 %4 次，异常 %5 次，超时 %6 次，无效应答 %7 次，降级 %8 台；轮询周期 %9 次，超时跳过 %10 次</translation>
    </message>
    <message>
        <source>  %1: %2 invalid answers, %3 timeouts; demoted, next try %4: %5</source>
        <translation>  %1：无效应答 %2 次，超时 %3 次；已降级，下次尝试 %4：%5</translation>
    </message>
    <message>
        <source>  %1: %2 invalid answers, %3 timeouts: %4</source>
        <translation>  %1：无效应答 %2 次，超时 %3 次：%4</translation>
    </message>
    <message>
        <source>history: SQLite page cache %1 kB of its %2 kB</source>
        <translation>历史：SQLite 页缓存 %1 kB（上限 %2 kB）</translation>
    </message>
    <message>
        <source>memory: heap %1 kB in use, %2 kB free in the heap, %3 kB mapped</source>
        <translation>内存：堆已用 %1 kB，堆内空闲 %2 kB，映射 %3 kB</translation>
    </message>
    <message>
        <source>history: SQLite page cache %1 kB of its %2 kB; SQLite pages %3 kB resident apart from the heap, %4 of %5 slots in use, %6 taken from the heap</source>
        <translation>历史：SQLite 页缓存 %1 kB（上限 %2 kB）；SQLite 页面在堆外驻留 %3 kB，已用 %4 / %5 个槽位，%6 个取自堆</translation>
    </message>
    <message>
        <source>history: %1 SQLite pages did not fit in their %2 slots</source>
        <translation>历史：%1 个 SQLite 页面超出了 %2 个槽位</translation>
    </message>
    <message>
        <source>scheduled reports: not issued without --db</source>
        <translation>定时报表：未指定 --db，不生成</translation>
    </message>
    <message>
        <source>serve workstations through this MQTT broker, mqtt://user@host:port (a control room: docs/deploy-control-room.md)</source>
        <translation>通过此 MQTT 代理为工作站服务，mqtt://用户@主机:端口（调度中心部署见 docs/deploy-control-room.md）</translation>
    </message>
    <message>
        <source>the broker password, first line of FILE</source>
        <translation>代理密码，取自 FILE 的第一行</translation>
    </message>
    <message>
        <source>this server&apos;s name on the broker (default: the host name)</source>
        <translation>本服务器在代理上的名称（默认：主机名）</translation>
    </message>
    <message>
        <source>the set of stations this server serves; a second server of the same shard is its hot standby (default: main)</source>
        <translation>本服务器负责的泵房分片；同一分片的第二台服务器为其热备（默认：main）</translation>
    </message>
    <message>
        <source>the shard&apos;s stations, e.g. S0001-S1000,S1500 (default: all)</source>
        <translation>分片包含的泵房，例如 S0001-S1000,S1500（默认：全部）</translation>
    </message>
    <message>
        <source>--stations goes with --broker</source>
        <translation>--stations 须与 --broker 一起使用</translation>
    </message>
    <message>
        <source>broker: %1</source>
        <translation>代理：%1</translation>
    </message>
    <message>
        <source>serve the data-sharing HTTP API on ADDRESS:PORT, e.g. 0.0.0.0:8080 (needs --db; docs/data-sharing.md)</source>
        <translation>在 ADDRESS:PORT 提供数据共享 HTTP API，例如 0.0.0.0:8080（需要 --db；见 docs/data-sharing.md）</translation>
    </message>
    <message>
        <source>--api takes ADDRESS:PORT, e.g. 0.0.0.0:8080</source>
        <translation>--api 的参数为 ADDRESS:PORT，例如 0.0.0.0:8080</translation>
    </message>
    <message>
        <source>--api needs --db: it serves what is stored</source>
        <translation>--api 需要 --db：它提供的是已存储的数据</translation>
    </message>
    <message>
        <source>API: %1</source>
        <translation>API：%1</translation>
    </message>
    <message>
        <source>data-sharing API on %1:%2</source>
        <translation>数据共享 API 在 %1:%2</translation>
    </message>
    <message>
        <source>station and tag names for data sharing not written: %1</source>
        <translation>未写入供数据共享的泵房和变量名称：%1</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Server::ServerLink</name>
    <message>
        <source>broker %1:%2 connected</source>
        <translation>已连接代理 %1:%2</translation>
    </message>
    <message>
        <source>broker connection lost: %1; polling, alarms and history go on, workstations see old values until it is back</source>
        <translation>与代理的连接中断：%1；采集、报警和历史记录照常进行，恢复前工作站看到的是旧数值</translation>
    </message>
    <message>
        <source>broker %1:%2 not reachable: %3</source>
        <translation>无法连接代理 %1:%2：%3</translation>
    </message>
    <message>
        <source>no PostgreSQL to elect in: this server is the only one of shard &apos;%1&apos;</source>
        <translation>没有用于选主的 PostgreSQL：本服务器是分片“%1”唯一的服务器</translation>
    </message>
    <message>
        <source>no longer the active server: %1</source>
        <translation>不再是主用服务器：%1</translation>
    </message>
    <message>
        <source>lease database reachable</source>
        <translation>租约数据库可连接</translation>
    </message>
    <message>
        <source>lease database unreachable: %1</source>
        <translation>租约数据库无法连接：%1</translation>
    </message>
    <message>
        <source>standby for shard &apos;%1&apos;: waiting for its lease</source>
        <translation>分片“%1”的备用服务器：等待租约</translation>
    </message>
    <message>
        <source>active server of shard &apos;%1&apos;, epoch %2</source>
        <translation>分片“%1”的主用服务器，纪元 %2</translation>
    </message>
    <message>
        <source>link: standby</source>
        <translation>实时链路：备用</translation>
    </message>
    <message>
        <source>link: epoch %1; %2 deltas, %3 snapshots, %4 alarm messages, %5 kB; requests %6 carried out, %7 expired, %8 repeated, %9 refused, %10 ignored, %11 invalid; %12 resyncs</source>
        <translation>实时链路：纪元 %1；增量 %2 条，快照 %3 条，报警消息 %4 条，%5 kB；请求执行 %6 条，过期 %7 条，重复 %8 条，拒绝 %9 条，忽略 %10 条，无效 %11 条；重新同步 %12 次</translation>
    </message>
    <message>
        <source>this server does not hold the lease of shard &apos;%1&apos; now</source>
        <translation>本服务器当前未持有分片“%1”的租约</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Share::ApiServer</name>
    <message>
        <source>the data sharing API needs a database</source>
        <translation>数据共享 API 需要数据库</translation>
    </message>
    <message>
        <source>the data sharing API cannot listen on %1 port %2</source>
        <translation>数据共享 API 无法在 %1 端口 %2 上监听</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Share::Connection</name>
    <message>
        <source>no database given</source>
        <translation>未指定数据库</translation>
    </message>
    <message>
        <source>creating the data sharing tables: %1</source>
        <translation>创建数据共享表：%1</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Share::ReaderViews</name>
    <message>
        <source>the read-only views and the reader role are PostgreSQL only (%1 is not a PostgreSQL database)</source>
        <translation>只读视图和读取角色仅支持 PostgreSQL（%1 不是 PostgreSQL 数据库）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid reader name: lower-case letters, digits and _, starting with a letter</source>
        <translation>“%1”不是有效的读取角色名称：只能用小写字母、数字和 _，并以字母开头</translation>
    </message>
    <message>
        <source>the reader&apos;s password is empty</source>
        <translation>读取角色的密码为空</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>looking up the role</source>
        <translation>查询角色</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is a superuser or the account running the setup: choose another reader name</source>
        <translation>“%1”是超级用户或正在执行设置的账户：请另选读取角色名称</translation>
    </message>
    <message>
        <source>preparing the grants</source>
        <translation>准备授权</translation>
    </message>
    <message>
        <source>creating the role %1</source>
        <translation>创建角色 %1</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Share::Tokens</name>
    <message>
        <source>a token needs a name</source>
        <translation>令牌需要名称</translation>
    </message>
    <message>
        <source>a token needs at least one scope (%1)</source>
        <translation>令牌至少需要一个权限范围（%1）</translation>
    </message>
    <message>
        <source>unknown scope &apos;%1&apos; (known: %2)</source>
        <translation>未知权限范围“%1”（可用：%2）</translation>
    </message>
    <message>
        <source>a token named &apos;%1&apos; exists already (revoked tokens keep their names)</source>
        <translation>名为“%1”的令牌已存在（已吊销的令牌仍保留其名称）</translation>
    </message>
    <message>
        <source>no token named &apos;%1&apos; in force</source>
        <translation>没有名为“%1”的有效令牌</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Sim::Backfill</name>
    <message>
        <source>the backfill needs an interval of at least 1 s and an end after its start</source>
        <translation>补录数据需要至少 1 秒的间隔，且结束时间晚于开始时间</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Sim::CityServer</name>
    <message>
        <source>%1: unit id %2 on %3 is taken by %4</source>
        <translation>%1：%3 上的站号 %2 已被 %4 占用</translation>
    </message>
    <message>
        <source>%1: endpoint &apos;%2&apos; is not an IPv4 host:port</source>
        <translation>%1：端点 &apos;%2&apos; 不是 IPv4 主机:端口</translation>
    </message>
    <message>
        <source>%1: cannot listen on %2: %3</source>
        <translation>%1：无法在 %2 上监听：%3</translation>
    </message>
    <message>
        <source>%1: %2 exists and is not a link the simulator made</source>
        <translation>%1：%2 已存在，且不是模拟器创建的链接</translation>
    </message>
    <message>
        <source>%1: cannot create a pty: %2</source>
        <translation>%1：无法创建伪终端：%2</translation>
    </message>
    <message>
        <source>%1: cannot link %2 to %3</source>
        <translation>%1：无法将 %2 链接到 %3</translation>
    </message>
    <message>
        <source>%1 -&gt; %2 (units %3)</source>
        <translation>%1 -&gt; %2（站号 %3）</translation>
    </message>
    <message>
        <source>cannot reach the server thread</source>
        <translation>无法访问服务线程</translation>
    </message>
    <message>
        <source>empty command; try &apos;help&apos;</source>
        <translation>命令为空；请输入 &apos;help&apos;</translation>
    </message>
    <message>
        <source>speed must be a number above 0</source>
        <translation>速度必须是大于 0 的数字</translation>
    </message>
    <message>
        <source>get takes STATION/DEVICE/TAG</source>
        <translation>get 的参数为 站点/设备/测点</translation>
    </message>
    <message>
        <source>no simulated tag %1</source>
        <translation>没有模拟测点 %1</translation>
    </message>
    <message>
        <source>unknown command &apos;%1&apos;; try &apos;help&apos;</source>
        <translation>未知命令 &apos;%1&apos;；请输入 &apos;help&apos;</translation>
    </message>
    <message>
        <source>no station or device &apos;%1&apos;</source>
        <translation>没有站点或设备 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>%1 takes TARGET on|off</source>
        <translation>%1 的参数为 目标 on|off</translation>
    </message>
    <message>
        <source>latency takes TARGET MILLISECONDS</source>
        <translation>latency 的参数为 目标 毫秒数</translation>
    </message>
    <message>
        <source>exception takes TARGET START COUNT [CODE] or TARGET off</source>
        <translation>exception 的参数为 目标 起始地址 数量 [异常码] 或 目标 off</translation>
    </message>
    <message>
        <source>sensor takes TARGET KEY freeze|range|off</source>
        <translation>sensor 的参数为 目标 测点键 freeze|range|off</translation>
    </message>
    <message>
        <source>pumpfault takes TARGET PUMP(1-3) on|off</source>
        <translation>pumpfault 的参数为 目标 泵号(1-3) on|off</translation>
    </message>
    <message>
        <source>%1 is not implemented</source>
        <translation>%1 尚未实现</translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n pump(s)</source>
        <translation>
            <numerusform>%1 只有 %n 台泵</numerusform>
        </translation>
    </message>
    <message>
        <source>this city has no gateways (devices mqtt-neuron or mqtt-sparkplug)</source>
        <translation>该城市没有网关（mqtt-neuron 或 mqtt-sparkplug 设备）</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Sim::GatewayPublisher</name>
    <message>
        <source>gateway-link takes on|off</source>
        <translation>gateway-link 的参数为 on|off</translation>
    </message>
    <message>
        <source>no gateway device &apos;%1&apos;</source>
        <translation>没有网关设备“%1”</translation>
    </message>
    <message>
        <source>%1 is not a Sparkplug device</source>
        <translation>%1 不是 Sparkplug 设备</translation>
    </message>
    <message>
        <source>gateway TARGET error takes a Neuron error code</source>
        <translation>gateway 目标 error 需要 Neuron 错误码</translation>
    </message>
    <message>
        <source>%1 is not a Neuron device</source>
        <translation>%1 不是 Neuron 设备</translation>
    </message>
    <message>
        <source>gateway takes TARGET off|on|malformed|skip-seq|ok or TARGET error CODE</source>
        <translation>gateway 的参数为 目标 off|on|malformed|skip-seq|ok 或 目标 error 错误码</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Sim::LocalBroker</name>
    <message>
        <source>mosquitto is not installed (installer/install-deps.sh installs it)</source>
        <translation>未安装 mosquitto（installer/install-deps.sh 会安装它）</translation>
    </message>
    <message>
        <source>no temporary folder for the broker: %1</source>
        <translation>无法为代理创建临时文件夹：%1</translation>
    </message>
    <message>
        <source>no free port on 127.0.0.1: %1</source>
        <translation>127.0.0.1 上没有空闲端口：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>mosquitto did not listen on 127.0.0.1:%1: %2</source>
        <translation>mosquitto 未能在 127.0.0.1:%1 上监听：%2</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Sim::LocalCity</name>
    <message>
        <source>no free loopback port for %1/%2: %3</source>
        <translation>%1/%2 没有可用的本机端口：%3</translation>
    </message>
    <message>
        <source>error: the city is not running</source>
        <translation>错误：模拟城市未运行</translation>
    </message>
</context>
<context>
    <name>PumpWatch::SimApp::Main</name>
    <message>
        <source>project file of the city</source>
        <translation>城市的工程文件</translation>
    </message>
    <message>
        <source>the built-in demo city</source>
        <translation>内置演示城市</translation>
    </message>
    <message>
        <source>generate a city of N stations</source>
        <translation>生成 N 个站点的城市</translation>
    </message>
    <message>
        <source>write the city&apos;s project file here</source>
        <translation>将城市工程文件写到此处</translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
    <message>
        <source>%1 stations, %2 devices</source>
        <translation>%1 个站点，%2 台设备</translation>
    </message>
    <message>
        <source>--%1 must be a number from %2 to %3</source>
        <translation>--%1 必须是 %2 到 %3 之间的数字</translation>
    </message>
    <message>
        <source>--%1 takes a local time like 2026-11-21T08:00:00</source>
        <translation>--%1 需要本地时间，如 2026-11-21T08:00:00</translation>
    </message>
    <message>
        <source>--backfill needs --output FILE</source>
        <translation>--backfill 需要 --output 文件</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: %2 rows</source>
        <translation>%1：%2 行</translation>
    </message>
    <message>
        <source>--fault &apos;%1&apos;: %2</source>
        <translation>--fault &apos;%1&apos;：%2</translation>
    </message>
    <message>
        <source>%1 stations, %2 devices; %3× speed; commands on stdin (&apos;help&apos;)</source>
        <translation>%1 个站点，%2 台设备；%3 倍速；标准输入接受命令（&apos;help&apos;）</translation>
    </message>
    <message>
        <source>seed of the generated city and its model (1)</source>
        <translation>生成城市及其模型的随机种子（1）</translation>
    </message>
    <message>
        <source>serve TCP devices on 127.0.0.1 from port P+1 on (15000 for generated cities)</source>
        <translation>在 127.0.0.1 上从端口 P+1 起提供 TCP 设备（生成的城市默认 15000）</translation>
    </message>
    <message>
        <source>generated city: the first N stations share one Modbus RTU line</source>
        <translation>生成的城市：前 N 个站点共用一条 Modbus RTU 线路</translation>
    </message>
    <message>
        <source>generated city: path of the RTU line&apos;s pty link</source>
        <translation>生成的城市：RTU 线路伪终端链接的路径</translation>
    </message>
    <message>
        <source>list the devices and their endpoints, then exit</source>
        <translation>列出设备及其端点后退出</translation>
    </message>
    <message>
        <source>simulated seconds per real second (1)</source>
        <translation>每实际秒对应的模拟秒数（1）</translation>
    </message>
    <message>
        <source>simulated local time to start at (now)</source>
        <translation>模拟开始的本地时间（当前时间）</translation>
    </message>
    <message>
        <source>a control command to run at start, e.g. &apos;burst S0003 on&apos; (repeatable)</source>
        <translation>启动时执行的控制命令，如 &apos;burst S0003 on&apos;（可重复）</translation>
    </message>
    <message>
        <source>stop after S seconds</source>
        <translation>运行 S 秒后停止</translation>
    </message>
    <message>
        <source>seconds a PLC answers on its UPS after a power outage (10)</source>
        <translation>停电后 PLC 依靠 UPS 继续应答的秒数（10）</translation>
    </message>
    <message>
        <source>write DAYS of history as CSV instead of serving</source>
        <translation>不提供服务，改为将若干天的历史数据写成 CSV</translation>
    </message>
    <message>
        <source>the backfill CSV file</source>
        <translation>补录数据的 CSV 文件</translation>
    </message>
    <message>
        <source>seconds between backfill rows (60)</source>
        <translation>补录数据的行间隔秒数（60）</translation>
    </message>
    <message>
        <source>local time the backfill ends at (now)</source>
        <translation>补录数据结束的本地时间（当前时间）</translation>
    </message>
    <message>
        <source>backfill only these tag keys, comma-separated</source>
        <translation>只补录这些测点键，以逗号分隔</translation>
    </message>
    <message>
        <source>PumpWatch simulated city: pump houses served as Modbus TCP/RTU PLCs and IoT gateways (Neuron, Sparkplug B).</source>
        <translation>PumpWatch 模拟城市：以 Modbus TCP/RTU PLC 及物联网网关（Neuron、Sparkplug B）形式提供的泵房。</translation>
    </message>
    <message>
        <source>--broker takes HOST:PORT</source>
        <translation>--broker 需要 主机:端口</translation>
    </message>
    <message>
        <source>generated city: the last N stations are EMQ Neuron gateways&apos; (MQTT)</source>
        <translation>生成的城市：最后 N 个站点由 EMQ Neuron 网关接入（MQTT）</translation>
    </message>
    <message>
        <source>generated city: the M stations before those are Sparkplug B edge nodes (MQTT)</source>
        <translation>生成的城市：其前 M 个站点为 Sparkplug B 边缘节点（MQTT）</translation>
    </message>
    <message>
        <source>generated city: the gateways&apos; MQTT broker (127.0.0.1:1883)</source>
        <translation>生成的城市：网关的 MQTT 代理（127.0.0.1:1883）</translation>
    </message>
</context>
<context>
    <name>PumpWatch::TagCheck</name>
    <message>
        <source>&apos;%1&apos; is not a tag key (not empty, no &apos;/&apos; or spaces)</source>
        <translation>&apos;%1&apos; 不是有效的测点键（不能为空，不能含 &apos;/&apos; 或空格）</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>不能为空</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a unit of %2 (%3)</source>
        <translation>&apos;%1&apos; 不是 %2 的单位（%3）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is read-only (an input), so access cannot be rw</source>
        <translation>&apos;%1&apos; 是只读输入，读写方式不能为 rw</translation>
    </message>
    <message>
        <source>gain must not be 0</source>
        <translation>系数不能为 0</translation>
    </message>
    <message>
        <source>must not be negative</source>
        <translation>不能为负数</translation>
    </message>
    <message>
        <source>limits out of order: %1 %2 &gt; %3 %4 (LL ≤ L ≤ H ≤ HH)</source>
        <translation>限值顺序错误：%1 %2 &gt; %3 %4（低低 ≤ 低 ≤ 高 ≤ 高高）</translation>
    </message>
    <message>
        <source>rate must be greater than 0, not %1</source>
        <translation>突变率必须大于 0，而不是 %1</translation>
    </message>
    <message>
        <source>deadband must not be negative</source>
        <translation>死区不能为负数</translation>
    </message>
    <message>
        <source>period %1: </source>
        <translation>时段 %1：</translation>
    </message>
    <message>
        <source>applies on no day of the week</source>
        <translation>未选择任何星期</translation>
    </message>
    <message>
        <source>times must lie within the day (00:00 to 24:00)</source>
        <translation>时间必须在一天之内（00:00 至 24:00）</translation>
    </message>
    <message>
        <source>required, missing (a Modbus device reads the tag from it)</source>
        <translation>缺少必填项（Modbus 设备从该地址读取测点）</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Tariff</name>
    <message>
        <source>deep valley</source>
        <translation>深谷</translation>
    </message>
    <message>
        <source>valley</source>
        <translation>谷</translation>
    </message>
    <message>
        <source>flat</source>
        <translation>平</translation>
    </message>
    <message>
        <source>peak</source>
        <translation>峰</translation>
    </message>
    <message>
        <source>sharp peak</source>
        <translation>尖峰</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::AlarmBanner</name>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Silence</source>
        <translation>消音</translation>
    </message>
    <message>
        <source>Unacknowledged: %1 critical · %2 warning</source>
        <translation>未确认：紧急 %1 · 警告 %2</translation>
    </message>
    <message>
        <source>No unacknowledged alarm</source>
        <translation>无未确认报警</translation>
    </message>
    <message>
        <source>Horn sounding</source>
        <translation>报警音响起</translation>
    </message>
    <message>
        <source>Horn silenced by %1 at %2</source>
        <translation>%1 于 %2 消音</translation>
    </message>
    <message>
        <source>On duty: %1 (%2)</source>
        <translation>值班：%1（%2）</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::AlarmListModel</name>
    <message>
        <source>Start</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>站名</translation>
    </message>
    <message>
        <source>Monitored value</source>
        <translation>监控值</translation>
    </message>
    <message>
        <source>Alarm type</source>
        <translation>报警类型</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Active, acknowledged by %1</source>
        <translation>报警中，%1 已确认</translation>
    </message>
    <message>
        <source>Active, unacknowledged</source>
        <translation>报警中，未确认</translation>
    </message>
    <message>
        <source>Returned, unacknowledged</source>
        <translation>已恢复，未确认</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::AlarmPanel</name>
    <message>
        <source>Acknowledge alarm</source>
        <translation>确认报警</translation>
    </message>
    <message>
        <source>Handling and result (Ctrl+Enter to acknowledge)</source>
        <translation>处理内容及结果（Ctrl+Enter 确认）</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Acknowledge (Enter)</source>
        <translation>确认 (Enter)</translation>
    </message>
    <message>
        <source>Acknowledge station</source>
        <translation>确认本站</translation>
    </message>
    <message>
        <source>Silence</source>
        <translation>消音</translation>
    </message>
    <message>
        <source>%1 alarms, %2 unacknowledged</source>
        <translation>报警 %1 条，未确认 %2 条</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::AlarmPeriodDialog</name>
    <message>
        <source>Time periods — %1</source>
        <translation>分时段限值 — %1</translation>
    </message>
    <message>
        <source>The first period containing a moment applies; outside every period the tag&apos;s own limits do. A period ending at or before its start runs past midnight.</source>
        <translation>某一时刻按包含它的第一个时段的限值报警；不在任何时段内时使用测点本身的限值。结束时间早于或等于开始时间的时段跨过午夜。</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>Low-low</source>
        <translation>低低限</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低限</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高限</translation>
    </message>
    <message>
        <source>High-high</source>
        <translation>高高限</translation>
    </message>
    <message>
        <source>Rate /min</source>
        <translation>突变率 /分钟</translation>
    </message>
    <message>
        <source>Add period</source>
        <translation>添加时段</translation>
    </message>
    <message>
        <source>Remove period</source>
        <translation>删除时段</translation>
    </message>
    <message>
        <source>Period %1, %2: &apos;%3&apos; is not a number</source>
        <translation>时段 %1，%2：“%3”不是数字</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::AlarmQuery</name>
    <message>
        <source>Not ended only</source>
        <translation>只看未恢复</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>站名</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>是否确认</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Export alarm records</source>
        <translation>导出报警记录</translation>
    </message>
    <message>
        <source>alarm-records.csv</source>
        <translation>报警记录.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>No history database: alarm records are not stored.</source>
        <translation>没有历史数据库：报警记录未保存。</translation>
    </message>
    <message>
        <source>Querying…</source>
        <translation>查询中…</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>共 %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>All priorities</source>
        <translation>全部级别</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Acknowledged or not</source>
        <translation>全部（确认与否）</translation>
    </message>
    <message>
        <source>Unacknowledged</source>
        <translation>未确认</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>The start of the period must be before its end.</source>
        <translation>时段的开始必须早于结束。</translation>
    </message>
    <message>
        <source>No station matches “%1”.</source>
        <translation>没有站点与“%1”匹配。</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::AuditViewer</name>
    <message>
        <source>Control commands (all)</source>
        <translation>控制命令（全部）</translation>
    </message>
    <message>
        <source>Control: select</source>
        <translation>控制：选中</translation>
    </message>
    <message>
        <source>Control: operate</source>
        <translation>控制：执行</translation>
    </message>
    <message>
        <source>Control: cancel</source>
        <translation>控制：取消</translation>
    </message>
    <message>
        <source>Control: confirmed</source>
        <translation>控制：已确认</translation>
    </message>
    <message>
        <source>Control: failed</source>
        <translation>控制：失败</translation>
    </message>
    <message>
        <source>Control: expired</source>
        <translation>控制：超时</translation>
    </message>
    <message>
        <source>Value written</source>
        <translation>写入数值</translation>
    </message>
    <message>
        <source>Limits changed</source>
        <translation>报警限值已修改</translation>
    </message>
    <message>
        <source>Alarm journal (all)</source>
        <translation>报警记录（全部）</translation>
    </message>
    <message>
        <source>Alarm raised</source>
        <translation>报警产生</translation>
    </message>
    <message>
        <source>Alarm ended</source>
        <translation>报警结束</translation>
    </message>
    <message>
        <source>Alarm acknowledged</source>
        <translation>报警已确认</translation>
    </message>
    <message>
        <source>Alarm shelved</source>
        <translation>报警已搁置</translation>
    </message>
    <message>
        <source>Alarm unshelved</source>
        <translation>报警已取消搁置</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Logout</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>Screen locked</source>
        <translation>屏幕已锁定</translation>
    </message>
    <message>
        <source>Screen unlocked</source>
        <translation>屏幕已解锁</translation>
    </message>
    <message>
        <source>Workstation closed</source>
        <translation>工作站已关闭</translation>
    </message>
    <message>
        <source>Report corrected</source>
        <translation>报表已修正</translation>
    </message>
    <message>
        <source>Report reviewed</source>
        <translation>报表已审核</translation>
    </message>
    <message>
        <source>Meter replaced</source>
        <translation>已换表</translation>
    </message>
    <message>
        <source>Drawing saved</source>
        <translation>画面已保存</translation>
    </message>
    <message>
        <source>User accounts (all)</source>
        <translation>用户账户（全部）</translation>
    </message>
    <message>
        <source>User added</source>
        <translation>已添加用户</translation>
    </message>
    <message>
        <source>User edited</source>
        <translation>已编辑用户</translation>
    </message>
    <message>
        <source>User&apos;s role changed</source>
        <translation>用户角色已更改</translation>
    </message>
    <message>
        <source>User disabled</source>
        <translation>用户已停用</translation>
    </message>
    <message>
        <source>User enabled</source>
        <translation>用户已启用</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>密码已重置</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>密码已修改</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>账户已锁定</translation>
    </message>
    <message>
        <source>Account unlocked</source>
        <translation>账户已解锁</translation>
    </message>
    <message>
        <source>Role permissions changed</source>
        <translation>角色权限已更改</translation>
    </message>
    <message>
        <source>Password rules changed</source>
        <translation>密码规则已更改</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>校验</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>login or name; empty: everybody</source>
        <translation>登录名或姓名；为空：所有人</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Workstation</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Old → new</source>
        <translation>旧值 → 新值</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Export the audit trail</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <source>audit.csv</source>
        <translation>audit.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>No history database: the audit trail is not stored.</source>
        <translation>没有历史数据库：审计日志未保存。</translation>
    </message>
    <message>
        <source>The start of the period must be before its end.</source>
        <translation>时段的开始必须早于结束。</translation>
    </message>
    <message>
        <source>No station matches “%1”.</source>
        <translation>没有站点与“%1”匹配。</translation>
    </message>
    <message>
        <source>Querying…</source>
        <translation>查询中…</translation>
    </message>
    <message>
        <source>Verifying the audit chain…</source>
        <translation>正在校验审计链…</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>完好</translation>
    </message>
    <message>
        <source>The newest %1 rows shown; narrow the filter to see older ones.</source>
        <translation>仅显示最新的 %1 条记录；缩小筛选范围可查看更早的记录。</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>Intact: %1 audit rows and %2 alarm journal rows verified (%3 rows from before the chain began)</source>
        <translation>完好：已校验 %1 条审计记录和 %2 条报警记录（另有 %3 条记录早于审计链建立）</translation>
    </message>
    <message>
        <source>Broken: %1</source>
        <translation>已损坏：%1</translation>
    </message>
    <message>
        <source>Cannot verify: %1</source>
        <translation>无法校验：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::BindingEditor</name>
    <message>
        <source>Bindings</source>
        <translation>绑定</translation>
    </message>
    <message>
        <source>Declare role %1 and bind %2.%3</source>
        <translation>声明角色 %1 并绑定 %2.%3</translation>
    </message>
    <message>
        <source>Bindings: none for this element</source>
        <translation>绑定：此元素没有可绑定的插槽</translation>
    </message>
    <message>
        <source>Role of %1</source>
        <translation>%1 的角色</translation>
    </message>
    <message>
        <source>unbound — type a role, tag name or pinyin</source>
        <translation>未绑定——输入角色、点位名称或拼音</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Unbind %1</source>
        <translation>解除 %1 的绑定</translation>
    </message>
    <message>
        <source>New role…</source>
        <translation>新建角色…</translation>
    </message>
    <message>
        <source>Declare a role from a tag of the template and bind it</source>
        <translation>从模板点位声明一个角色并绑定</translation>
    </message>
    <message>
        <source>unbound</source>
        <translation>未绑定</translation>
    </message>
    <message>
        <source>the role %1 is not declared in the drawing</source>
        <translation>画面未声明角色 %1</translation>
    </message>
    <message>
        <source>%1 (unbound)</source>
        <translation>%1（未绑定）</translation>
    </message>
    <message>
        <source>Unbound: %1</source>
        <translation>未绑定：%1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>⚠ No %1 role matches “%2”.</source>
        <translation>⚠ 没有与“%2”匹配的%1角色。</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::DrawingEditor</name>
    <message>
        <source>The symbol library cannot be loaded: %1</source>
        <translation>无法加载符号库：%1</translation>
    </message>
    <message>
        <source>Symbols</source>
        <translation>符号</translation>
    </message>
    <message>
        <source>Properties</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>&lt;opened&gt;</source>
        <translation>&lt;打开时&gt;</translation>
    </message>
    <message>
        <source>Undo history</source>
        <translation>撤销历史</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Edit graphics — %1[*]</source>
        <translation>画面编辑 — %1[*]</translation>
    </message>
    <message>
        <source>%1: no drawing serves this station</source>
        <translation>%1：没有画面适用于此站</translation>
    </message>
    <message>
        <source>overrides for station &apos;%1&apos;, which the project does not have</source>
        <translation>站点“%1”的单独调整，但工程中没有该站点</translation>
    </message>
    <message>
        <source>Warning: %1 %2</source>
        <translation>警告：%1 %2</translation>
    </message>
    <message>
        <source>Saving a drawing requires the “Engineer” role</source>
        <translation>保存画面需要“工程师”权限</translation>
    </message>
    <message>
        <source>Saving failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>已保存到 %1</translation>
    </message>
    <message>
        <source>%1 has unsaved changes. Save them?</source>
        <translation>%1 有未保存的修改。是否保存？</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Import background…</source>
        <translation>导入背景…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Cut</source>
        <translation>剪切</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组合</translation>
    </message>
    <message>
        <source>Ungroup</source>
        <translation>取消组合</translation>
    </message>
    <message>
        <source>Bring to front</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Bring forward</source>
        <translation>上移一层</translation>
    </message>
    <message>
        <source>Send backward</source>
        <translation>下移一层</translation>
    </message>
    <message>
        <source>Send to back</source>
        <translation>置底</translation>
    </message>
    <message>
        <source>Align left</source>
        <translation>左对齐</translation>
    </message>
    <message>
        <source>Align centres horizontally</source>
        <translation>水平居中对齐</translation>
    </message>
    <message>
        <source>Align right</source>
        <translation>右对齐</translation>
    </message>
    <message>
        <source>Align top</source>
        <translation>顶端对齐</translation>
    </message>
    <message>
        <source>Align centres vertically</source>
        <translation>垂直居中对齐</translation>
    </message>
    <message>
        <source>Align bottom</source>
        <translation>底端对齐</translation>
    </message>
    <message>
        <source>Distribute horizontally</source>
        <translation>水平分布</translation>
    </message>
    <message>
        <source>Distribute vertically</source>
        <translation>垂直分布</translation>
    </message>
    <message>
        <source>Same size</source>
        <translation>等大小</translation>
    </message>
    <message>
        <source>Rotate 90°</source>
        <translation>旋转 90°</translation>
    </message>
    <message>
        <source>Mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Snap to grid</source>
        <translation>吸附网格</translation>
    </message>
    <message>
        <source>Connect pipe</source>
        <translation>连接管道</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Arrange</source>
        <translation>排列(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Drawing</source>
        <translation>画面</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存 (Ctrl+S)</translation>
    </message>
    <message>
        <source>Requires the “Engineer” role</source>
        <translation>需要“工程师”权限</translation>
    </message>
    <message numerus="yes">
        <source>%n selected</source>
        <translation>
            <numerusform>已选 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n element(s) copied</source>
        <translation>
            <numerusform>已复制 %n 个元素</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n element(s) pasted</source>
        <translation>
            <numerusform>已粘贴 %n 个元素</numerusform>
        </translation>
    </message>
    <message>
        <source>— roles declared differently here kept as this drawing has them: %1</source>
        <translation>— 以下角色在本画面中定义不同，保留本画面的定义：%1</translation>
    </message>
    <message>
        <source>These elements cannot be grouped: they must share one parent</source>
        <translation>这些元素不能组合：它们必须属于同一个上级</translation>
    </message>
    <message>
        <source>This group cannot be ungrouped</source>
        <translation>此组合不能取消</translation>
    </message>
    <message>
        <source>Export drawing</source>
        <translation>导出画面</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Import background</source>
        <translation>导入背景</translation>
    </message>
    <message>
        <source>Pictures (*.svg *.png)</source>
        <translation>图片 (*.svg *.png)</translation>
    </message>
    <message>
        <source>Importing a background needs a newer version of the drawing format</source>
        <translation>导入背景需要更新版本的画面格式</translation>
    </message>
    <message>
        <source>New drawing</source>
        <translation>新建画面</translation>
    </message>
    <message>
        <source>Station template:</source>
        <translation>站点模板：</translation>
    </message>
    <message>
        <source>Drawing id (letters, digits, - and _):</source>
        <translation>画面标识（字母、数字、- 和 _）：</translation>
    </message>
    <message>
        <source>The project already has a drawing &apos;%1&apos;</source>
        <translation>工程中已有画面“%1”</translation>
    </message>
    <message>
        <source>Open drawing</source>
        <translation>打开画面</translation>
    </message>
    <message>
        <source>Drawing:</source>
        <translation>画面：</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a drawing id: letters, digits, - and _ only</source>
        <translation>“%1”不是有效的画面标识：只能用字母、数字、- 和 _</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::DrawingEditors</name>
    <message>
        <source>Edit graphics…</source>
        <translation>画面编辑…</translation>
    </message>
    <message>
        <source>Requires the “Engineer” role</source>
        <translation>需要“工程师”权限</translation>
    </message>
    <message>
        <source>Edit the process graphics of the project</source>
        <translation>编辑工程的工艺流程图</translation>
    </message>
    <message>
        <source>Edit graphics</source>
        <translation>画面编辑</translation>
    </message>
    <message>
        <source>Drawing:</source>
        <translation>画面：</translation>
    </message>
    <message>
        <source>Unsaved drawing</source>
        <translation>画面未保存</translation>
    </message>
    <message>
        <source>A drawing has unsaved changes: an engineer must save or discard them first.</source>
        <translation>有画面的修改尚未保存：须由工程师先保存或放弃这些修改。</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::DrawingPreview</name>
    <message>
        <source>hidden</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>moved %1, %2</source>
        <translation>移动 %1, %2</translation>
    </message>
    <message>
        <source>label “%1”</source>
        <translation>标签“%1”</translation>
    </message>
    <message>
        <source>Pick a station to preview the drawing as it shows it.</source>
        <translation>选择一个站点，按该站的显示预览画面。</translation>
    </message>
    <message>
        <source>Adjust for this station only</source>
        <translation>为此站单独调整</translation>
    </message>
    <message>
        <source>The selected element at this station</source>
        <translation>所选元素在此站</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Station (name, pinyin or code)</source>
        <translation>站点（名称、拼音或编号）</translation>
    </message>
    <message>
        <source>Element</source>
        <translation>元素</translation>
    </message>
    <message>
        <source>Move dx, dy</source>
        <translation>移动 dx, dy</translation>
    </message>
    <message>
        <source>Apply to this station</source>
        <translation>应用到此站</translation>
    </message>
    <message>
        <source>This station&apos;s adjustments:</source>
        <translation>此站的单独调整：</translation>
    </message>
    <message numerus="yes">
        <source>Serves %n station(s)</source>
        <translation>
            <numerusform>适用于 %n 个站点</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::DrawingStore</name>
    <message numerus="yes">
        <source>%1; … %n more</source>
        <translation>
            <numerusform>%1；… 另有 %n 项</numerusform>
        </translation>
    </message>
    <message>
        <source>Saving a drawing requires the “Engineer” role</source>
        <translation>保存画面需要“工程师”权限</translation>
    </message>
    <message>
        <source>%1 cannot be saved: it is read-only and the project has no folder to save a copy in</source>
        <translation>无法保存 %1：文件只读，且工程没有可保存副本的文件夹</translation>
    </message>
    <message>
        <source>%1 cannot be written: the folder cannot be created</source>
        <translation>无法写入 %1：无法创建文件夹</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>The drawing was written to %1, but the project has no file to list it in</source>
        <translation>画面已写入 %1，但工程没有文件可以登记它</translation>
    </message>
    <message>
        <source>The drawing was written to %1, but %2 cannot be read again to list it: %3</source>
        <translation>画面已写入 %1，但无法重新读取 %2 以登记它：%3</translation>
    </message>
    <message>
        <source>The drawing was written to %1, but the project %2 cannot be written: %3</source>
        <translation>画面已写入 %1，但无法写入工程 %2：%3</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::EditorLayers</name>
    <message>
        <source>Background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>工艺</translation>
    </message>
    <message>
        <source>Instruments</source>
        <translation>仪表</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::EditorView</name>
    <message>
        <source>Press on a port (or anywhere) and drag to draw a pipe</source>
        <translation>在端口（或任意处）按下并拖动以绘制管道</translation>
    </message>
    <message>
        <source>Release on a port, on a pipe (a tee) or anywhere (a loose end)</source>
        <translation>在端口上松开以连接，在管道上松开形成三通，在空白处松开留作自由端</translation>
    </message>
    <message>
        <source>Drag to a port to connect</source>
        <translation>拖动到端口以连接</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::ElementItem</name>
    <message>
        <source>per pump</source>
        <translation>每台泵</translation>
    </message>
    <message>
        <source>with tank only</source>
        <translation>仅有水箱</translation>
    </message>
    <message>
        <source>without tank</source>
        <translation>无水箱</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::Faceplate</name>
    <message>
        <source>Confirm</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Execute</source>
        <translation>执行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>设定</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>开阀</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Type the new value again:</source>
        <translation>再次输入新设定值：</translation>
    </message>
    <message>
        <source>The two values differ; nothing was selected.</source>
        <translation>两次输入不一致，未选中。</translation>
    </message>
    <message>
        <source>start %1</source>
        <translation>启动%1</translation>
    </message>
    <message>
        <source>stop %1</source>
        <translation>停止%1</translation>
    </message>
    <message>
        <source>open %1</source>
        <translation>打开%1</translation>
    </message>
    <message>
        <source>close %1</source>
        <translation>关闭%1</translation>
    </message>
    <message>
        <source>set %1 to %2</source>
        <translation>%1设为 %2</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Selected by %1: %2 (%3 s left)</source>
        <translation>%1 已选中：%2（剩余 %3 秒）</translation>
    </message>
    <message>
        <source>Executing %1: waiting for feedback (%2 s left)</source>
        <translation>正在执行%1：等待反馈（剩余 %2 秒）</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>成功：%1</translation>
    </message>
    <message>
        <source>Failed: %1 — %2</source>
        <translation>失败：%1 — %2</translation>
    </message>
    <message>
        <source>Confirm: %1? (%2 s)</source>
        <translation>确认%1？（%2 秒）</translation>
    </message>
    <message>
        <source>control is not available</source>
        <translation>控制功能不可用</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>Close</source>
        <comment>a valve</comment>
        <translation>关阀</translation>
    </message>
    <message>
        <source>Close</source>
        <comment>the window</comment>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 not possible — %2</source>
        <translation>不能%1 — %2</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::GraphicsPanel</name>
    <message>
        <source>symbol library: %1</source>
        <translation>图符库：%1</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>Fit the graphic to the window</source>
        <translation>使流程图适应窗口大小</translation>
    </message>
    <message>
        <source>Colours:</source>
        <translation>配色：</translation>
    </message>
    <message>
        <source>No process graphic for %1</source>
        <translation>%1 没有工艺流程图</translation>
    </message>
    <message numerus="yes">
        <source>%n binding(s) could not be resolved (see the log)</source>
        <translation>
            <numerusform>%n 个绑定无法解析（见日志）</numerusform>
        </translation>
    </message>
    <message>
        <source>Own window</source>
        <translation>独立窗口</translation>
    </message>
    <message>
        <source>Show the process graphics in a window of their own, large</source>
        <translation>在独立的大窗口中显示工艺流程图</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the graphic as shown as a PNG image, SVG drawing or PDF</source>
        <translation>将当前显示的流程图保存为 PNG 图片、SVG 矢量图或 PDF</translation>
    </message>
    <message>
        <source>No process graphic is open</source>
        <translation>没有打开的工艺流程图</translation>
    </message>
    <message>
        <source>Export the process graphic</source>
        <translation>导出工艺流程图</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Edit graphic</source>
        <translation>编辑画面</translation>
    </message>
    <message>
        <source>Edit the drawing of this station (engineers)</source>
        <translation>编辑此站的画面（工程师）</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::LayersPanel</name>
    <message>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>锁定</translation>
    </message>
    <message>
        <source>Elements</source>
        <translation>元素数</translation>
    </message>
    <message>
        <source>Show layer %1</source>
        <translation>显示图层 %1</translation>
    </message>
    <message>
        <source>Show layer %1 in the editor</source>
        <translation>在编辑器中显示图层 %1</translation>
    </message>
    <message>
        <source>Lock layer %1</source>
        <translation>锁定图层 %1</translation>
    </message>
    <message>
        <source>Lock layer %1: its elements cannot be selected or moved</source>
        <translation>锁定图层 %1：其元素不能被选中或移动</translation>
    </message>
    <message>
        <source>Move here</source>
        <translation>移到此图层</translation>
    </message>
    <message>
        <source>Move the selected elements to layer %1</source>
        <translation>将选中的元素移到图层 %1</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::LimitEditor</name>
    <message>
        <source>Time periods…</source>
        <translation>分时段设置…</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>The monitored value whose limits the table shows</source>
        <translation>表中显示哪个监控值的报警限值</translation>
    </message>
    <message>
        <source>Station name or pinyin initials</source>
        <translation>站名或拼音首字母</translation>
    </message>
    <message>
        <source>Save to the project file; the new limits apply at once (Ctrl+S)</source>
        <translation>保存到工程文件，新限值立即生效（Ctrl+S）</translation>
    </message>
    <message>
        <source>Monitored value</source>
        <translation>监控值</translation>
    </message>
    <message>
        <source>Save alarm settings</source>
        <translation>保存报警设置</translation>
    </message>
    <message numerus="yes">
        <source>Save %n change(s)? They apply at once and are recorded under your name.</source>
        <translation>
            <numerusform>保存 %n 处修改？修改立即生效，并以您的名义记录在审计日志中。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edited row(s) have problems (shown red; the tooltip says why).</source>
        <translation>
            <numerusform>%n 行修改有问题（红色显示，鼠标悬停查看原因）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not saved yet.</source>
        <translation>
            <numerusform>%n 处修改尚未保存。</numerusform>
        </translation>
    </message>
    <message>
        <source>Edit a cell, paste from a spreadsheet, or double-click Time periods.</source>
        <translation>直接编辑单元格，或从 Excel 粘贴；双击“分时段”列设置分时段限值。</translation>
    </message>
    <message>
        <source>Nothing was saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Nothing was saved:

%1</source>
        <translation>未保存任何修改：

%1</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) saved to %1 and in force.</source>
        <translation>
            <numerusform>%n 处修改已保存到 %1 并已生效。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not numbers, left out: %1</source>
        <translation>不是数字，已忽略：%1</translation>
    </message>
    <message>
        <source>Read only here: in a control room the alarm limits are changed in the project the servers load.</source>
        <translation>此处只读：调度中心模式下报警限值在服务器加载的工程中修改。</translation>
    </message>
    <message>
        <source>Read only: changing alarm limits needs the permission “%1”.</source>
        <translation>只读：修改报警限值需要“%1”权限。</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::LimitTableModel</name>
    <message>
        <source>rate</source>
        <translation>突变率</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>停用</translation>
    </message>
    <message numerus="yes">
        <source>%n period(s)</source>
        <translation>
            <numerusform>%n 个时段</numerusform>
        </translation>
    </message>
    <message>
        <source>delays and deadband</source>
        <translation>延时和死区</translation>
    </message>
    <message>
        <source>%1 %2: %3</source>
        <translation>%1 %2：%3</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>%1–%2 %3: %4</source>
        <translation>%1–%2 %3：%4</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>Mon–Fri</source>
        <translation>周一至周五</translation>
    </message>
    <message>
        <source>Sat, Sun</source>
        <translation>周六、周日</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>站名</translation>
    </message>
    <message>
        <source>Monitored value</source>
        <translation>监控值</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Low-low</source>
        <translation>低低限</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低限</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高限</translation>
    </message>
    <message>
        <source>High-high</source>
        <translation>高高限</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Rate /min</source>
        <translation>突变率 /分钟</translation>
    </message>
    <message>
        <source>Time periods</source>
        <translation>分时段</translation>
    </message>
    <message>
        <source>Edited, not saved yet</source>
        <translation>已修改，尚未保存</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::LoginDialog</name>
    <message>
        <source>No user exists yet. Create the administrator account.</source>
        <translation>尚无用户。请创建管理员账户。</translation>
    </message>
    <message>
        <source>The workstation is locked. Log in to continue, or log in as another user to take over the shift.</source>
        <translation>工作站已锁定。登录以继续，或以其他用户登录以交接班。</translation>
    </message>
    <message>
        <source>Log in to start the shift.</source>
        <translation>请登录开始值班。</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>确认密码</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>First administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Wait a moment before trying again.</source>
        <translation>请稍候再试。</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat new password</source>
        <translation>重复新密码</translation>
    </message>
    <message>
        <source>Change and log in</source>
        <translation>修改并登录</translation>
    </message>
    <message>
        <source>The administrator set this password: choose your own to continue.</source>
        <translation>此密码由管理员设置：请设置您自己的密码后继续。</translation>
    </message>
    <message numerus="yes">
        <source>The password is older than %n day(s): choose a new one to continue.</source>
        <translation>
            <numerusform>密码已超过 %n 天：请设置新密码后继续。</numerusform>
        </translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <source>The account %1 is disabled. Ask an administrator.</source>
        <translation>账户 %1 已停用，请联系管理员。</translation>
    </message>
    <message>
        <source>Too many wrong passwords: %1 is locked until %2. An administrator can unlock it sooner.</source>
        <translation>密码错误次数过多：%1 已锁定至 %2。管理员可提前解锁。</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::MainWindow</name>
    <message>
        <source>Alarm banner</source>
        <translation>报警横幅</translation>
    </message>
    <message>
        <source>Realtime list</source>
        <translation>实时列表</translation>
    </message>
    <message>
        <source>Alarms</source>
        <translation>报警</translation>
    </message>
    <message>
        <source>Alarm records</source>
        <translation>报警记录</translation>
    </message>
    <message>
        <source>Station detail</source>
        <translation>站点详情</translation>
    </message>
    <message>
        <source>Trends</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Station overview</source>
        <translation>站点总览</translation>
    </message>
    <message>
        <source>Database connected</source>
        <translation>数据库已连接</translation>
    </message>
    <message>
        <source>Database unavailable: %1</source>
        <translation>数据库不可用：%1</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>History not stored</source>
        <translation>不保存历史数据</translation>
    </message>
    <message>
        <source>&amp;Workstation</source>
        <translation>工作站(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Lock / change user</source>
        <translation>锁定 / 切换用户(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Dispatcher layout</source>
        <translation>调度员布局</translation>
    </message>
    <message>
        <source>Engineer layout</source>
        <translation>工程师布局</translation>
    </message>
    <message>
        <source>Save layout as mine</source>
        <translation>保存为我的布局</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>全屏</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Dark (control room)</source>
        <translation>深色（控制室）</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The language changes at the next start.</source>
        <translation>语言将在下次启动时切换。</translation>
    </message>
    <message>
        <source>&amp;Alarms</source>
        <translation>报警(&amp;A)</translation>
    </message>
    <message>
        <source>Active alarms</source>
        <translation>实时报警</translation>
    </message>
    <message>
        <source>Silence horn</source>
        <translation>消音</translation>
    </message>
    <message>
        <source>%1 stations: %2 online, %3 offline</source>
        <translation>共 %1 站：在线 %2，离线 %3</translation>
    </message>
    <message>
        <source>%1: cannot create the folder</source>
        <translation>%1：无法创建文件夹</translation>
    </message>
    <message>
        <source>%1: cannot write the image</source>
        <translation>%1：无法写入图片</translation>
    </message>
    <message>
        <source>Alarm settings</source>
        <translation>报警设置</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>地图</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Nobody logged in</source>
        <translation>未登录用户</translation>
    </message>
    <message>
        <source>Close PumpWatch? Alarms are no longer shown or sounded on this workstation until it is started again.</source>
        <translation>确定关闭 PumpWatch？关闭后，本工作站将不再显示报警、不再鸣响，直到重新启动。</translation>
    </message>
    <message numerus="yes">
        <source>%n critical alarm(s) not acknowledged:</source>
        <translation>
            <numerusform>%n 条紧急报警未确认：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>另有 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>继续运行</translation>
    </message>
    <message>
        <source>%1: cannot write the file</source>
        <translation>%1：无法写入文件</translation>
    </message>
    <message>
        <source>Process graphics</source>
        <translation>工艺流程图</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>报表(&amp;R)</translation>
    </message>
    <message>
        <source>Reports…</source>
        <translation>报表…</translation>
    </message>
    <message>
        <source>The outlet meter&apos;s signal cable was loose and it undercounted; the value is the inlet meter&apos;s.</source>
        <translation>出水流量计信号线松动，该时段少计；按进水流量计读数修正。</translation>
    </message>
    <message>
        <source>&amp;Project</source>
        <translation>工程(&amp;P)</translation>
    </message>
    <message>
        <source>Queries</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>&amp;Queries</source>
        <translation>查询(&amp;Q)</translation>
    </message>
    <message>
        <source>History query…</source>
        <translation>综合查询…</translation>
    </message>
    <message>
        <source>Comparison…</source>
        <translation>对比查询…</translation>
    </message>
    <message>
        <source>Period comparison…</source>
        <translation>同比/环比…</translation>
    </message>
    <message>
        <source>History kept by the servers, read from %1</source>
        <translation>历史数据由服务器保存，从 %1 读取</translation>
    </message>
    <message>
        <source>History kept by the servers (not read here: no --db)</source>
        <translation>历史数据由服务器保存（本机未读取：未给 --db）</translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Users and permissions…</source>
        <translation>用户和权限管理(&amp;U)…</translation>
    </message>
    <message>
        <source>%1 may not close the workstation: someone with the permission “%2” must log in to exit (Ctrl+L). The alarms stay watched while it runs.</source>
        <translation>%1 不能关闭工作站：须由具有“%2”权限的用户登录后退出（Ctrl+L）。工作站运行期间报警持续监视。</translation>
    </message>
    <message>
        <source>&amp;Audit trail…</source>
        <translation>审计日志(&amp;A)…</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::MapCanvas</name>
    <message>
        <source>Station detail</source>
        <translation>站点详情</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 公里</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
    <message>
        <source>N</source>
        <translation>北</translation>
    </message>
    <message>
        <source>Zoom %1</source>
        <translation>缩放级别 %1</translation>
    </message>
    <message>
        <source>%1°E %2°N · zoom %3</source>
        <translation>东经 %1° 北纬 %2° · 缩放 %3</translation>
    </message>
    <message>
        <source>Process graphic</source>
        <translation>流程图</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::MapPanel</name>
    <message>
        <source>Find a station (name or pinyin initials), Enter to fly there</source>
        <translation>查找站点（站名或拼音首字母），回车定位</translation>
    </message>
    <message>
        <source>All stations</source>
        <translation>全部站点</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>更新 %1</translation>
    </message>
    <message>
        <source>Base map layers not shown: %1</source>
        <translation>底图图层未显示：%1</translation>
    </message>
    <message>
        <source>Comm %1</source>
        <translation>通讯 %1</translation>
    </message>
    <message>
        <source>Base map</source>
        <translation>底图</translation>
    </message>
    <message>
        <source>Vector layers only</source>
        <translation>仅矢量图层</translation>
    </message>
    <message>
        <source>Pressure %1 %2</source>
        <translation>压力 %1 %2</translation>
    </message>
    <message>
        <source>Flow %1 %2</source>
        <translation>流量 %1 %2</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::NewRoleDialog</name>
    <message>
        <source>Optional (a station may lack the tag)</source>
        <translation>可选（站点可能没有此点位）</translation>
    </message>
    <message>
        <source>New role (%1)</source>
        <translation>新建角色（%1）</translation>
    </message>
    <message>
        <source>Find a tag: name, pinyin initials or key</source>
        <translation>查找点位：名称、拼音首字母或键名</translation>
    </message>
    <message>
        <source>pump[i].running</source>
        <translation>pump[i].running</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>点位</translation>
    </message>
    <message>
        <source>Role name</source>
        <translation>角色名称</translation>
    </message>
    <message>
        <source>The drawing&apos;s template %1 is not in the project.</source>
        <translation>项目中没有画面的模板 %1。</translation>
    </message>
    <message>
        <source>Pick a tag of the template.</source>
        <translation>请选择模板中的一个点位。</translation>
    </message>
    <message>
        <source>Give the role a name.</source>
        <translation>请填写角色名称。</translation>
    </message>
    <message>
        <source>The drawing already declares a role %1.</source>
        <translation>画面已声明角色 %1。</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::PasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat new password</source>
        <translation>重复新密码</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::PeriodCompareModel</name>
    <message numerus="yes">
        <source>Total (comparable, %n station(s))</source>
        <translation>
            <numerusform>合计（可比口径 %n 站）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Month-on-month total (comparable, %n station(s))</source>
        <translation>
            <numerusform>环比合计（可比口径 %n 站）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Year-on-year total (comparable, %n station(s))</source>
        <translation>
            <numerusform>同比合计（可比口径 %n 站）</numerusform>
        </translation>
    </message>
    <message>
        <source>No data in the previous period: left out of the month-on-month total (comparable stations only)</source>
        <translation>上期无数据：不计入环比合计（可比口径）</translation>
    </message>
    <message>
        <source>No data a year before: left out of the year-on-year total (comparable stations only)</source>
        <translation>去年同期无数据：不计入同比合计（可比口径）</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>上期</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>变化量</translation>
    </message>
    <message>
        <source>Month-on-month</source>
        <translation>环比</translation>
    </message>
    <message>
        <source>Same period last year</source>
        <translation>去年同期</translation>
    </message>
    <message>
        <source>Year-on-year</source>
        <translation>同比</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>日均</translation>
    </message>
    <message>
        <source>day</source>
        <translation>日</translation>
    </message>
    <message numerus="yes">
        <source>Overall (comparable, %n station(s))</source>
        <translation>
            <numerusform>总体（可比口径 %n 站）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Month-on-month overall (comparable, %n station(s))</source>
        <translation>
            <numerusform>环比总体（可比口径 %n 站）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Year-on-year overall (comparable, %n station(s))</source>
        <translation>
            <numerusform>同比总体（可比口径 %n 站）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::PropertiesPanel</name>
    <message>
        <source>plan.svg (beside the drawing file)</source>
        <translation>plan.svg（与画面文件同目录）</translation>
    </message>
    <message>
        <source>A colour of the theme, or #rrggbb (the theme should give colours their meaning)</source>
        <translation>主题中的颜色，或 #rrggbb（颜色含义应由主题决定）</translation>
    </message>
    <message>
        <source>(usual colour)</source>
        <translation>（默认颜色）</translation>
    </message>
    <message>
        <source>Flipped left-right</source>
        <translation>左右翻转</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>（未指定）</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>标识</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Symbol</source>
        <translation>符号</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Picture file</source>
        <translation>图片文件</translation>
    </message>
    <message>
        <source>Text colour</source>
        <translation>文字颜色</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>图层</translation>
    </message>
    <message>
        <source>Position x, y</source>
        <translation>位置 x, y</translation>
    </message>
    <message>
        <source>Size w, h</source>
        <translation>尺寸 宽, 高</translation>
    </message>
    <message>
        <source>Rotation (°)</source>
        <translation>旋转（°）</translation>
    </message>
    <message>
        <source>Mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Pipe diameter</source>
        <translation>管径</translation>
    </message>
    <message>
        <source>Opens</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Control object</source>
        <translation>控制对象</translation>
    </message>
    <message>
        <source>Same size as the first</source>
        <translation>与第一个同样大小</translation>
    </message>
    <message>
        <source>label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>text colour</source>
        <translation>文字颜色</translation>
    </message>
    <message>
        <source>symbol</source>
        <translation>符号</translation>
    </message>
    <message>
        <source>diameter</source>
        <translation>管径</translation>
    </message>
    <message>
        <source>target</source>
        <translation>链接目标</translation>
    </message>
    <message>
        <source>control object</source>
        <translation>控制对象</translation>
    </message>
    <message>
        <source>Nothing selected</source>
        <translation>未选中元素</translation>
    </message>
    <message>
        <source>Pipe</source>
        <translation>管道</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Bar</source>
        <translation>棒图</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Button / link</source>
        <translation>按钮/链接</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Trend of its bound values</source>
        <translation>所绑定数据的趋势</translation>
    </message>
    <message>
        <source>Drawing %1</source>
        <translation>画面 %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Each pump (pump[i])</source>
        <translation>每台泵（pump[i]）</translation>
    </message>
    <message numerus="yes">
        <source>%n elements selected</source>
        <translation>
            <numerusform>已选中 %n 个元素</numerusform>
        </translation>
    </message>
    <message>
        <source>An id is a letter or _ followed by letters, digits, _ or -.</source>
        <translation>标识以字母或 _ 开头，后跟字母、数字、_ 或 -。</translation>
    </message>
    <message>
        <source>Another element already has the id %1.</source>
        <translation>已有其他元素使用标识 %1。</translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation>将 %1 改名为 %2</translation>
    </message>
    <message numerus="yes">
        <source>Resize %n elements</source>
        <translation>
            <numerusform>调整 %n 个元素的尺寸</numerusform>
        </translation>
    </message>
    <message>
        <source>Not changed: %1</source>
        <translation>未更改：%1</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::QueryChart</name>
    <message>
        <source>Estimated</source>
        <translation>估算</translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation>修正</translation>
    </message>
    <message>
        <source>Counter reset</source>
        <translation>计数器归零</translation>
    </message>
    <message>
        <source>Counter rollover</source>
        <translation>计数器翻转</translation>
    </message>
    <message>
        <source>Not over yet</source>
        <translation>时段未结束</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::QueryCompareTab</name>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数据项</translation>
    </message>
    <message>
        <source>Stations</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Rank by</source>
        <translation>排名依据</translation>
    </message>
    <message>
        <source>Pick a quantity and the stations to compare, then press Query.</source>
        <translation>选择数据项和要对比的站点，然后点击“查询”。</translation>
    </message>
    <message>
        <source>No history database: queries need one.</source>
        <translation>没有历史数据库，无法查询。</translation>
    </message>
    <message>
        <source>Pick a quantity and tick at least one station.</source>
        <translation>请选择数据项并至少勾选一个站点。</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>时段的结束早于开始。</translation>
    </message>
    <message numerus="yes">
        <source>Comparing %n station(s)…</source>
        <translation>
            <numerusform>正在对比 %n 个站点…</numerusform>
        </translation>
    </message>
    <message>
        <source>Canceled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The query failed: %1</source>
        <translation>查询失败：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n station(s) ranked by %1, step: %2.</source>
        <translation>
            <numerusform>%n 个站点按%1排名，分辨率：%2。</numerusform>
        </translation>
    </message>
    <message>
        <source>Filter stations</source>
        <translation>筛选站点</translation>
    </message>
    <message>
        <source>A part of the name, the pinyin initials (e.g. amlk) or the code</source>
        <translation>名称的一部分、拼音首字母（如 amlk）或编号</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::QueryHistoryTab</name>
    <message>
        <source>Raw up to two days, 15 minutes up to a week, hours up to two months, production days beyond</source>
        <translation>两天内用原始数据，一周内用15分钟，两个月内用小时，更长用生产日</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <source>Tick the quantities to query in the tree, pick the period and press Query.</source>
        <translation>在左侧树中勾选要查询的数据，选择时段，然后点击“查询”。</translation>
    </message>
    <message>
        <source>No history database: queries need one.</source>
        <translation>没有历史数据库，无法查询。</translation>
    </message>
    <message>
        <source>Tick at least one quantity in the tree.</source>
        <translation>请在树中至少勾选一项数据。</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>时段的结束早于开始。</translation>
    </message>
    <message numerus="yes">
        <source>Querying %n series…</source>
        <translation>
            <numerusform>正在查询 %n 条曲线…</numerusform>
        </translation>
    </message>
    <message>
        <source>Canceled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The query failed: %1</source>
        <translation>查询失败：%1</translation>
    </message>
    <message>
        <source>Too many samples to list: the curve and the statistics are complete, for the table pick a coarser step.</source>
        <translation>采样点过多，表格未列出：曲线和统计完整，表格请选较粗的分辨率。</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %2, step: %3, %n row(s), %4 good samples.</source>
        <translation>
            <numerusform>%1 至 %2，分辨率：%3，%n 行，有效样本 %4 个。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::QueryOutputs</name>
    <message>
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copies the table as text that pastes into Excel&apos;s cells</source>
        <translation>将表格复制为文本，可直接粘贴到 Excel 单元格</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Export query</source>
        <translation>导出查询结果</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV，供 Excel 使用 (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Print %1</source>
        <translation>打印 %1</translation>
    </message>
    <message>
        <source>Printing failed: %1</source>
        <translation>打印失败：%1</translation>
    </message>
    <message>
        <source>Sent to %1.</source>
        <translation>已发送到 %1。</translation>
    </message>
    <message numerus="yes">
        <source>Copied %n row(s).</source>
        <translation>
            <numerusform>已复制 %n 行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The curve shows the first %n, the table lists all.</source>
        <translation>
            <numerusform>曲线显示前 %n 条，表格列出全部。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::QueryPanel</name>
    <message>
        <source>History query</source>
        <translation>综合查询</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>对比查询</translation>
    </message>
    <message>
        <source>Period comparison</source>
        <translation>同比/环比</translation>
    </message>
    <message>
        <source>Several quantities over a period: curve, table and statistics</source>
        <translation>一段时间内的多项数据：曲线、表格和统计</translation>
    </message>
    <message>
        <source>One quantity at many stations on one chart, ranked</source>
        <translation>多个站点的同一数据项，同图对比并排名</translation>
    </message>
    <message>
        <source>This period against the previous one and the same period last year</source>
        <translation>本期与上期、去年同期对比</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::QueryPeriodEdit</name>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Auto (%1)</source>
        <translation>自动（%1）</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::QueryPeriodTab</name>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年</translation>
    </message>
    <message>
        <source>The station whose curves of the three periods are overlaid</source>
        <translation>叠加显示该站三个时段的曲线</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Curve of</source>
        <translation>曲线站点</translation>
    </message>
    <message>
        <source>Pick the measure and the period, then press Query.</source>
        <translation>选择指标和时段，然后点击“查询”。</translation>
    </message>
    <message>
        <source>No history database: queries need one.</source>
        <translation>没有历史数据库，无法查询。</translation>
    </message>
    <message>
        <source>Comparing %1…</source>
        <translation>正在对比%1…</translation>
    </message>
    <message>
        <source>Canceled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The query failed: %1</source>
        <translation>查询失败：%1</translation>
    </message>
    <message>
        <source>%1 of %2.</source>
        <translation>%2 %1。</translation>
    </message>
    <message>
        <source>The curves could not be read: %1</source>
        <translation>曲线读取失败：%1</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
    <message>
        <source>%1 (%2), %3</source>
        <translation>%1（%2），%3</translation>
    </message>
    <message>
        <source>, compared over the same elapsed span: %1</source>
        <translation>，按相同已过时段对比：%1</translation>
    </message>
    <message>
        <source>This period %1; previous %2; same period last year %3.</source>
        <translation>本期 %1；上期 %2；去年同期 %3。</translation>
    </message>
    <message>
        <source>Stations with data: this period %1, previous %2, last year %3; comparable: month-on-month %4, year-on-year %5.</source>
        <translation>有数据的站点：本期 %1 站，上期 %2 站，去年同期 %3 站；可比口径：环比 %4 站，同比 %5 站。</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::QueryPicker</name>
    <message>
        <source>A part of the station&apos;s name, its pinyin initials (e.g. amlk) or code, or a quantity&apos;s name (e.g. 压力)</source>
        <translation>站点名称的一部分、拼音首字母（如 amlk）或编号，或数据项名称（如 压力）</translation>
    </message>
    <message>
        <source>Search stations or quantities</source>
        <translation>搜索站点或数据项</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::QueryRange</name>
    <message>
        <source>Current shift</source>
        <translation>本班</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::QueryRunControls</name>
    <message>
        <source>Query</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::QueryStatisticsModel</name>
    <message>
        <source>Only a counter has a total</source>
        <translation>只有累计量有累计值</translation>
    </message>
    <message>
        <source>Series</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Time of minimum</source>
        <translation>最小时间</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Time of maximum</source>
        <translation>最大时间</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均值</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>累计</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Coverage %</source>
        <translation>覆盖率 %</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::QueryTableModel</name>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::ReportCorrectionDialog</name>
    <message>
        <source>Correct a report value</source>
        <translation>修正报表数据</translation>
    </message>
    <message>
        <source>Cell:</source>
        <translation>单元格：</translation>
    </message>
    <message>
        <source>blank (no data)</source>
        <translation>空白（无数据）</translation>
    </message>
    <message>
        <source>Current value:</source>
        <translation>当前值：</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Flags:</source>
        <translation>数据标记：</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>修正方法：</translation>
    </message>
    <message>
        <source>New value:</source>
        <translation>修正值：</translation>
    </message>
    <message>
        <source>Required: why the value is wrong and where the new one comes from</source>
        <translation>必填：原值为何有误，修正值从何而来</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>修正原因：</translation>
    </message>
    <message>
        <source>The correction is recorded with your name and kept; the cell is shown green in the report.</source>
        <translation>修正将连同您的姓名记录在案并永久保存；报表中该单元格以绿色显示。</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::ReportHistory</name>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>Report history</source>
        <translation>报表历史</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Generated by</source>
        <translation>生成人</translation>
    </message>
    <message>
        <source>Generated at</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>not reviewed</source>
        <translation>未审核</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>Select an issued version to review it</source>
        <translation>请选择要审核的已发布版本</translation>
    </message>
    <message>
        <source>Already reviewed by %1</source>
        <translation>已由%1审核</translation>
    </message>
    <message>
        <source>Reviewed by someone other than who generated it</source>
        <translation>须由生成人以外的人审核</translation>
    </message>
    <message>
        <source>Confirm that this version was checked</source>
        <translation>确认此版本已审核</translation>
    </message>
    <message>
        <source>Needs the permission “%1”</source>
        <translation>需要“%1”权限</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::ReportPreviewDialog</name>
    <message>
        <source>Print preview: %1</source>
        <translation>打印预览：%1</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>Fit to window</source>
        <translation>适合窗口</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页 共 %2 页</translation>
    </message>
    <message>
        <source>The report has no pages.</source>
        <translation>报表没有页面。</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::ReportsPanel</name>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>OpenDocument text (*.odt)</source>
        <translation>OpenDocument 文本 (*.odt)</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV 文件（Excel 可打开）(*.csv)</translation>
    </message>
    <message>
        <source>Reports need the history database, and this workstation has none.</source>
        <translation>报表需要历史数据库，本工作站未配置。</translation>
    </message>
    <message>
        <source>Daily comprehensive report</source>
        <translation>综合日报</translation>
    </message>
    <message>
        <source>Water production report</source>
        <translation>产水量报表</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日报</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月报</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年报</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Report:</source>
        <translation>报表：</translation>
    </message>
    <message>
        <source>Tag:</source>
        <translation>测点：</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>日期：</translation>
    </message>
    <message>
        <source>Print preview</source>
        <translation>打印预览</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export as .%1…</source>
        <translation>导出为 .%1…</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>修正…</translation>
    </message>
    <message>
        <source>Generating…</source>
        <translation>正在生成…</translation>
    </message>
    <message>
        <source>Canceled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>The report could not be generated: %1</source>
        <translation>报表生成失败：%1</translation>
    </message>
    <message>
        <source>Generated at %1.</source>
        <translation>生成于 %1。</translation>
    </message>
    <message>
        <source>Notes: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Prepared at: %1</source>
        <translation>制表时间：%1</translation>
    </message>
    <message>
        <source>Select a line&apos;s value in the report to correct it</source>
        <translation>请选择报表中某条线路的数值进行修正</translation>
    </message>
    <message>
        <source>Correct this value (recorded with your name and the reason)</source>
        <translation>修正此数值（连同您的姓名和原因记录在案）</translation>
    </message>
    <message>
        <source>Print %1</source>
        <translation>打印 %1</translation>
    </message>
    <message>
        <source>Printing failed: %1</source>
        <translation>打印失败：%1</translation>
    </message>
    <message>
        <source>Sent to %1.</source>
        <translation>已发送到 %1。</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Exported to %1.</source>
        <translation>已导出到 %1。</translation>
    </message>
    <message>
        <source>Energy report</source>
        <translation>能耗报表</translation>
    </message>
    <message>
        <source>%1 is version %2 of this report as issued; it is kept as it is. Export to another file.</source>
        <translation>%1 是本报表已发布的第 %2 版，须保持原样。请导出到其他文件。</translation>
    </message>
    <message>
        <source>Needs the permission “%1”</source>
        <translation>需要“%1”权限</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::RoleCatalog</name>
    <message>
        <source>%1 needs %2; the role %3 is %4</source>
        <translation>%1 需要%2；角色 %3 是%4</translation>
    </message>
    <message>
        <source>%1 shows %2; the role %3 is %4</source>
        <translation>%1 应显示%2；角色 %3 是%4</translation>
    </message>
    <message>
        <source>the template has no tag &apos;%1&apos;</source>
        <translation>模板中没有点位“%1”</translation>
    </message>
    <message>
        <source>the role is %1 but tag %2 is %3 (%4)</source>
        <translation>角色是%1，但点位 %2 是%3（%4）</translation>
    </message>
    <message>
        <source>the role needs quantity %1, tag %2 is %3</source>
        <translation>角色要求物理量“%1”，点位 %2 是“%3”</translation>
    </message>
    <message>
        <source>tag %1&apos;s unit %2 is not a unit of %3</source>
        <translation>点位 %1 的单位 %2 不是%3的单位</translation>
    </message>
    <message>
        <source>the role writes, tag %1 is read-only</source>
        <translation>角色需要写入，点位 %1 只读</translation>
    </message>
    <message>
        <source>running</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>open</source>
        <translation>开到位</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>关到位</translation>
    </message>
    <message>
        <source>level</source>
        <translation>液位</translation>
    </message>
    <message>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>frequency</source>
        <translation>频率</translation>
    </message>
    <message>
        <source>current</source>
        <translation>电流</translation>
    </message>
    <message>
        <source>power</source>
        <translation>功率</translation>
    </message>
    <message>
        <source>position</source>
        <translation>开度</translation>
    </message>
    <message>
        <source>alarm</source>
        <translation>报警</translation>
    </message>
    <message>
        <source>active</source>
        <translation>动作</translation>
    </message>
    <message>
        <source>door</source>
        <translation>门禁</translation>
    </message>
    <message>
        <source>flood</source>
        <translation>水浸</translation>
    </message>
    <message>
        <source>power failure</source>
        <translation>停电</translation>
    </message>
    <message>
        <source>pressure</source>
        <translation>压力</translation>
    </message>
    <message>
        <source>flow</source>
        <translation>流量</translation>
    </message>
    <message>
        <source>setpoint</source>
        <translation>设定值</translation>
    </message>
    <message>
        <source>bit</source>
        <translation>开关量</translation>
    </message>
    <message>
        <source>analog</source>
        <translation>模拟量</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::SaveDrawingDialog</name>
    <message>
        <source>Save drawing %1</source>
        <translation>保存画面 %1</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>no drawing serves this station after the save</source>
        <translation>保存后没有画面适用于此站</translation>
    </message>
    <message>
        <source>overrides for station &apos;%1&apos;, which the project does not have</source>
        <translation>站点“%1”的单独调整，但工程中没有该站点</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message numerus="yes">
        <source>This drawing serves %n station(s).</source>
        <translation>
            <numerusform>此画面适用于 %n 个站点。</numerusform>
        </translation>
    </message>
    <message>
        <source>Every binding holds.</source>
        <translation>所有绑定均有效。</translation>
    </message>
    <message numerus="yes">
        <source>%n binding problem(s) — the stations show “no signal” there:</source>
        <translation>
            <numerusform>%n 个绑定问题 — 这些站点在该处显示“无信号”：</numerusform>
        </translation>
    </message>
    <message>
        <source>No station opens this drawing: a station opens the first drawing of its template in the project&apos;s list of drawings, and another comes first.</source>
        <translation>没有站点打开此画面：站点打开工程画面列表中属于其模板的第一张画面，而另一张画面排在前面。</translation>
    </message>
    <message numerus="yes">
        <source>%n element(s) show no live signal: a slot is left unbound.</source>
        <translation>
            <numerusform>%n 个元素有未绑定的信号，运行时不显示实时状态。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pipe(s) end loose, attached to no port.</source>
        <translation>
            <numerusform>%n 条管道有自由端，未连接到端口。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::SceneExport</name>
    <message>
        <source>%1: cannot write: %2</source>
        <translation>%1：无法写入：%2</translation>
    </message>
    <message>
        <source>the drawing is empty</source>
        <translation>流程图为空</translation>
    </message>
    <message>
        <source>Process graphic exported by PumpWatch</source>
        <translation>由 PumpWatch 导出的工艺流程图</translation>
    </message>
    <message>
        <source>the SVG writer did not start</source>
        <translation>SVG 写入器无法启动</translation>
    </message>
    <message>
        <source>the PDF writer did not start</source>
        <translation>PDF 写入器无法启动</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>%1: cannot export to &apos;.%2&apos; files (png, svg or pdf)</source>
        <translation>%1：无法导出为“.%2”文件（仅支持 png、svg 或 pdf）</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::StationDetail</name>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>No station selected</source>
        <translation>未选择站点</translation>
    </message>
    <message>
        <source>Double-click a station in the realtime list.</source>
        <translation>请在实时列表中双击站点。</translation>
    </message>
    <message>
        <source>%1 PLC %2</source>
        <translation>%1 PLC %2</translation>
    </message>
    <message>
        <source>%1 tags</source>
        <translation>%1 个测点</translation>
    </message>
    <message>
        <source>Process graphic</source>
        <translation>流程图</translation>
    </message>
    <message>
        <source>%1 Neuron gateway %2/%3</source>
        <translation>%1 Neuron 网关 %2/%3</translation>
    </message>
    <message>
        <source>%1 Sparkplug edge node %2/%3%4</source>
        <translation>%1 Sparkplug 边缘节点 %2/%3%4</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::StationGraphic</name>
    <message>
        <source>Communication lost — last good data %1</source>
        <translation>通讯中断 — 最后有效数据 %1</translation>
    </message>
    <message>
        <source>Communication lost — no data received yet</source>
        <translation>通讯中断 — 尚未收到数据</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::StationListModel</name>
    <message>
        <source>Station</source>
        <translation>站名</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>线路</translation>
    </message>
    <message>
        <source>Pressure (%1)</source>
        <translation>压力(%1)</translation>
    </message>
    <message>
        <source>Flow (%1)</source>
        <translation>瞬时流量(%1)</translation>
    </message>
    <message>
        <source>Totalizer (%1)</source>
        <translation>累计流量(%1)</translation>
    </message>
    <message>
        <source>Communication</source>
        <translation>通讯状态</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
    <message>
        <source>Pressure, %1 h</source>
        <translation>压力 %1h</translation>
    </message>
    <message>
        <source>Flow, %1 h</source>
        <translation>流量 %1h</translation>
    </message>
    <message>
        <source>Supplied today (%1)</source>
        <translation>今日供水量(%1)</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>Not refreshed</source>
        <translation>数据未刷新</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Partly interrupted</source>
        <translation>部分中断</translation>
    </message>
    <message>
        <source>%1 since %2</source>
        <translation>%1（%2起）</translation>
    </message>
    <message>
        <source>Comm failure</source>
        <translation>通讯中断</translation>
    </message>
    <message>
        <source>At least %1 %2: history covers today only from %3, the volume before is not known</source>
        <translation>至少 %1 %2：历史数据只覆盖今天 %3 以后，之前的水量未知</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::StationListView</name>
    <message>
        <source>Search name or pinyin initials (e.g. amlk)</source>
        <translation>搜索站名或拼音首字母（如 amlk）</translation>
    </message>
    <message>
        <source>All districts</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <source>All plants and lines</source>
        <translation>全部水厂和线路</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>In alarm</source>
        <translation>报警中</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>%1 of %2 shown · %3 in alarm · %4 offline</source>
        <translation>显示 %1 / %2 · 报警 %3 · 离线 %4</translation>
    </message>
    <message>
        <source>Alarms first</source>
        <translation>报警优先</translation>
    </message>
    <message>
        <source>Station detail</source>
        <translation>站点详情</translation>
    </message>
    <message>
        <source>Process graphic</source>
        <translation>流程图</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::StationPicker</name>
    <message>
        <source>All stations (type a name or initials)</source>
        <translation>全部站点（输入站名或拼音首字母）</translation>
    </message>
    <message>
        <source>A part of the name, the pinyin initials (e.g. amlk) or the code; empty for all stations</source>
        <translation>站名的一部分、拼音首字母（如 amlk）或编号；留空为全部站点</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::StationTagsModel</name>
    <message>
        <source>rate %1/min</source>
        <translation>突变率 %1/分钟</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>测点</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>报警限值</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <source>%1 (+%n period(s))</source>
        <translation>
            <numerusform>%1（另有 %n 个时段）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::SymbolPalette</name>
    <message>
        <source>Find: name, pinyin (beng) or id</source>
        <translation>查找：名称、拼音（beng）或标识</translation>
    </message>
    <message>
        <source>Symbols and parts</source>
        <translation>符号与图元</translation>
    </message>
    <message>
        <source>Pumps and motors</source>
        <translation>泵与电机</translation>
    </message>
    <message>
        <source>Valves</source>
        <translation>阀门</translation>
    </message>
    <message>
        <source>Tanks</source>
        <translation>水箱与罐</translation>
    </message>
    <message>
        <source>Instruments and sensors</source>
        <translation>仪表与传感器</translation>
    </message>
    <message>
        <source>Values, text and links</source>
        <translation>数值、文本与链接</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Bar</source>
        <translation>棒图</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Button / link</source>
        <translation>按钮/链接</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::TileLayer</name>
    <message>
        <source>Base map %1 cannot be read: %2</source>
        <translation>底图 %1 无法读取：%2</translation>
    </message>
    <message>
        <source>Tiles from %1 cannot be fetched (%2); the map shows what the cache holds</source>
        <translation>无法从 %1 获取瓦片（%2）；地图显示缓存中已有的瓦片</translation>
    </message>
    <message>
        <source>%1 did not send an image</source>
        <translation>%1 返回的不是图片</translation>
    </message>
    <message>
        <source>Tile cache: %1</source>
        <translation>瓦片缓存：%1</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::TrendPanel</name>
    <message>
        <source>Realtime, 10 minutes</source>
        <translation>实时（10 分钟）</translation>
    </message>
    <message>
        <source>Last hour</source>
        <translation>最近 1 小时</translation>
    </message>
    <message>
        <source>Last 6 hours</source>
        <translation>最近 6 小时</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近 30 天</translation>
    </message>
    <message>
        <source>Realtime</source>
        <translation>实时</translation>
    </message>
    <message>
        <source>Reading history…</source>
        <translation>读取历史数据…</translation>
    </message>
    <message>
        <source>%1 samples, %2 to %3</source>
        <translation>%1 个数据点，%2 至 %3</translation>
    </message>
    <message>
        <source>Untick to hide a pen</source>
        <translation>取消勾选可隐藏曲线</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Show the history of this period</source>
        <translation>显示该时段的历史曲线</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>框选放大</translation>
    </message>
    <message>
        <source>Drag to zoom to a range (or hold Ctrl while dragging); drag without it pans, right click zooms out</source>
        <translation>拖动框选时段放大（或按住 Ctrl 拖动）；不按时拖动为平移，右键缩小</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>复原</translation>
    </message>
    <message>
        <source>Back to the chosen range</source>
        <translation>回到所选时段</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export the visible curves</source>
        <translation>导出当前显示的曲线</translation>
    </message>
    <message>
        <source>The start of the period must be before its end.</source>
        <translation>时段的开始必须早于结束。</translation>
    </message>
    <message>
        <source>Export curves</source>
        <translation>导出曲线</translation>
    </message>
    <message>
        <source>trend.csv</source>
        <translation>趋势曲线.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Alarm limits: %1</source>
        <translation>报警限值：%1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::UserAdminDialog</name>
    <message>
        <source>Users and permissions</source>
        <translation>用户和权限管理</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Role permissions</source>
        <translation>角色权限</translation>
    </message>
    <message>
        <source>Password rules</source>
        <translation>密码规则</translation>
    </message>
    <message>
        <source>This workstation has no history database, so changes could not be audited: users and permissions are shown read-only.</source>
        <translation>本工作站未连接历史数据库，修改无法审计：用户和权限仅供查看。</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>单位/科室</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>密码修改时间</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>A change applies at once, also to the users logged in now. The administrators always keep “%1”.</source>
        <translation>修改立即生效，对当前已登录的用户同样生效。管理员始终保留“%1”权限。</translation>
    </message>
    <message>
        <source>Letters and digits both required</source>
        <translation>须同时包含字母和数字</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Minimum length</source>
        <translation>最小长度</translation>
    </message>
    <message>
        <source>Wrong passwords before lockout</source>
        <translation>锁定前允许的密码错误次数</translation>
    </message>
    <message>
        <source>Lockout time</source>
        <translation>锁定时长</translation>
    </message>
    <message>
        <source>Password must be changed after</source>
        <translation>密码有效期</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <source>Active, must change password</source>
        <translation>正常，须修改密码</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>No history database: the change cannot be audited and is not made.</source>
        <translation>未连接历史数据库：修改无法审计，未执行。</translation>
    </message>
    <message>
        <source>Needs the permission “%1”.</source>
        <translation>需要“%1”权限。</translation>
    </message>
    <message>
        <source>Saved and audited.</source>
        <translation>已保存并记录审计。</translation>
    </message>
    <message>
        <source>There is no user %1.</source>
        <translation>用户 %1 不存在。</translation>
    </message>
    <message>
        <source>The administrators always keep “%1”.</source>
        <translation>管理员始终保留“%1”权限。</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::UserEditDialog</name>
    <message>
        <source>Add user</source>
        <translation>新增用户</translation>
    </message>
    <message>
        <source>Edit user</source>
        <translation>修改用户</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>单位/科室</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>重复密码</translation>
    </message>
    <message>
        <source>The user chooses their own at the first login.</source>
        <translation>用户首次登录时须改为自己的密码。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Ui::VariantFields</name>
    <message>
        <source>Once per pump</source>
        <translation>按泵重复</translation>
    </message>
    <message>
        <source>The group&apos;s children are drawn once per pump of the station ({i} in ids and roles is the pump&apos;s number)</source>
        <translation>组内元素按站点的每台泵各画一次（标识和角色中的 {i} 为泵的编号）</translation>
    </message>
    <message>
        <source>Always</source>
        <translation>总是</translation>
    </message>
    <message>
        <source>With a tank</source>
        <translation>有水箱</translation>
    </message>
    <message>
        <source>Without a tank</source>
        <translation>无水箱</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Offset per pump</source>
        <translation>每台泵偏移</translation>
    </message>
    <message>
        <source>Shown</source>
        <translation>显示条件</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>repeat</source>
        <translation>按泵重复</translation>
    </message>
    <message>
        <source>offset</source>
        <translation>偏移</translation>
    </message>
    <message>
        <source>condition</source>
        <translation>显示条件</translation>
    </message>
    <message>
        <source>zone</source>
        <translation>分区</translation>
    </message>
    <message>
        <source>All (no zone)</source>
        <translation>全部（不分区）</translation>
    </message>
    <message>
        <source>%1 (not a zone of the drawing)</source>
        <translation>%1（不是画面的分区）</translation>
    </message>
</context>
<context>
    <name>PumpWatch::UserStore</name>
    <message>
        <source>Operator</source>
        <translation>操作员</translation>
    </message>
    <message>
        <source>Engineer</source>
        <translation>工程师</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>%1: cannot read the users: %2</source>
        <translation>%1：无法读取用户：%2</translation>
    </message>
    <message>
        <source>%1: at byte %2: %3</source>
        <translation>%1：第 %2 字节：%3</translation>
    </message>
    <message>
        <source>%1: users[%2] is incomplete (name, role, kdf, iterations, salt, hash)</source>
        <translation>%1：users[%2] 不完整（name、role、kdf、iterations、salt、hash）</translation>
    </message>
    <message>
        <source>%1: cannot write the users: %2</source>
        <translation>%1：无法写入用户：%2</translation>
    </message>
    <message>
        <source>a user name must not be empty or start or end with a space</source>
        <translation>用户名不能为空，也不能以空格开头或结尾</translation>
    </message>
    <message>
        <source>the password of %1 must have at least 4 characters</source>
        <translation>%1 的密码至少需要 4 个字符</translation>
    </message>
    <message>
        <source>Viewer</source>
        <translation>只读用户</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>There is no user %1.</source>
        <translation>用户 %1 不存在。</translation>
    </message>
    <message>
        <source>“%1”: a login name has 2 to 32 letters, digits, “.”, “_” or “-”.</source>
        <translation>“%1”：登录名须为 2 至 32 个字母、数字、“.”、“_”或“-”。</translation>
    </message>
    <message>
        <source>The user %1 already exists.</source>
        <translation>用户 %1 已存在。</translation>
    </message>
    <message>
        <source>%1 is the last administrator: another must exist first.</source>
        <translation>%1 是最后一个管理员：须先有另一个管理员。</translation>
    </message>
    <message>
        <source>The current password is wrong.</source>
        <translation>当前密码错误。</translation>
    </message>
    <message>
        <source>The new password must differ from the current one.</source>
        <translation>新密码不得与当前密码相同。</translation>
    </message>
</context>
<context>
    <name>PumpWatch::ValueFormat</name>
    <message>
        <source>Running</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>故障</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>开</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>关</translation>
    </message>
    <message>
        <source>Power failure</source>
        <translation>停电</translation>
    </message>
    <message>
        <source>Powered</source>
        <translation>供电正常</translation>
    </message>
    <message>
        <source>Fully open</source>
        <translation>全开</translation>
    </message>
    <message>
        <source>Not open</source>
        <translation>未开</translation>
    </message>
    <message>
        <source>no value yet</source>
        <translation>尚无数值</translation>
    </message>
    <message>
        <source>good</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>substituted</source>
        <translation>替代值</translation>
    </message>
    <message>
        <source>stale</source>
        <translation>数据过期</translation>
    </message>
    <message>
        <source>comm failure</source>
        <translation>通讯故障</translation>
    </message>
    <message>
        <source>sensor fault</source>
        <translation>传感器故障</translation>
    </message>
    <message>
        <source>configuration error</source>
        <translation>配置错误</translation>
    </message>
    <message>
        <source>%1 — %2 (raw value %3)</source>
        <translation>%1 — %2（原始值 %3）</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Workstation::Main</name>
    <message>
        <source>PumpWatch dispatcher workstation.</source>
        <translation>PumpWatch 调度工作站。</translation>
    </message>
    <message>
        <source>user interface language: zh_CN (default) or en</source>
        <translation>界面语言：zh_CN（默认）或 en</translation>
    </message>
    <message>
        <source>PumpWatch</source>
        <translation>PumpWatch</translation>
    </message>
    <message>
        <source>The project cannot be opened:

%1</source>
        <translation>无法打开工程：

%1</translation>
    </message>
    <message>
        <source>project file to run</source>
        <translation>要运行的工程文件</translation>
    </message>
    <message>
        <source>run the built-in demo: a simulated city in-process</source>
        <translation>运行内置演示：进程内模拟城市</translation>
    </message>
    <message>
        <source>folder for users, layouts and history (default: the user&apos;s data folder)</source>
        <translation>用户、布局和历史数据的文件夹（默认：用户数据文件夹）</translation>
    </message>
    <message>
        <source>history database instead of SQLite in the data folder: sqlite:PATH or postgres://user@host:port/database</source>
        <translation>代替数据文件夹中 SQLite 的历史数据库：sqlite:路径 或 postgres://用户@主机:端口/数据库</translation>
    </message>
    <message>
        <source>dark (default) or light</source>
        <translation>dark（默认，深色）或 light（浅色）</translation>
    </message>
    <message>
        <source>with --demo: a fault command for the simulated city, e.g. &quot;burst S0003 on&quot; (repeatable; docs/simulator.md)</source>
        <translation>配合 --demo：向模拟城市发送故障命令，例如 &quot;burst S0003 on&quot;（可重复；见 docs/simulator.md）</translation>
    </message>
    <message>
        <source>render the window and every panel to DIR/*.png once the data has settled, then exit (with --demo, logs in as the demo dispatcher)</source>
        <translation>数据稳定后把窗口和每个面板渲染为 DIR/*.png 并退出（配合 --demo，以演示调度员登录）</translation>
    </message>
    <message>
        <source>seconds to wait before the snapshot (default 12)</source>
        <translation>截图前等待的秒数（默认 12）</translation>
    </message>
    <message>
        <source>give either --project FILE or --demo</source>
        <translation>请指定 --project 文件 或 --demo</translation>
    </message>
    <message>
        <source>%1: cannot create the data folder</source>
        <translation>%1：无法创建数据文件夹</translation>
    </message>
    <message>
        <source>The demo city cannot start:

%1</source>
        <translation>演示城市无法启动：

%1</translation>
    </message>
    <message>
        <source>--fault &apos;%1&apos;: %2</source>
        <translation>--fault &apos;%1&apos;：%2</translation>
    </message>
    <message>
        <source>%1: the alarm rules have errors:

%2</source>
        <translation>%1：报警规则有错误：

%2</translation>
    </message>
    <message>
        <source>--snapshot logs in as the demo dispatcher: use it with --demo</source>
        <translation>--snapshot 以演示调度员登录：请与 --demo 一起使用</translation>
    </message>
    <message>
        <source>--settle must be a number of seconds</source>
        <translation>--settle 必须是秒数</translation>
    </message>
    <message>
        <source>Zhang San</source>
        <translation>张三</translation>
    </message>
    <message>
        <source>Li Si</source>
        <translation>李四</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>%1: cannot write the image</source>
        <translation>%1：无法写入图片</translation>
    </message>
    <message>
        <source>--fault &apos;%1&apos;: not a fault command; one of %2 (docs/simulator.md)</source>
        <translation>--fault &apos;%1&apos;：不是故障命令；可用的有 %2（见 docs/simulator.md）</translation>
    </message>
    <message>
        <source>Demo accounts: zhangsan (operator), lisi (engineer), admin (administrator), wangwu (viewer); password: demo</source>
        <translation>演示账号：zhangsan（操作员）、lisi（工程师）、admin（管理员）、wangwu（只读用户）；密码：demo</translation>
    </message>
    <message>
        <source>Wang Wu</source>
        <translation>王五</translation>
    </message>
    <message>
        <source>with --demo: the last %1 stations report through IoT gateways (%2 Sparkplug B edge nodes, %2 EMQ Neuron) over a mosquitto broker started on loopback</source>
        <translation>与 --demo 一起使用：最后 %1 个站点经物联网网关上报（%2 个 Sparkplug B 边缘节点、%2 个 EMQ Neuron），通过在本机启动的 mosquitto 代理</translation>
    </message>
    <message>
        <source>--gateways goes with --demo</source>
        <translation>--gateways 须与 --demo 一起使用</translation>
    </message>
    <message>
        <source>The demo&apos;s MQTT broker cannot start:

%1</source>
        <translation>演示用的 MQTT 代理无法启动：

%1</translation>
    </message>
    <message>
        <source>the broker password, first line of FILE</source>
        <translation>代理密码，取自 FILE 的第一行</translation>
    </message>
    <message>
        <source>--remote goes with --project: the demo runs its own city</source>
        <translation>--remote 须与 --project 一起使用：演示模式运行自己的模拟城市</translation>
    </message>
    <message>
        <source>The broker %1 cannot be used:

%2</source>
        <translation>无法使用代理 %1：

%2</translation>
    </message>
    <message>
        <source>a workstation of a control room: values and alarms from the servers through this MQTT broker, acknowledgements and shelving sent to them, mqtt://workstation@host:port (docs/deploy-control-room.md)</source>
        <translation>调度中心工作站：经此 MQTT 代理从服务器获取数值和报警，确认和搁置发送给服务器，mqtt://工作站@主机:端口（见 docs/deploy-control-room.md）</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Workstation::Probe</name>
    <message>
        <source>unknown command: %1</source>
        <translation>未知命令：%1</translation>
    </message>
    <message>
        <source>run without windows</source>
        <translation>无窗口运行</translation>
    </message>
    <message>
        <source>project file</source>
        <translation>工程文件</translation>
    </message>
    <message>
        <source>the broker, mqtt://workstation@host:port</source>
        <translation>代理，mqtt://工作站@主机:端口</translation>
    </message>
    <message>
        <source>the broker password, first line of FILE</source>
        <translation>代理密码，取自 FILE 的第一行</translation>
    </message>
    <message>
        <source>who acts: login:name:role (default probe:probe:operator)</source>
        <translation>操作人：登录名:姓名:角色（默认 probe:probe:operator）</translation>
    </message>
    <message>
        <source>ms a request may wait (default 5000)</source>
        <translation>请求最多等待的毫秒数（默认 5000）</translation>
    </message>
    <message>
        <source>--probe needs --project FILE and --remote URL</source>
        <translation>--probe 需要 --project FILE 和 --remote URL</translation>
    </message>
    <message>
        <source>--user: write login:name:role</source>
        <translation>--user：请写成 登录名:姓名:角色</translation>
    </message>
    <message>
        <source>broker: the connection could not be set up</source>
        <translation>代理：无法建立连接</translation>
    </message>
</context>
<context>
    <name>PumpWatch::Workstation::RemoteWorkstation</name>
    <message>
        <source>Alarm limits are changed on the server&apos;s project in a control room; nothing was changed</source>
        <translation>调度中心模式下报警限值须在服务器的工程中修改；未做任何更改</translation>
    </message>
    <message>
        <source>Realtime link lost since %1: values are old, control is disabled</source>
        <translation>实时链路自 %1 中断：数值已过时，控制已禁用</translation>
    </message>
    <message>
        <source>Server %1 is offline: waiting for its standby</source>
        <translation>服务器 %1 离线：等待备用服务器接管</translation>
    </message>
    <message>
        <source>No server has announced itself on the broker yet</source>
        <translation>代理上尚无服务器上线</translation>
    </message>
    <message>
        <source>Receiving the stations&apos; state: %1 of %2</source>
        <translation>正在接收泵房状态：%1 / %2</translation>
    </message>
</context>
</TS>
