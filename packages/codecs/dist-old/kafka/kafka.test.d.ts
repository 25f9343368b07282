export {};
//# sourceMappingURL=kafka.test.d.ts.map