export { UdpReceiver, createUdpCompactReceiver, createUdpBinaryReceiver, createUdpZipkinCompactReceiver, type UdpReceiverDeps, type UdpReceiverStats, type UdpReceiverName } from './udp-receiver.js';
export { udpProcessorOptions, udpCompactOptions, udpBinaryOptions, udpZipkinCompactOptions, type UdpReceiverConfig, type UdpProcessorName } from './options.js';
export { BoundedPacketQueue } from './packet-queue.js';
