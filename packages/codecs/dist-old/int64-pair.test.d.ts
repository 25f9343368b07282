export {};
//# sourceMappingURL=int64-pair.test.d.ts.map