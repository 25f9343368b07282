export {};
//# sourceMappingURL=zipkin.test.d.ts.map