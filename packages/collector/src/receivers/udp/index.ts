export { UdpReceiver, createUdpCompactReceiver, createUdpBinaryReceiver, type UdpReceiverDeps, type UdpReceiverStats, type UdpReceiverName } from './udp-receiver.js';
export { udpProcessorOptions, udpCompactOptions, udpBinaryOptions, type UdpReceiverConfig, type UdpProcessorName } from './options.js';
export { BoundedPacketQueue } from './packet-queue.js';
