export {};
//# sourceMappingURL=thrift.bench.d.ts.map