export {};
//# sourceMappingURL=protobuf.bench.d.ts.map