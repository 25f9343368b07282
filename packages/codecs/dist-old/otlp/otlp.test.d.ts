export {};
//# sourceMappingURL=otlp.test.d.ts.map