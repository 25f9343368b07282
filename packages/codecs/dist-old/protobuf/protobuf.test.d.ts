export {};
//# sourceMappingURL=protobuf.test.d.ts.map