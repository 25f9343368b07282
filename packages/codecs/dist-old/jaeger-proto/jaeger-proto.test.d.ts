export {};
//# sourceMappingURL=jaeger-proto.test.d.ts.map