export {};
//# sourceMappingURL=hex-ids.test.d.ts.map