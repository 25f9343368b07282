export {};
//# sourceMappingURL=thrift.test.d.ts.map