export {};
//# sourceMappingURL=int64.test.d.ts.map