export {};
//# sourceMappingURL=strings.test.d.ts.map