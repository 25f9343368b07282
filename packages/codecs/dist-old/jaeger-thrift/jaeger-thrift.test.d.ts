export {};
//# sourceMappingURL=jaeger-thrift.test.d.ts.map