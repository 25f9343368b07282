export {};
//# sourceMappingURL=ids.test.d.ts.map